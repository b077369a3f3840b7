package io.dispatchplan.worker;

import java.util.regex.Pattern;

/**
 * Decides whether a failed attempt is worth repeating. Only passing causes are: an overloaded or rate-limited
 * API (HTTP 429, 529, 5xx), {@code error_during_execution}, a process lost to a signal nobody in the engine
 * sent. Never a limit the user set ({@code error_max_turns}, {@code error_max_budget_usd}), a timeout, or an
 * error that will only repeat (a bad key, a bad request).
 */
public final class RetryClassifier {

    /** Exit codes of a process killed by SIGHUP, SIGKILL, SIGTERM (128 + signal). */
    private static final int SIGHUP_EXIT = 129;
    private static final int SIGKILL_EXIT = 137;
    private static final int SIGTERM_EXIT = 143;
    /** sysexits' EX_TEMPFAIL: a command worker's way to say "try me again". */
    public static final int TEMPORARY_FAILURE_EXIT = 75;

    private static final Pattern OVERLOAD = Pattern.compile(
            "(?<![0-9])(429|529)(?![0-9])|overloaded|rate[ _-]?limit|too many requests",
            Pattern.CASE_INSENSITIVE);

    private RetryClassifier() {
    }

    /** The verdict and the cause in words. */
    public record Verdict(boolean retryable, String cause) {
        static Verdict retry(String cause) {
            return new Verdict(true, cause);
        }

        static Verdict stop(String cause) {
            return new Verdict(false, cause);
        }
    }

    /** A Claude attempt that ended (not timed out) without success. */
    public static Verdict classifyClaude(ClaudeResult result, int exitCode, String stderr) {
        return switch (result.status()) {
            case SUCCESS -> Verdict.stop("succeeded");
            case MAX_TURNS -> Verdict.stop("the turn limit was reached");
            case MAX_BUDGET -> Verdict.stop("the budget limit was reached");
            case EXECUTION_ERROR -> Verdict.retry("error during execution");
            case API_ERROR -> apiError(result, stderr);
            case OTHER_ERROR -> overloadIn(result.result(), stderr)
                    ? Verdict.retry("the API was overloaded or rate-limited")
                    : Verdict.stop("unknown error subtype " + result.subtype());
            case NO_OUTPUT, UNREADABLE -> lostOrOverloaded(exitCode, stderr);
        };
    }

    /** A command attempt that exited non-zero (not timed out). */
    public static Verdict classifyCommand(int exitCode, String stderr) {
        if (exitCode == TEMPORARY_FAILURE_EXIT) {
            return Verdict.retry("the command reported a temporary failure (exit " + TEMPORARY_FAILURE_EXIT + ")");
        }
        return killedBySignal(exitCode)
                ? Verdict.retry("the process was lost (killed by signal " + (exitCode - 128) + ")")
                : Verdict.stop("the command failed");
    }

    private static Verdict apiError(ClaudeResult result, String stderr) {
        Integer status = result.apiErrorStatus();
        if (status != null) {
            if (status == 429 || status == 529 || status >= 500) {
                return Verdict.retry("the API answered HTTP " + status);
            }
            return Verdict.stop("the API refused the request (HTTP " + status + ")");
        }
        return overloadIn(result.result(), stderr)
                ? Verdict.retry("the API was overloaded or rate-limited")
                : Verdict.stop("the API reported an error");
    }

    private static Verdict lostOrOverloaded(int exitCode, String stderr) {
        if (killedBySignal(exitCode)) {
            return Verdict.retry("the process was lost (killed by signal " + (exitCode - 128) + ")");
        }
        if (overloadIn(null, stderr)) {
            return Verdict.retry("the API was overloaded or rate-limited");
        }
        return Verdict.stop("the process ended without a result");
    }

    static boolean overloadIn(String resultText, String stderr) {
        return (resultText != null && OVERLOAD.matcher(resultText).find())
                || (stderr != null && OVERLOAD.matcher(stderr).find());
    }

    private static boolean killedBySignal(int exitCode) {
        return exitCode == SIGHUP_EXIT || exitCode == SIGKILL_EXIT || exitCode == SIGTERM_EXIT;
    }
}
