package io.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.integrate.MergeStatus;
import io.dispatchplan.plan.Plan;
import io.dispatchplan.report.ReportJson;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.testsupport.Plans;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.worker.CommandWorker;
import io.dispatchplan.worker.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dependent starts from its dependencies' work: its branch is the base with each dependency's collected head
 * merged in, so its worker sees their code. Whole runs with real git and scripted workers that check what their
 * worktree holds.
 */
class DependentsTest {
    @TempDir
    Path dir;

    TempRepo repo;

    @BeforeEach
    void createRepository() {
        repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "demo\n", "shared.txt", "one\ntwo\n"));
    }

    /**
     * A worker that fails (exit 9) unless the files of the workstreams named in NEEDS_&lt;id&gt; are in its worktree,
     * then commits src/&lt;id&gt;.txt and writes RESULTS.md; {@code behaviour} is a case on WORKSTREAM_ID before that.
     */
    private static CommandWorker checkingWorker(Map<String, String> needs, String behaviour) {
        StringBuilder script = new StringBuilder("case \"$WORKSTREAM_ID\" in\n");
        needs.forEach((id, deps) -> {
            script.append("  ").append(id).append(") for d in ").append(deps).append("; do test -f src/$d.txt || { echo \"")
                    .append(id).append(": no code of $d\" >&2; exit 9; }; done ;;\n");
        });
        script.append("esac\ncase \"$WORKSTREAM_ID\" in\n").append(behaviour).append("\n  *) ;;\nesac\n");
        script.append("mkdir -p src && echo \"work of $WORKSTREAM_ID\" > src/$WORKSTREAM_ID.txt && git add src"
                + " && git commit -qm \"$WORKSTREAM_ID work\" && echo \"# Results of $WORKSTREAM_ID\" > RESULTS.md\n");
        return CommandWorker.shell(script.toString());
    }

    private RunResult run(Plan plan, CommandWorker worker) throws Exception {
        return new LocalDispatcher().run(plan, RunOptions.builder(repo.dir(), dir.resolve("out"), worker)
                .retry(RetryPolicy.none()).build(), RunListener.NONE);
    }

    private static Map<String, WorkstreamReport> byId(RunResult result) {
        return LocalDispatcher.byId(result.report().workstreams());
    }

    private int commitsWithSubject(String ref, String subject) {
        return (int) Arrays.stream(repo.git("log", "--format=%s", ref).split("\n")).filter(subject::equals).count();
    }

    /** No branch of the repository holds a conflict marker in any file. */
    private void assertNoConflictMarkers() {
        for (String branch : repo.git("for-each-ref", "--format=%(refname)", "refs/heads").split("\n")) {
            assertThat(repo.gitCli().tryRun(repo.dir(), List.of("grep", "-l", "-e", "^<<<<<<<", "-e", "^>>>>>>>", branch))
                    .stdout()).as("conflict markers in " + branch).isEmpty();
        }
    }

    @Test
    void dependentsSeeTheCodeOfTheirDependenciesInTrackShape() throws Exception {
        // seed-003's shape: C after A and B; D after B and C.
        Plan plan = Plans.yaml("""
                feature: tracks
                workstreams:
                  - {id: a}
                  - {id: b}
                  - {id: c, dependsOn: [a, b]}
                  - {id: d, dependsOn: [b, c]}
                """);

        RunResult result = run(plan, checkingWorker(Map.of("c", "a b", "d", "a b c"), ""));

        Map<String, WorkstreamReport> reports = byId(result);
        assertThat(reports.values()).extracting(WorkstreamReport::status).as(reports.toString()).containsOnly("SUCCEEDED");
        assertThat(result.clean()).isTrue();
        assertThat(repo.git("log", "--first-parent", "--format=%s", "tracks/c").split("\n")).startsWith("c work",
                "Merge dependency b (tracks/b) into tracks/c", "Merge dependency a (tracks/a) into tracks/c");
        assertThat(repo.filesAt("tracks/integration")).containsOnlyOnce("src/a.txt", "src/b.txt", "src/c.txt", "src/d.txt");
        for (String id : List.of("a", "b", "c", "d")) {
            assertThat(repo.readFileAt("tracks/integration", "src/" + id + ".txt")).isEqualTo("work of " + id + "\n");
            assertThat(commitsWithSubject("tracks/integration", id + " work")).as(id + "'s commit once").isEqualTo(1);
            assertThat(commitsWithSubject("tracks/integration", "Merge workstream " + id + " (tracks/" + id + ")"))
                    .as("one merge commit for " + id).isEqualTo(1);
        }
        assertThat(result.report().integration().merges()).extracting(MergeRecord::workstreamId)
                .containsExactly("a", "b", "c", "d");
        assertThat(result.report().integration().merges()).extracting(MergeRecord::status).containsOnly(MergeStatus.MERGED);
        assertThat(ReportJson.read(Files.readString(result.reportFile())).workstreams()).extracting(WorkstreamReport::id)
                .containsExactly("a", "b", "c", "d");
        assertThat(reports.get("d").commits()).as("its own commit, and the merges of b and c").isEqualTo(3);
        String tasks = Files.readString(result.layout().workstreamDir("c").resolve("TASKS.md"));
        assertThat(tasks).contains("their code is already in your worktree")
                .contains("Its branch `tracks/a` at commit `" + reports.get("a").headSha().substring(0, 12) + "` is merged");
    }

    @Test
    void inADiamondTheSharedDependencyReachesTheDependentOnce() throws Exception {
        Plan plan = Plans.yaml("""
                feature: dia
                workstreams:
                  - {id: a}
                  - {id: b, dependsOn: [a]}
                  - {id: c, dependsOn: [a]}
                  - {id: d, dependsOn: [b, c]}
                """);

        RunResult result = run(plan, checkingWorker(Map.of("b", "a", "c", "a", "d", "a b c"), ""));

        Map<String, WorkstreamReport> reports = byId(result);
        assertThat(reports.values()).extracting(WorkstreamReport::status).as(reports.toString()).containsOnly("SUCCEEDED");
        assertThat(commitsWithSubject("dia/d", "a work")).isEqualTo(1);
        assertThat(repo.git("log", "--format=%s", "dia/d")).contains("Merge dependency b (dia/b) into dia/d",
                "Merge dependency c (dia/c) into dia/d");
        MergeRecord d = result.report().integration().merges().stream().filter(m -> m.workstreamId().equals("d"))
                .findFirst().orElseThrow();
        assertThat(d.status()).isEqualTo(MergeStatus.MERGED);
        assertThat(commitsWithSubject("dia/integration", "a work")).isEqualTo(1);
        assertThat(repo.filesAt("dia/integration")).containsOnlyOnce("src/a.txt", "src/b.txt", "src/c.txt", "src/d.txt");
    }

    @Test
    void dependenciesThatConflictStopTheDependentAndSkipItsDependents() throws Exception {
        Plan plan = Plans.yaml("""
                feature: clash
                workstreams:
                  - {id: b}
                  - {id: c}
                  - {id: d, dependsOn: [b, c]}
                  - {id: e, dependsOn: [d]}
                """);
        String edit = "printf 'one\\n%s\\n' \"$WORKSTREAM_ID\" > shared.txt && git commit -qam \"$WORKSTREAM_ID edits shared\"";

        RunResult result = run(plan, checkingWorker(Map.of(), "  b|c) " + edit + " ;;"));

        Map<String, WorkstreamReport> reports = byId(result);
        assertThat(reports.get("b").status()).isEqualTo("SUCCEEDED");
        assertThat(reports.get("c").status()).isEqualTo("SUCCEEDED");
        assertThat(reports.get("d").status()).isEqualTo("FAILED");
        assertThat(reports.get("d").reason()).contains("clash/b").contains("clash/c").contains("shared.txt");
        assertThat(reports.get("e").status()).isEqualTo("SKIPPED");
        assertThat(reports.get("e").reason()).contains("d failed");
        assertThat(repo.gitCli().branchExists(repo.dir(), "clash/d")).as("no branch was started for d").isFalse();
        assertNoConflictMarkers();
    }

    @Test
    void anUnstableDependencyStillDeliversItsCodeAndIsFlagged() throws Exception {
        Plan plan = Plans.yaml("""
                feature: uns
                workstreams:
                  - {id: a}
                  - {id: b, dependsOn: [a]}
                """);

        RunResult result = run(plan, checkingWorker(Map.of("b", "a"), "  a) mkdir -p src && echo 'work of a' > src/a.txt"
                + " && git add src && git commit -qm 'a work' && exit 0 ;;"));

        Map<String, WorkstreamReport> reports = byId(result);
        assertThat(reports.get("a").status()).isEqualTo("UNSTABLE");
        assertThat(reports.get("b").status()).isEqualTo("SUCCEEDED");
        assertThat(Files.readString(result.layout().workstreamDir("b").resolve("TASKS.md")))
                .contains("**Unstable:** it finished without a RESULTS.md");
    }

    @Test
    void aResumedDependentGetsTheNewCommitsOfAMovedDependencyAndKeepsItsOwn() throws Exception {
        Plan plan = Plans.yaml("""
                feature: again
                workstreams:
                  - {id: a}
                  - {id: b, dependsOn: [a]}
                """);
        // b commits a first part, then fails the first time; the second time it needs a's fix, and finishes.
        String b = "  b) if [ ! -f src/b1.txt ]; then mkdir -p src && echo first > src/b1.txt && git add src"
                + " && git commit -qm 'b first part' && exit 3; fi; test -f src/a-fix.txt || exit 8 ;;";
        String a = "  a) mkdir -p src && date +%s%N > src/a.txt && git add src && git commit -qm 'a run'"
                + " && echo done > RESULTS.md && exit 0 ;;";
        RunResult first = run(plan, checkingWorker(Map.of("b", "a"), a + "\n" + b));
        assertThat(byId(first).get("a").status()).isEqualTo("SUCCEEDED");
        assertThat(byId(first).get("b").status()).isEqualTo("FAILED");
        String bFirst = repo.revParse("again/b");

        // The dependency moves on (a fix by hand on its branch); the re-run brings it to b before b's worker resumes.
        Path fix = dir.resolve("fix");
        repo.git("worktree", "add", "--quiet", fix.toString(), "again/a");
        Files.createDirectories(fix.resolve("src"));
        Files.writeString(fix.resolve("src/a-fix.txt"), "fixed\n");
        repo.gitCli().run(fix, "add", "src");
        repo.gitCli().run(fix, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qm", "a fix by hand");
        repo.git("worktree", "remove", fix.toString());

        RunResult second = run(plan, checkingWorker(Map.of("b", "a"), a + "\n" + b));

        Map<String, WorkstreamReport> reports = byId(second);
        assertThat(reports.get("b").status()).as(reports.get("b").reason()).isEqualTo("SUCCEEDED");
        assertThat(repo.gitCli().isAncestor(repo.dir(), bFirst, "again/b")).as("b's earlier work is kept").isTrue();
        assertThat(repo.gitCli().isAncestor(repo.dir(), reports.get("a").headSha(), "again/b")).isTrue();
        assertThat(commitsWithSubject("again/b", "b first part")).isEqualTo(1);
        assertThat(repo.readFileAt("again/b", "src/a-fix.txt")).isEqualTo("fixed\n");
        assertThat(repo.filesAt("again/integration")).contains("src/a-fix.txt", "src/b.txt", "src/b1.txt");
        assertNoConflictMarkers();
    }
}
