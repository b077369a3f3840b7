package io.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dispatchplan.graph.BudgetSummary;
import io.dispatchplan.graph.RateGovernor;
import io.dispatchplan.integrate.MergeStatus;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.report.ReportJson;
import io.dispatchplan.report.RunReport;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.testsupport.ClaudeCodeCli;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.fakeapi.FakeAnthropicApi;
import io.dispatchplan.testsupport.fakeapi.RecordedRequest;
import io.dispatchplan.testsupport.fakeapi.Turn;
import io.dispatchplan.worker.ClaudeWorker;
import io.dispatchplan.worker.ClaudeWorkerConfig;
import io.dispatchplan.worker.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run budget and the rate-limit governor in whole runs with the real Claude Code CLI against the scripted API:
 * every workstream's conversation gets its own copy of the script, turns cost what the CLI prices their usage at
 * (2,000 output tokens: $0.04), and rate limits are HTTP 429 answers the CLI retries and reports.
 */
@Timeout(240)
class RunBudgetAndRateLimitsTest {

    private static final String WORK = "echo \"$WORKSTREAM_ID\" > \"$WORKSTREAM_ID.txt\" && git add -A"
            + " && git commit -qm \"$WORKSTREAM_ID\" && printf '# Results\\nDone.\\n' > RESULTS.md";

    @TempDir
    Path dir;

    private static Plan plan(String... ids) throws Exception {
        StringBuilder yaml = new StringBuilder("feature: shop\nworkstreams:\n");
        for (String id : ids) {
            yaml.append("  - {id: ").append(id).append("}\n");
        }
        return Plans.yaml(yaml.toString());
    }

    private static ClaudeWorker claude(Double maxBudgetUsd) {
        return new ClaudeWorker(ClaudeWorkerConfig.defaults().withExecutable(ClaudeCodeCli.executable().toString())
                .withMaxBudgetUsd(maxBudgetUsd));
    }

    /** What a run tells its listener, with when. */
    private static final class Timeline implements RunListener {
        final Map<String, Instant> started = new ConcurrentHashMap<>();
        final Map<String, Instant> ended = new ConcurrentHashMap<>();
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void started(String id) {
            started.put(id, Instant.now());
        }

        @Override
        public void finished(WorkstreamReport report) {
            ended.put(report.id(), Instant.now());
        }

        @Override
        public void message(String text) {
            messages.add(text);
        }

        /** How many others were running when {@code id} started. */
        long othersRunningAt(String id) {
            Instant t = started.get(id);
            return started.keySet().stream().filter(other -> !other.equals(id))
                    .filter(other -> !started.get(other).isAfter(t) && ended.get(other).isAfter(t)).count();
        }
    }

    @Test
    void aRunCapOfTwelveCentsStartsTwoOfSixFiveCentWorkersAndSkipsTheRestWithTheReason() throws Exception {
        TempRepo repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "shop\n"));
        Plan plan = plan("a", "b", "c", "d", "e", "f");
        Timeline timeline = new Timeline();
        try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
            api.scriptEachConversation(Turn.costly(0, 2000, Turn.bash(WORK)), Turn.text("done"));
            RunOptions options = RunOptions.builder(repo.dir(), dir.resolve("out"), claude(0.05))
                    .maxTotalBudgetUsd(0.12)
                    .retry(RetryPolicy.none())
                    .timeouts(Duration.ofMinutes(2), null)
                    .workerEnvironment(api.cliEnvironment())
                    .build();

            RunResult result = new LocalDispatcher().run(plan, options, timeline);

            RunReport report = result.report();
            assertThat(timeline.started).as("at most two fit: $0.05 + $0.05 reserved of $0.12").hasSize(2);
            assertThat(api.conversationRequests().stream().map(RecordedRequest::sessionHeader).distinct()).hasSize(2);
            double spent = report.workstreams().stream().filter(w -> w.costUsd() != null)
                    .mapToDouble(WorkstreamReport::costUsd).sum();
            assertThat(spent).isCloseTo(0.0816, within(0.005));
            String reason = "run budget reached (" + io.dispatchplan.graph.RunBudget.usd(spent) + " of $0.12 spent)";
            for (WorkstreamReport w : report.workstreams()) {
                if (timeline.started.containsKey(w.id())) {
                    assertThat(w.status()).as(w.reason()).isEqualTo("SUCCEEDED");
                } else {
                    assertThat(w.status()).isEqualTo("SKIPPED");
                    assertThat(w.reason()).isEqualTo(reason);
                    assertThat(timeline.messages).contains(w.id() + " not started: " + reason);
                }
            }
            assertThat(report.integration()).as("integration still runs").isNotNull();
            assertThat(report.integration().withStatus(MergeStatus.MERGED)).hasSize(2);
            for (String id : timeline.started.keySet()) {
                assertThat(repo.readFileAt("shop/integration", id + ".txt")).isEqualTo(id + "\n");
            }
            BudgetSummary budget = ReportJson.read(Files.readString(result.layout().reportJson())).schedule().budget();
            assertThat(budget.capUsd()).isEqualTo(0.12);
            assertThat(budget.spentUsd()).isCloseTo(spent, within(1e-9));
            assertThat(budget.reservedUsd()).isZero();
            assertThat(Files.readString(result.layout().integrationMarkdown()))
                    .contains("- Budget: " + io.dispatchplan.graph.RunBudget.usd(spent) + " spent, $0.00 reserved,"
                            + " cap $0.12\n");
        }
    }

    @Test
    void rateLimitsLowerHowManyWorkersStartAtOnceAndQuietTimeRaisesItAgain() throws Exception {
        TempRepo repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "shop\n"));
        Plan plan = plan("a", "b", "c", "d", "e", "f", "g", "h");
        Timeline timeline = new Timeline();
        try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
            // The first six conversation requests (the first three workers, twice each) are rate-limited; the CLI
            // retries them itself, reporting each retry, and goes on.
            api.rateLimitNext(6).scriptEachConversation(Turn.stall(Duration.ofSeconds(2), Turn.bash(WORK)),
                    Turn.text("done"));
            Map<String, String> env = new LinkedHashMap<>(api.cliEnvironment());
            env.put("CLAUDE_CODE_MAX_RETRIES", "3");
            RunOptions options = RunOptions.builder(repo.dir(), dir.resolve("out"), claude(null))
                    .maxParallel(3)
                    .rateLimitQuietPeriod(Duration.ofSeconds(15))
                    .retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(100)))
                    .timeouts(Duration.ofMinutes(2), null)
                    .workerEnvironment(env)
                    .build();

            RunResult result = new LocalDispatcher().run(plan, options, timeline);

            assertThat(result.report().workstreams()).extracting(WorkstreamReport::status).containsOnly("SUCCEEDED");
            List<RateGovernor.Change> changes = result.report().schedule().concurrencyChanges();
            RateGovernor.Change cut = changes.get(0);
            assertThat(cut.describe()).matches("rate limit: starting at most 1 worker at once \\(was 3\\): [abc]"
                    + " reported rate_limit");
            RateGovernor.Change rise = changes.get(1);
            assertThat(rise.describe()).isEqualTo("rate limit: starting at most 2 workers at once (was 1): no rate"
                    + " limit for 15 s");
            assertThat(timeline.messages).as("each change is logged").contains(cut.describe(), rise.describe());

            for (String id : List.of("a", "b", "c")) {
                assertThat(timeline.started.get(id)).isBefore(cut.at());
                assertThat(timeline.ended.get(id)).as("three ran at once before the cut").isAfter(cut.at());
            }
            List<String> whileCut = timeline.started.keySet().stream()
                    .filter(id -> timeline.started.get(id).isAfter(cut.at())
                            && timeline.started.get(id).isBefore(rise.at()))
                    .toList();
            assertThat(whileCut).as("workstreams started while the limit was 1").isNotEmpty();
            for (String id : whileCut) {
                assertThat(timeline.othersRunningAt(id)).as("%s started alone", id).isZero();
            }
            assertThat(timeline.started.keySet().stream().filter(id -> !timeline.started.get(id).isBefore(rise.at())))
                    .as("after the quiet period workers run side by side again")
                    .anyMatch(id -> timeline.othersRunningAt(id) > 0);
        }
    }
}
