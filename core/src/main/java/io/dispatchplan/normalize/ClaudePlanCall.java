package io.dispatchplan.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchplan.plan.PlanException;
import io.dispatchplan.plan.PlanSchema;
import io.dispatchplan.process.ProcessException;
import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.secrets.Secrets;
import io.dispatchplan.worker.ClaudeResult;
import io.dispatchplan.worker.ClaudeResultParser;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Claude Code call that turns a document into a plan: {@code claude -p} with the instructions, the document on
 * stdin, {@code --output-format json} and the plan schema as {@code --json-schema}; the CLI offers the model a
 * {@code StructuredOutput} tool with that schema, checks the answer against it, and puts it in the result's
 * {@code structured_output}. The CLI runs with no tools, no settings, no MCP servers and no saved session, in an
 * empty directory of its own, so nothing but the instructions, the document and the schema goes to the model.
 */
final class ClaudePlanCall {
    /** Spending limit when the worker's configuration sets none: a plan is one answer, far below it. */
    static final double DEFAULT_BUDGET_USD = 1.0;
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);
    static final String INSTRUCTIONS = resource("normalize-prompt.txt");
    private static final int EXCERPT = 300;

    private final ClaudeWorkerConfig config;
    private final Map<String, String> environment;
    private final ProcessRunner runner;
    private final Duration timeout;

    ClaudePlanCall(ClaudeWorkerConfig config, Map<String, String> environment, ProcessRunner runner, Duration timeout) {
        this.config = config;
        this.environment = Map.copyOf(environment);
        this.runner = runner;
        this.timeout = timeout;
    }

    /** What the model answered, and the run's result object (cost, turns). */
    record Answer(ObjectNode plan, ClaudeResult result) {}

    double budgetUsd() {
        return config.maxBudgetUsd() != null ? config.maxBudgetUsd() : DEFAULT_BUDGET_USD;
    }

    /** The argv: the instructions right after {@code -p}, then the flags; the document goes on stdin. */
    List<String> argv() {
        List<String> argv = new ArrayList<>(List.of(config.executable(), "-p", INSTRUCTIONS,
                "--output-format", "json", "--json-schema", PlanSchema.forModel(),
                "--tools", "", "--setting-sources", "", "--strict-mcp-config", "--no-session-persistence",
                "--max-budget-usd", BigDecimal.valueOf(budgetUsd()).stripTrailingZeros().toPlainString()));
        if (config.model() != null) {
            argv.add("--model");
            argv.add(config.model());
        }
        if (config.maxTurns() != null) {
            argv.add("--max-turns");
            argv.add(config.maxTurns().toString());
        }
        return argv;
    }

    /** What goes on stdin: the document, between the markers the instructions name. */
    static String stdin(String document) {
        return "<document>\n" + document + (document.endsWith("\n") ? "" : "\n") + "</document>\n";
    }

    Answer ask(String document, String source) throws PlanException, IOException {
        Path scratch = Files.createTempDirectory("dispatch-plan-normalize-");
        try {
            Path workDir = Files.createDirectory(scratch.resolve("work"));
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put("CLAUDE_CONFIG_DIR", Files.createDirectory(scratch.resolve("claude-config")).toString());
            ProcessSpec spec = ProcessSpec.of(argv()).in(workDir).env(env).stdin(stdin(document)).timeout(timeout);
            ProcessResult run;
            try {
                run = runner.run(spec);
            } catch (ProcessException e) {
                throw new PlanException(source, "--normalize could not start Claude Code (" + e.getMessage() + ")."
                        + " Install it (npm install -g @anthropic-ai/claude-code) or give the path of 'claude'.");
            }
            return answer(run, source);
        } finally {
            deleteTree(scratch);
        }
    }

    private Answer answer(ProcessResult run, String source) throws PlanException {
        String nothingWritten = " Nothing was written and nothing ran.";
        if (run.timedOut()) {
            throw new PlanException(source, "--normalize: Claude Code gave no answer within " + timeout.toMinutes()
                    + " minutes and was stopped." + nothingWritten);
        }
        ClaudeResult result = ClaudeResultParser.parse(run.stdout());
        if (result.status() == ClaudeResult.Status.MAX_BUDGET) {
            throw new PlanException(source, "--normalize: Claude Code reached its budget of $" + budgetUsd()
                    + " before it answered." + nothingWritten + " Raise the budget (--max-budget-usd, in Jenkins the"
                    + " worker's maxBudgetUsd), or shorten the document.");
        }
        if (!result.succeeded()) {
            String stderr = run.stderr().isBlank() ? "" : " (exit " + run.exitCode() + ": " + excerpt(run.stderr()) + ")";
            throw new PlanException(source, "--normalize: " + mask(result.describe() + stderr) + "." + nothingWritten);
        }
        Optional<JsonNode> plan = ClaudeResultParser.structuredOutput(run.stdout());
        if (plan.isEmpty() || !plan.get().isObject()) {
            throw new PlanException(source, "--normalize: Claude Code answered without a plan"
                    + (result.result() == null ? "" : " ('" + mask(excerpt(result.result())) + "')") + "."
                    + nothingWritten + " Try again, or another model (--model).");
        }
        return new Answer((ObjectNode) plan.get(), result);
    }

    private String mask(String text) {
        return Secrets.of(List.of(), environment, System.getenv()).mask(text);
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > EXCERPT ? flat.substring(0, EXCERPT) + "..." : flat;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = ClaudePlanCall.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the dispatch-plan jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the dispatch-plan jar", e);
        }
    }
}
