package io.dispatchplan.plan;

import java.util.regex.Pattern;

/**
 * What a dependency adds after the workstream it names when it asks for less than all of it: {@code Stream A to
 * reach 50% completion}, {@code A1 reaches 50%}, {@code B once started}. A run can only wait for a whole workstream,
 * so such a condition is kept as a precondition (text), never checked.
 */
final class Preconditions {
    private static final Pattern PARTIAL_PROGRESS = Pattern.compile(
            "(?i)\\d+\\s*%|\\bpercent\\b|\\breach(?:es|ed|ing)?\\b|\\bhalf(?:way)?\\b|\\bpartial(?:ly)?\\b"
                    + "|\\bmid-?\\s?way\\b|\\bstarted\\b|\\bbegun\\b|\\bin\\s+progress\\b|\\bmilestone\\b"
                    + "|\\bfirst\\s+(?:part|phase|draft|pass)\\b");

    private Preconditions() {}

    /** True when the text after a reference asks for part of the workstream rather than all of it. */
    static boolean partialProgress(String rest) {
        return rest != null && !rest.isBlank() && PARTIAL_PROGRESS.matcher(rest).find();
    }
}
