package io.dispatchplan.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns names from plan text into ids that are safe as git branch names, directory names, Jenkins
 * parallel branch names and artifact paths: only {@code [a-z0-9._-]}, no {@code ..}, never starting with
 * {@code -} or {@code .}, never ending with {@code .} or {@code .lock}, never a Windows device name
 * ({@code con}, {@code aux.txt}, ...), at most {@value #MAX_LENGTH} characters. Slugs are lower case, so ids
 * that differ only in case collide and {@link #uniqueSlugs} tells them apart.
 */
public final class Slugs {
    public static final int MAX_LENGTH = 60;

    /** The last part of the integration branch, {@code <feature>/integration}. */
    public static final String INTEGRATION = "integration";

    /** Ids the engine itself uses next to workstream ids (e.g. {@code <feature>/integration}). */
    public static final Set<String> RESERVED = Set.of(INTEGRATION, "plan", "failfast");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern DASHES_AROUND_DOT = Pattern.compile("-*\\.-*");
    private static final Pattern DASHES = Pattern.compile("-{2,}");
    private static final Pattern LEADING = Pattern.compile("^[-._]+");
    private static final Pattern TRAILING = Pattern.compile("[-.]+$");
    /** Names Windows keeps for devices, whatever the case and whatever extension follows. */
    private static final Pattern WINDOWS_DEVICE = Pattern.compile("(?i)(con|prn|aux|nul|com[1-9]|lpt[1-9])");

    private Slugs() {}

    public static String slug(String name) {
        String text = name == null ? "" : name;
        // ASCII is its own NFKD form and has no combining marks.
        String ascii = isAscii(text)
                ? text
                : MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        StringBuilder out = new StringBuilder();
        for (char c : ascii.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_') {
                out.append(c);
            } else if (c == '.') {
                out.append('.');
            } else {
                out.append('-');
            }
        }
        // Dashes next to a dot go first: collapsing them can bring two dots together. Each pattern only runs
        // where it could match: most names have no dot and no double dash.
        String slug = out.toString();
        if (slug.indexOf('.') >= 0) {
            slug = DASHES_AROUND_DOT.matcher(slug).replaceAll(".");
            slug = DOTS.matcher(slug).replaceAll(".");
        }
        if (slug.contains("--")) {
            slug = DASHES.matcher(slug).replaceAll("-");
        }
        if (!slug.isEmpty() && "-._".indexOf(slug.charAt(0)) >= 0) {
            slug = LEADING.matcher(slug).replaceAll("");
        }
        if (!slug.isEmpty() && "-.".indexOf(slug.charAt(slug.length() - 1)) >= 0) {
            slug = TRAILING.matcher(slug).replaceAll("");
        }
        if (slug.endsWith(".lock")) {
            slug = slug.substring(0, slug.length() - ".lock".length()) + "-lock";
        }
        boolean hasLetterOrDigit = slug.chars().anyMatch(Character::isLetterOrDigit);
        if (!hasLetterOrDigit) {
            // Nothing readable survived (e.g. all CJK or punctuation): keep names distinct by hashing.
            return text.isBlank() ? "workstream" : "ws-" + shortHash(text);
        }
        slug = avoidDeviceName(slug);
        if (slug.length() > MAX_LENGTH) {
            String head = TRAILING.matcher(slug.substring(0, MAX_LENGTH - 9)).replaceAll("");
            slug = head + "-" + shortHash(text);
        }
        return slug;
    }

    /**
     * Slugs every name and makes the results distinct, in order: a later name whose slug is taken (or
     * reserved) gets {@code -2}, {@code -3}, ... appended.
     */
    public static List<String> uniqueSlugs(List<String> names) {
        Set<String> taken = new HashSet<>(RESERVED);
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            String base = slug(name);
            String id = base;
            for (int n = 2; !taken.add(id); n++) {
                id = base + "-" + n;
            }
            ids.add(id);
        }
        return ids;
    }

    /** True when {@code name}, a file or directory name, is a Windows device name such as {@code con} or {@code lpt1.txt}. */
    public static boolean isWindowsDeviceName(String name) {
        int dot = name.indexOf('.');
        int stem = dot < 0 ? name.length() : dot;
        if (stem != 3 && stem != 4) {
            return false; // every device name has 3 or 4 characters
        }
        return WINDOWS_DEVICE.matcher(dot < 0 ? name : name.substring(0, dot)).matches();
    }

    /** {@code con} becomes {@code con-ws}, {@code con.txt} becomes {@code con-ws.txt}: never a device on Windows. */
    private static String avoidDeviceName(String slug) {
        if (!isWindowsDeviceName(slug)) {
            return slug;
        }
        int dot = slug.indexOf('.');
        return dot < 0 ? slug + "-ws" : slug.substring(0, dot) + "-ws" + slug.substring(dot);
    }

    /** True when the text is already a slug this class could have produced. */
    public static boolean isSafe(String id) {
        return id != null && !id.isEmpty() && id.equals(slug(id));
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
