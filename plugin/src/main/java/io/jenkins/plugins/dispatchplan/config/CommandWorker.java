package io.jenkins.plugins.dispatchplan.config;

import hudson.Extension;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.worker.WorkerCommand;
import io.dispatchplan.worker.WorkerOutcome;
import io.dispatchplan.worker.WorkerRequest;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Any other CLI as the worker: {@code command(script: 'codex exec --full-auto "$(cat "$TASKS_FILE")"')}.
 *
 * <p>The script is Jenkinsfile text (trusted like any {@code sh} step); plan text reaches it only through
 * the environment ({@code TASKS_FILE}, {@code WORKSTREAM_ID}, ...), never as shell source.
 */
public final class CommandWorker extends WorkerConfig {
    private static final long serialVersionUID = 1L;

    private final String script;
    private String apiKeyVariable;

    @DataBoundConstructor
    public CommandWorker(String script) {
        String s = Text.trimToNull(script);
        if (s == null) {
            throw new IllegalArgumentException("command: script is required, e.g. command(script: './ai-worker.sh')");
        }
        this.script = s;
    }

    @Override
    public String getKind() {
        return "command";
    }

    public String getScript() {
        return script;
    }

    @Override
    public String getApiKeyVariable() {
        return apiKeyVariable;
    }

    /** Variable the {@code credentialsId} secret is bound to, e.g. {@code OPENAI_API_KEY}. */
    @DataBoundSetter
    public void setApiKeyVariable(String apiKeyVariable) {
        String v = Text.trimToNull(apiKeyVariable);
        if (v != null && !v.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("command: apiKeyVariable '" + v + "' is not an environment variable name");
        }
        this.apiKeyVariable = v;
    }

    @Override
    public WorkerCommand command(WorkerRequest request) {
        return io.dispatchplan.worker.CommandWorker.shell(script).command(request);
    }

    @Override
    public io.dispatchplan.worker.Worker resolver() {
        return io.dispatchplan.worker.CommandWorker.shell(script);
    }

    @Override
    public WorkerOutcome judge(WorkerRequest request, ProcessResult process) {
        return io.dispatchplan.worker.CommandWorker.shell(script).judge(request, process);
    }

    @Extension
    @Symbol("command")
    public static final class DescriptorImpl extends WorkerDescriptor {
        @Override
        public String getDisplayName() {
            return "Command";
        }
    }
}
