package io.dispatchplan.integrate;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.report.IntegrationMarkdown;
import io.dispatchplan.report.ReportJson;
import io.dispatchplan.report.RunReport;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import io.dispatchplan.worker.CommandWorker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** INTEGRATION.md and report.json tell which conflicts the resolver resolved, and why it was refused the others. */
class ResolverReportTest {

    @TempDir
    Path tmp;

    @Test
    void theReportsListEveryResolutionAcceptedOrRejected() {
        TempRepo repo = TempRepo.initWithFiles(tmp.resolve("repo"), files("shared.txt", "one\n"));
        String base = repo.head();
        List<WorkstreamReport> workstreams = new ArrayList<>();
        List<BranchToMerge> branches = new ArrayList<>();
        for (String id : List.of("a", "b", "c")) {
            repo.branch("chat/" + id, base).checkout("chat/" + id);
            String head = repo.commitFile("shared.txt", "one by " + id + "\n", "work of " + id);
            repo.checkout("main");
            workstreams.add(new WorkstreamReport(id, "Work " + id, WorkstreamReport.SUCCEEDED, null, "local", 1000,
                    "chat/" + id, head, 1, null, null, null, null, 1, null));
            branches.add(new BranchToMerge(id, "chat/" + id, false));
        }
        // b's conflict is resolved well; c's resolution keeps the markers.
        String script = "if [ \"$WORKSTREAM_ID\" = b ]; then echo 'one by a and b' > shared.txt; fi; git add shared.txt";
        ResolverOptions resolver = ResolverOptions.of(CommandWorker.shell(script), tmp.resolve("run/resolver"))
                .withRun(TestGit.environment(), "job", null);
        IntegrationResult integration = new Integrator(TestGit.cli(), new ProcessRunner()).integrate(
                new IntegrationRequest(repo.dir(), "chat", base, null, branches, ConflictPolicy.SKIP, null, null,
                        tmp.resolve("work/chat/integration"), null).withResolver(resolver));
        RunReport report = new RunReport("chat", "Plan", base, Instant.parse("2024-05-01T10:00:00Z"),
                Instant.parse("2024-05-01T10:05:00Z"), workstreams, integration, null);

        String markdown = IntegrationMarkdown.write(report);

        assertThat(integration.merges()).extracting(MergeRecord::status).containsExactly(MergeStatus.MERGED,
                MergeStatus.MERGED, MergeStatus.CONFLICT);
        assertThat(markdown).contains("(conflicts resolved by command)",
                "- `b` (`chat/b`) as `" + integration.merges().get(1).mergeCommit().substring(0, 12)
                        + "`: conflicts in `shared.txt` resolved by the resolver (command)",
                "## Conflict resolver",
                "1. `b`, `shared.txt`: **accepted** as `" + integration.merges().get(1).mergeCommit().substring(0, 12),
                "2. `c`, `shared.txt`: **rejected** (command,",
                "The resolver's resolution was rejected: conflict markers are left in shared.txt. Prompt",
                "- `c` (`chat/c`): conflicts in `shared.txt` with `a`, `b` (the resolver's resolution was rejected: "
                        + "conflict markers are left in shared.txt)",
                "Prompt and logs: `" + tmp.resolve("run/resolver/b") + "`");
        assertThat(markdown).doesNotContain("The resolver cost");
        assertThat(ReportJson.read(ReportJson.write(report))).isEqualTo(report);
    }
}
