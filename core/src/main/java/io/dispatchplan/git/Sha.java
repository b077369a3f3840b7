package io.dispatchplan.git;

import java.util.regex.Pattern;

/** Full commit ids (SHA-1 or SHA-256, lower-case hex), as git prints them. */
public final class Sha {
    private static final Pattern FULL = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

    private Sha() {
    }

    public static boolean isFull(String text) {
        return text != null && FULL.matcher(text).matches();
    }

    /** {@code text} when it is a full commit id; a clear error naming {@code what} otherwise. */
    public static String requireFull(String text, String what) {
        if (!isFull(text)) {
            throw new IllegalArgumentException(what + " is not a full commit id: '" + text + "'");
        }
        return text;
    }
}
