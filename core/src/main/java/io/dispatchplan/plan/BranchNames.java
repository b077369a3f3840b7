package io.dispatchplan.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a branch name a plan gives, by the rules of {@code git check-ref-format --branch}. */
public final class BranchNames {
    private static final Pattern FORBIDDEN = Pattern.compile("[\\x00-\\x20\\x7f~^:?*\\[\\\\]");

    private BranchNames() {}

    /** Why the name is not a usable branch name, or empty if it is fine. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("it is empty");
        }
        if (FORBIDDEN.matcher(name).find()) {
            return Optional.of("it contains a space, a control character or one of ~ ^ : ? * [ \\");
        }
        if (name.startsWith("-")) {
            return Optional.of("it starts with '-'");
        }
        if (name.contains("..") || name.contains("@{") || name.equals("@") || name.contains("//")) {
            return Optional.of("it contains '..', '@{' or '//', or is '@'");
        }
        if (name.startsWith("/") || name.endsWith("/") || name.endsWith(".")) {
            return Optional.of("it starts or ends with '/' or ends with '.'");
        }
        for (String part : name.split("/")) {
            if (part.startsWith(".") || part.endsWith(".lock")) {
                return Optional.of("a part of it starts with '.' or ends with '.lock'");
            }
        }
        return Optional.empty();
    }
}
