package io.dispatchplan.worker;

/**
 * The prompt given on the command line. It only points at files: the plan's text reaches Claude through
 * TASKS.md, never through an argument.
 */
public final class ClaudePrompts {

    public static final String DEFAULT_PROMPT = "You are the worker for workstream {workstreamId} of feature "
            + "{feature}. Read your instructions in {tasksFile} and the shared notes in {coordinationFile}, then do "
            + "the work in this directory and commit it with git. When you are done, write your report to "
            + "{resultsFile} as the instructions describe.";

    public static final String DEFAULT_RESUME_PROMPT = "Continue the work of workstream {workstreamId} described "
            + "in {tasksFile} from where you stopped. Finish it, commit it with git, and make sure your report is "
            + "in {resultsFile}.";

    private ClaudePrompts() {
    }

    /** The prompt for this request; {@code resume} picks the resume prompt. */
    public static String render(ClaudeWorkerConfig config, WorkerRequest request, boolean resume) {
        String template = resume
                ? (config.resumePrompt() == null ? DEFAULT_RESUME_PROMPT : config.resumePrompt())
                : (config.prompt() == null ? DEFAULT_PROMPT : config.prompt());
        return template
                .replace("{workstreamId}", request.workstreamId())
                .replace("{feature}", request.feature())
                .replace("{tasksFile}", request.tasksFile().toString())
                .replace("{coordinationFile}", request.coordinationFile().toString())
                .replace("{resultsFile}", request.resultsFile().toString());
    }
}
