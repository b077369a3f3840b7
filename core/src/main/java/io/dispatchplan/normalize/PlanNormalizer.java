package io.dispatchplan.normalize;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.files.UnsafePathException;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.plan.FeatureNames;
import io.dispatchplan.plan.Normalization;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanOptions;
import io.dispatchplan.plan.PlanReader;
import io.dispatchplan.plan.PlanSchema;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code --normalize}: a prose document becomes a plan written by Claude Code. The model's answer is read and
 * validated like any YAML/JSON plan and written beside the document ({@link NormalizedPlanFile}) with a note saying a
 * model wrote it, from which file and commit; while the document's text is the same, that file is read and nothing
 * is sent. A plan already in YAML/JSON is read as it is.
 */
public final class PlanNormalizer {
    private static final int MAX_ANSWER_LINES = 200;
    private final ClaudeWorkerConfig claude;
    private final Map<String, String> environment;
    private final ProcessRunner runner;
    private final GitCli git;
    private final Duration timeout;

    /**
     * @param claude the worker's configuration: its executable, model, budget ({@code maxBudgetUsd}, else
     *     {@value ClaudePlanCall#DEFAULT_BUDGET_USD} dollars) and turn limit are used
     * @param environment variables for Claude Code besides this process's own, e.g. the API key
     */
    public PlanNormalizer(ClaudeWorkerConfig claude, Map<String, String> environment) {
        this(claude, environment, new ProcessRunner(), new GitCli(), ClaudePlanCall.DEFAULT_TIMEOUT);
    }

    private PlanNormalizer(ClaudeWorkerConfig claude, Map<String, String> environment, ProcessRunner runner,
            GitCli git, Duration timeout) {
        this.claude = claude;
        this.environment = Map.copyOf(environment);
        this.runner = runner;
        this.git = git;
        this.timeout = timeout;
    }

    /** How long Claude Code may take to answer before its process tree is stopped (default 10 minutes). */
    public PlanNormalizer withTimeout(Duration limit) {
        return new PlanNormalizer(claude, environment, runner, git, limit);
    }

    /** How the plan was had. */
    public enum How {
        /** Claude Code was asked, and its plan written beside the document. */
        ASKED,
        /** The plan written beside the document earlier, from the same text: nothing was sent. */
        CACHED,
        /** The document is a YAML/JSON plan already: read as it is, nothing sent. */
        NOT_NEEDED
    }

    /**
     * @param plan the validated plan
     * @param planFile the normalized plan beside the document; null for {@link How#NOT_NEEDED}
     * @param how whether Claude Code was asked
     * @param costUsd what the call cost as Claude Code reported it; null when nothing was sent
     * @param replaced whether the plan file was there before, written from an earlier text of the document
     */
    public record Normalized(Plan plan, Path planFile, How how, Double costUsd, boolean replaced) {

        /** What happened, in one sentence, naming the document and the plan file as the user knows them. */
        public String describe(String document, String shownPlanFile) {
            return switch (how) {
                case ASKED -> "Claude Code wrote the plan of " + document + (costUsd == null ? ""
                        : String.format(Locale.ROOT, " ($%.4f)", costUsd)) + " to " + shownPlanFile
                        + (replaced ? ", replacing the one normalized from an earlier text" : "")
                        + ". Review it, and commit it to keep it.";
                case CACHED -> "read " + shownPlanFile + ", normalized earlier from this same text of " + document
                        + "; nothing was sent.";
                case NOT_NEEDED -> document + " is a YAML/JSON plan already; normalizing had nothing to do.";
            };
        }
    }

    /**
     * The plan of {@code document}, a file under {@code root} (a checkout: no symbolic link on the way is followed).
     *
     * @throws PlanException the document is unreadable, Claude Code gave no plan, or its plan is not valid (then
     *     nothing is written)
     */
    public Normalized normalize(Path root, Path document, PlanOptions options) throws IOException, PlanException {
        String text = PlanReader.text(root, document);
        String source = document.toString();
        if (PlanReader.isCanonical(text, source)) {
            return new Normalized(PlanReader.parse(text, source, options), null, How.NOT_NEEDED, null, false);
        }
        String sha256 = sha256(text);
        Path planFile = NormalizedPlanFile.beside(document);
        Optional<Plan> cached = NormalizedPlanFile.cached(root, planFile, document, sha256, options);
        if (cached.isPresent()) {
            return new Normalized(cached.get(), planFile, How.CACHED, null, false);
        }
        DocumentOrigin origin = DocumentOrigin.of(git, document);
        ClaudePlanCall call = new ClaudePlanCall(claude, environment, runner, timeout);
        ClaudePlanCall.Answer answer = call.ask(text, source);
        Normalization note = new Normalization(note(origin), origin.from(), origin.commit(), sha256,
                PlanSchema.version(), claude.model());
        String content = NormalizedPlanFile.content(note, answer.plan(), FeatureNames.fromSource(source));
        Plan read;
        try {
            read = PlanReader.parse(content, planFile.toString(), options);
        } catch (PlanException e) {
            throw new PlanException(source, "--normalize: Claude Code's plan is not valid, so it was not written and"
                    + " nothing ran: " + e.problem() + System.lineSeparator() + "Normalize again (the answer may"
                    + " differ), or write the plan yourself (docs/plan-format.md). Claude Code's answer:"
                    + System.lineSeparator() + numbered(content));
        }
        boolean earlier;
        try {
            earlier = SafeFiles.kind(root, planFile.toAbsolutePath()) != SafeFiles.Kind.ABSENT;
            SafeFiles.writeRegularFile(root, planFile.toAbsolutePath(), content);
        } catch (UnsafePathException e) {
            throw new PlanException(planFile.toString(), e.getMessage());
        }
        return new Normalized(read, planFile, How.ASKED, answer.result().totalCostUsd(), earlier);
    }

    private static String note(DocumentOrigin origin) {
        return "Written by a model (Claude Code, dispatch-plan --normalize) from " + origin.from()
                + (origin.commit() == null ? ", which was not committed as it is" : " at commit " + origin.commit())
                + ". Review it before you run it, and commit it to keep it. While " + origin.from() + " is unchanged"
                + " this file is read instead of asking again; you may edit it, or run it as a plan of its own.";
    }

    /** The answer with line numbers, which the reader's messages refer to; a long one cut short. */
    private static String numbered(String content) {
        StringBuilder out = new StringBuilder();
        String[] lines = content.split("\n");
        int shown = Math.min(lines.length, MAX_ANSWER_LINES);
        for (int i = 0; i < shown; i++) {
            out.append(String.format(Locale.ROOT, "%4d  %s", i + 1, lines[i]));
            if (i < shown - 1) {
                out.append(System.lineSeparator());
            }
        }
        if (shown < lines.length) {
            out.append(System.lineSeparator()).append("      ... ").append(lines.length - shown).append(" more lines");
        }
        return out.toString();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
