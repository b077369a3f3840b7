package io.dispatchplan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dispatchplan.git.DiffStat;
import io.dispatchplan.graph.BudgetSummary;
import io.dispatchplan.graph.RateGovernor;
import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.integrate.MergeStatus;
import io.dispatchplan.integrate.ResolverRun;
import io.dispatchplan.integrate.VerifyResult;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {

    static final String BASE = "1111111111111111111111111111111111111111";

    static RunReport sampleReport() {
        DiffStat stat = new DiffStat(List.of(new DiffStat.FileChange("src/a.txt", 10, 2, false),
                new DiffStat.FileChange("img/logo.png", 0, 0, true)));
        List<WorkstreamReport> workstreams = List.of(
                new WorkstreamReport("api", "API \"layer\" | ünïcode", WorkstreamReport.SUCCEEDED, null, "agent-1",
                        63_250, "chat/api", "a".repeat(40), 3, stat, 0.4213, 12, "5b1c0b0e-0000-4000-8000-000000000001",
                        1, "workstreams/api/RESULTS.md"),
                new WorkstreamReport("ui", "UI", WorkstreamReport.UNSTABLE, "no RESULTS.md: the worker did not write it",
                        "agent-2", 1_000, "chat/ui", "b".repeat(40), 1, new DiffStat(List.of()), null, null, null, 2,
                        null),
                new WorkstreamReport("db", "DB", "CONFLICT", null, "agent-1", 5, "chat/db", "c".repeat(40), 1, stat,
                        1.0, 3, "s", 1, "workstreams/db/RESULTS.md"),
                new WorkstreamReport("docs", "Docs", WorkstreamReport.SKIPPED, "dependency api failed", null, 0,
                        "chat/docs", null, 0, null, null, null, null, 0, null));
        IntegrationResult integration = new IntegrationResult("chat/integration", "d".repeat(40), List.of(
                new MergeRecord("api", "chat/api", MergeStatus.MERGED, "e".repeat(40), List.of(), false, "merged"),
                new MergeRecord("ui", "chat/ui", MergeStatus.MERGED, "f".repeat(40), List.of(), true,
                        "merged, flagged: the workstream was unstable"),
                new MergeRecord("db", "chat/db", MergeStatus.CONFLICT, null, List.of("src/a.txt", "x y.txt"), false,
                        "conflicts in src/a.txt", List.of("api")),
                new MergeRecord("web", "chat/web", MergeStatus.MERGED, "7".repeat(40), List.of("src/a.txt"), false,
                        "merged; conflicts in src/a.txt resolved by the resolver (claude)", List.of("api"), null,
                        "claude")),
                new VerifyResult(true, false, 3, false, Path.of("/tmp/out/verify.log"), Duration.ofNanos(1_234_567_891)),
                false, BASE, "9".repeat(40), List.of(), null, List.of(
                        new ResolverRun(1, "db", "claude", List.of("src/a.txt", "x y.txt"), false,
                                "the resolver's resolution was rejected: conflict markers are left in x y.txt", null,
                                0.25, "5b1c0b0e-0000-4000-8000-000000000009", Duration.ofMillis(4_321),
                                Path.of("/tmp/out/resolver/db")),
                        new ResolverRun(2, "web", "claude", List.of("src/a.txt"), true,
                                "conflicts in src/a.txt resolved by the resolver (claude)", "7".repeat(40), 0.125,
                                "5b1c0b0e-0000-4000-8000-00000000000a", Duration.ofMillis(2_000),
                                Path.of("/tmp/out/resolver/web"))));
        return new RunReport("chat", "Conversation system", BASE, Instant.parse("2024-05-01T10:00:00.123456Z"),
                Instant.parse("2024-05-01T10:12:03Z"), workstreams, integration, null);
    }

    @Test
    void readsBackTheReportItWrote() {
        RunReport report = sampleReport();

        RunReport back = ReportJson.read(ReportJson.write(report));

        assertThat(back).isEqualTo(report);
        assertThat(back.integration().verify().duration()).isEqualTo(Duration.ofNanos(1_234_567_891));
    }

    static ScheduleSummary sampleSchedule() {
        return new ScheduleSummary(new BudgetSummary(0.12, 0.0816, 0.05), List.of(
                new RateGovernor.Change(Instant.parse("2024-05-01T10:01:00Z"), 4, 2, "api reported rate_limit"),
                new RateGovernor.Change(Instant.parse("2024-05-01T10:02:00Z"), 2, 3, "no rate limit for 60 s")));
    }

    @Test
    void readsBackTheBudgetAndTheRateLimitChanges() throws Exception {
        RunReport report = sampleReport().withSchedule(sampleSchedule());

        String json = ReportJson.write(report);

        assertThat(ReportJson.read(json)).isEqualTo(report);
        JsonNode budget = new ObjectMapper().readTree(json).path("budget");
        assertThat(budget.path("capUsd").asDouble()).isEqualTo(0.12);
        assertThat(budget.path("spentUsd").asDouble()).isEqualTo(0.0816);
        assertThat(budget.path("reservedUsd").asDouble()).isEqualTo(0.05);
        assertThat(new ObjectMapper().readTree(json).path("concurrencyChanges").get(0).path("to").asInt()).isEqualTo(2);
        RunReport noCap = sampleReport().withSchedule(new ScheduleSummary(new BudgetSummary(null, 1.5, 0), List.of()));
        assertThat(ReportJson.read(ReportJson.write(noCap))).isEqualTo(noCap);
        assertThat(ReportJson.read(ReportJson.write(sampleReport())).schedule()).as("a report without one").isNull();
    }

    @Test
    void readsBackAReportWhoseIntegrationCouldNotRun() {
        RunReport report = new RunReport("chat", null, BASE, Instant.parse("2024-05-01T10:00:00Z"), null,
                List.of(), null, "the integration branch holds commits of its own");

        assertThat(ReportJson.read(ReportJson.write(report))).isEqualTo(report);
    }

    @Test
    void carriesSummaryAndPerWorkstreamMergeFieldsForReaders() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportJson.write(sampleReport()));

        assertThat(json.get("format").asInt()).isEqualTo(1);
        assertThat(json.get("durationMillis").asLong()).isEqualTo(722_876);
        JsonNode summary = json.get("summary");
        assertThat(summary.get("workstreams").asInt()).isEqualTo(4);
        assertThat(summary.get("byStatus").get("SUCCEEDED").asInt()).isEqualTo(1);
        assertThat(summary.get("byStatus").get("SKIPPED").asInt()).isEqualTo(1);
        assertThat(summary.get("merges").get("MERGED").asInt()).isEqualTo(3);
        assertThat(summary.get("merges").get("CONFLICT").asInt()).isEqualTo(1);
        assertThat(summary.get("clean").asBoolean()).isFalse();
        assertThat(summary.get("costUsd").asDouble()).as("the workers' and the resolver's").isEqualTo(1.7963);
        assertThat(summary.get("resolverCostUsd").asDouble()).isEqualTo(0.375);
        JsonNode resolverRun = json.get("integration").get("resolverRuns").get(1);
        assertThat(resolverRun.get("accepted").asBoolean()).isTrue();
        assertThat(resolverRun.get("sessionId").asText()).endsWith("0a");
        assertThat(json.get("integration").get("merges").get(3).get("resolvedBy").asText()).isEqualTo("claude");
        JsonNode db = json.get("workstreams").get(2);
        assertThat(db.get("merge").get("status").asText()).isEqualTo("CONFLICT");
        assertThat(db.get("merge").get("conflictFiles")).extracting(JsonNode::asText)
                .containsExactly("src/a.txt", "x y.txt");
        assertThat(db.get("merge").get("conflictsWith").get(0).asText()).isEqualTo("api");
        assertThat(json.get("workstreams").get(3).has("merge")).isFalse();
        assertThat(json.get("workstreams").get(0).get("diffStat").get("insertions").asInt()).isEqualTo(10);
        assertThat(json.get("integration").get("verify").get("durationMillis").asLong()).isEqualTo(1234);
        assertThat(json.get("integration").get("clean").asBoolean()).isFalse();
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatThrownBy(() -> ReportJson.read("{ not json")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> ReportJson.read("{\"workstreams\": []}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a dispatch-plan run report");
        assertThatThrownBy(() -> ReportJson.read("{\"format\": 99, \"feature\": \"x\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upgrade dispatch-plan");
        assertThatThrownBy(() -> ReportJson.read("{\"feature\": \"x\", \"integration\": {\"merges\": "
                + "[{\"workstreamId\": \"a\", \"status\": \"EXPLODED\"}]}}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown merge status 'EXPLODED'");
    }
}
