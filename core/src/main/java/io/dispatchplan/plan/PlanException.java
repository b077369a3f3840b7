package io.dispatchplan.plan;

/**
 * A plan a user must fix. The message names where (file and line when known), what is wrong and how to
 * fix it; callers print it as is, never a stack trace.
 */
public class PlanException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    public PlanException(String source, int line, String message) {
        super(format(source, line, message));
        this.source = source;
        this.line = line;
        this.problem = message;
    }

    public PlanException(String source, String message) {
        this(source, 0, message);
    }

    public String source() {
        return source;
    }

    /** 1-based line, 0 when the problem is not tied to one line. */
    public int line() {
        return line;
    }

    /** The message without the file and line in front. */
    public String problem() {
        return problem;
    }

    private static String format(String source, int line, String message) {
        StringBuilder where = new StringBuilder();
        if (source != null && !source.isEmpty()) {
            where.append(source);
            if (line > 0) {
                where.append(':').append(line);
            }
            where.append(": ");
        } else if (line > 0) {
            where.append("line ").append(line).append(": ");
        }
        return where + message;
    }
}
