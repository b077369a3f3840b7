package io.dispatchplan.git;

/**
 * The rules of {@code git check-ref-format --branch} checked without starting git (a worktree is prepared
 * for every workstream, and each process start costs milliseconds).
 */
public final class BranchName {

    private BranchName() {
    }

    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.equals("@") || name.startsWith("-") || name.startsWith("/")
                || name.endsWith("/") || name.endsWith(".") || name.contains("..") || name.contains("//")
                || name.contains("@{")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || " ~^:?*[\\".indexOf(c) >= 0) {
                return false;
            }
        }
        for (String component : name.split("/")) {
            if (component.startsWith(".") || component.endsWith(".lock")) {
                return false;
            }
        }
        return true;
    }
}
