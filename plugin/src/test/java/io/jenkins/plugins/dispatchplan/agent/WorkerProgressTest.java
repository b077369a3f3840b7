package io.jenkins.plugins.dispatchplan.agent;

import io.jenkins.plugins.dispatchplan.config.ClaudeWorker;
import io.jenkins.plugins.dispatchplan.steps.ReadPlanStep;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.report.PlanJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a Claude worker's progress from its events file on the agent, where its script writes them. */
class WorkerProgressTest {
    static final String INIT = "{\"type\":\"system\",\"subtype\":\"init\",\"model\":\"claude-sonnet-4-5\",\"tools\":[\"Bash\"],"
            + "\"timestamp\":\"2026-12-01T08:40:00Z\"}\n";
    static final String TURN_1 = "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"tool_use\","
            + "\"name\":\"Bash\",\"input\":{\"command\":\"npm test\"}}]},\"timestamp\":\"2026-12-01T08:44:43Z\"}\n";
    static final String TOOL_RESULT = "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"content\":\"ok\"}]}}\n";

    @TempDir
    Path tmp;

    @Test
    void theProgressReadIsWhereTheWorkersScriptWritesItsEvents() throws Exception {
        Path workspace = tmp.resolve("agent/workspace/job");
        WorkstreamSetup setup = new WorkstreamSetup("job", PlanJson.write(new ReadPlanStep().parse(WorkstreamOnAgentTest.PLAN,
                "plan.yaml")), "shop", "api", "REST API", "shop/api", "file:///repo", "0".repeat(40), new ClaudeWorker(), Map.of());

        assertThat(WorkstreamSetup.eventsFile(workspace, "shop", "api")).isEqualTo(setup.request(workspace).logs().events());
    }

    @Test
    void readsTheTurnsTheLastLineAndWhenItHappened() throws Exception {
        Path root = tmp.resolve("job@tmp");
        Path events = Files.createDirectories(root.resolve("dispatch-plan/shop/api")).resolve("worker.events.jsonl");

        assertThat(WorkerProgress.read(root, events, null)).as("no file yet").isSameAs(WorkerProgress.NONE);
        Files.writeString(events, INIT + TURN_1 + TOOL_RESULT);
        WorkerProgress progress = WorkerProgress.read(root, events, null);

        assertThat(progress.turns()).isEqualTo(1);
        assertThat(progress.lastActivity()).isEqualTo("turn 1: Bash: npm test");
        assertThat(progress.lastActivityAt()).isEqualTo(Instant.parse("2026-12-01T08:44:43Z").toEpochMilli());
        assertThat(progress.size()).isEqualTo(Files.size(events));
    }

    @Test
    void anUnchangedFileIsNotReadAgainAndAGrownOneIs() throws Exception {
        Path root = tmp.resolve("job@tmp");
        Path events = Files.createDirectories(root.resolve("dispatch-plan/shop/api")).resolve("worker.events.jsonl");
        Files.writeString(events, INIT);
        FileTime written = Files.getLastModifiedTime(events);
        WorkerProgress first = WorkerProgress.read(root, events, null);

        assertThat(WorkerProgress.read(root, events, first)).isSameAs(first);
        Files.writeString(events, TURN_1, StandardOpenOption.APPEND);
        Files.setLastModifiedTime(events, written);
        WorkerProgress grown = WorkerProgress.read(root, events, first);

        assertThat(grown.turns()).as("the same time but a new size: read again").isEqualTo(1);
        assertThat(first.lastActivity()).startsWith("session started: model claude-sonnet-4-5");
    }

    @Test
    void withoutTimestampsTheFilesTimeSaysWhen() throws Exception {
        Path root = tmp.resolve("job@tmp");
        Path events = Files.createDirectories(root.resolve("dispatch-plan/shop/api")).resolve("worker.events.jsonl");
        Files.writeString(events, TURN_1.replace(",\"timestamp\":\"2026-12-01T08:44:43Z\"", ""));
        Files.setLastModifiedTime(events, FileTime.from(Instant.parse("2026-12-02T10:00:00Z")));

        assertThat(WorkerProgress.read(root, events, null).lastActivityAt())
                .isEqualTo(Instant.parse("2026-12-02T10:00:00Z").toEpochMilli());
        Files.writeString(events, TOOL_RESULT);
        assertThat(WorkerProgress.read(root, events, null).lastActivityAt()).as("nothing to show, no time").isZero();
    }
}
