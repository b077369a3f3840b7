package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.agent.AgentCallables;
import io.jenkins.plugins.dispatchplan.agent.RunSecrets;
import io.jenkins.plugins.dispatchplan.agent.WorkerProgress;
import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.secrets.Secrets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code trackWorkstream} does while its body runs, with the real agent-side read ({@link AgentCallables.ReadProgress}
 * on a workspace) of an events file a real process writes: the row moves while the worker still works.
 */
class TrackWorkstreamStepTest {
    static final String INIT = "{\"type\":\"system\",\"subtype\":\"init\",\"model\":\"claude-sonnet-4-5\",\"tools\":[\"Bash\",\"Edit\"]}";
    static final String TURN_1 = "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"tool_use\","
            + "\"name\":\"Bash\",\"input\":{\"command\":\"npm test\"}}]}}";
    static final String TURN_2 = "{\"type\":\"assistant\",\"message\":{\"id\":\"m2\",\"content\":[{\"type\":\"tool_use\","
            + "\"name\":\"Edit\",\"input\":{\"file_path\":\"src/api.ts\"}}]}}";
    static final String RESULT = "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"num_turns\":2,"
            + "\"total_cost_usd\":0.0123,\"duration_ms\":2400}";

    @TempDir
    Path tmp;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        timer.shutdownNow();
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void takesAWorkstreamIdAndNothingThatCouldNameAPathTrick() {
        assertThat(new TrackWorkstreamStep(" api ").getId()).isEqualTo("api");
        assertThatThrownBy(() -> new TrackWorkstreamStep("../api"))
                .hasMessage("trackWorkstream: '../api' is not a workstream id (ids are slugs: a-z, 0-9, '.', '_', '-')");
    }

    @Test
    void theRowsTurnsAndLastActivityAdvanceWhileTheWorkerIsStillWritingItsEvents() throws Exception {
        Path workspace = Files.createDirectories(tmp.resolve("agent/workspace/job"));
        Path events = tmp.resolve("agent/workspace/job@tmp/dispatch-plan/shop/api/worker.events.jsonl");
        Files.createDirectories(events.getParent());
        // A worker that writes its events as it goes, each next step when the test says so, and ends when released.
        Process worker = start(String.join("\n",
                "printf '%s\\n%s\\n' \"$INIT\" \"$TURN_1\" >> \"$EVENTS\"",
                "until [ -e go-2 ]; do sleep 0.05; done",
                "printf '%s\\n' \"$TURN_2\" >> \"$EVENTS\"",
                "until [ -e go-3 ]; do sleep 0.05; done",
                "printf '%s\\n' \"$RESULT\" >> \"$EVENTS\"",
                "until [ -e release ]; do sleep 0.05; done"), events);
        WorkstreamRecord row = runningRow();
        AtomicInteger saves = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        WorkerProgressPoll poll = new WorkerProgressPoll("api", previous -> {
            reads.incrementAndGet();
            return new AgentCallables.ReadProgress("shop", "api", previous).invoke(workspace.toFile(), null);
        }, row, Secrets.NONE, saves::incrementAndGet);
        timer.scheduleWithFixedDelay(poll, 0, 20, TimeUnit.MILLISECONDS);

        await(() -> Integer.valueOf(1).equals(row.getTurns()));
        assertThat(worker.isAlive()).as("read while the worker runs").isTrue();
        assertThat(row.getLastActivity()).isEqualTo("turn 1: Bash: npm test");
        assertThat(row.getLastActivityAt()).isPositive();
        int readsAtTurn1 = reads.get();
        await(() -> reads.get() > readsAtTurn1 + 5);
        assertThat(saves.get()).as("reads that find nothing new save nothing").isEqualTo(1);

        Files.createFile(tmp.resolve("go-2"));
        await(() -> Integer.valueOf(2).equals(row.getTurns()));
        assertThat(worker.isAlive()).isTrue();
        assertThat(row.getLastActivity()).isEqualTo("turn 2: Edit: src/api.ts");

        Files.createFile(tmp.resolve("go-3"));
        await(() -> row.getLastActivity().startsWith("result:"));
        assertThat(worker.isAlive()).isTrue();
        assertThat(row.getActivityText()).isEqualTo("2 turns · result: success, 2 turns, $0.0123, 2 s");
        assertThat(saves.get()).as("one save per change").isEqualTo(3);

        Files.createFile(tmp.resolve("release"));
        assertThat(worker.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aReadThatFailsChangesNothingAndTheNextOneGoesOn() throws Exception {
        WorkstreamRecord row = runningRow();
        AtomicInteger saves = new AtomicInteger();
        List<Object> answers = new ArrayList<>(List.of(new IOException("agent-1 is offline"), "offline",
                new IllegalStateException("no known agent"), new WorkerProgress(4, "turn 4: Bash: make", 1_000, 10, 1)));
        WorkerProgressPoll poll = new WorkerProgressPoll("api", previous -> {
            Object answer = answers.remove(0);
            if (answer instanceof IOException e) {
                throw e;
            }
            if (answer instanceof RuntimeException e) {
                throw e;
            }
            return answer instanceof WorkerProgress p ? p : null;
        }, row, Secrets.NONE, saves::incrementAndGet);

        poll.run();
        poll.run();
        poll.run();
        assertThat(row.getTurns()).isNull();
        assertThat(saves.get()).isZero();
        poll.run();

        assertThat(row.getActivityText()).isEqualTo("4 turns · turn 4: Bash: make");
        assertThat(saves.get()).isEqualTo(1);
    }

    @Test
    void afterItStopsTheRowIsCollectWorkstreamsAlone() {
        WorkstreamRecord row = runningRow();
        WorkerProgressPoll poll = new WorkerProgressPoll("api", previous -> new WorkerProgress(1, "turn 1: Bash: make", 1, 1, 1),
                row, Secrets.NONE, () -> { });
        poll.stop();
        row.activity(3, "result: success, 3 turns, $0.10, 40 s", 2_000);

        poll.run();

        assertThat(row.getLastActivity()).isEqualTo("result: success, 3 turns, $0.10, 40 s");
    }

    @Test
    void theRunsApiKeyIsMaskedAndAnAgentsAnswerIsCapped() {
        String key = "sk-ant-api03-0123456789abcdefghij";
        WorkstreamRecord row = runningRow();
        WorkerProgressPoll poll = new WorkerProgressPoll("api",
                previous -> new WorkerProgress(-3, "turn 1: Bash: curl -H 'x-api-key: " + key + "' " + "x".repeat(10_000), -5, 1, 1),
                row, RunSecrets.of("ANTHROPIC_API_KEY", key), () -> { });

        poll.run();

        assertThat(row.getLastActivity()).doesNotContain(key).contains("x-api-key: ****").hasSizeLessThan(4_100);
        assertThat(row.getTurns()).isZero();
        assertThat(row.getLastActivityAt()).isZero();
    }

    private static WorkstreamRecord runningRow() {
        WorkstreamRecord row = new WorkstreamRecord(CollectWorkstreamStepTest.workstream("api"), "shop/api");
        row.started(System.currentTimeMillis());
        return row;
    }

    private Process start(String script, Path events) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(tmp.toFile());
        pb.environment().put("EVENTS", events.toString());
        pb.environment().put("INIT", INIT);
        pb.environment().put("TURN_1", TURN_1);
        pb.environment().put("TURN_2", TURN_2);
        pb.environment().put("RESULT", RESULT);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        processes.add(p);
        return p;
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
