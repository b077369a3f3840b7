package io.dispatchplan.plan;

/**
 * Something a plan writes like a workstream that the reader did not read as one. It is reported as a
 * warning, or with --strict as an error, so nothing is dropped silently.
 *
 * @param line 1-based line
 * @param shown how the plan writes it, e.g. {@code **Remove legacy billing**}
 * @param why why it was not read, and how to make it a workstream
 */
public record NotRead(int line, String shown, String why) {

    public String message() {
        return "'" + shown + "' looks like a workstream but was not read because " + why;
    }
}
