package io.dispatchplan.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs on real repositories with scripted workers: what merges, what is skipped and why, the order
 * things ran in, and that no work is lost.
 */
class LocalDispatcherTest {
    @TempDir
    Path dir;

    TempRepo repo;
    Path events;

    @BeforeEach
    void createRepository() throws Exception {
        repo = TempRepo.initWithFiles(dir.resolve("repo"), TempRepo.files("README.md", "demo\n", "shared.txt", "one\ntwo\n"));
        events = dir.resolve("events.log");
        Files.createFile(events);
    }

    /**
     * A worker script: logs its start and end, then does what {@code behaviour} (a case statement on
     * WORKSTREAM_ID) says. The default writes src/$WORKSTREAM_ID.txt, commits it, and writes RESULTS.md
     * (collected, not committed).
     */
    private CommandWorker worker(String behaviour) {
        return CommandWorker.shell(String.join("\n",
                "echo \"start $WORKSTREAM_ID $(date +%s%N)\" >> '" + events + "'",
                "trap 'echo \"end $WORKSTREAM_ID $(date +%s%N)\" >> \"" + events + "\"' EXIT",
                "ok() { mkdir -p src && echo \"work of $WORKSTREAM_ID\" > src/$WORKSTREAM_ID.txt && git add src"
                        + " && git commit -qm \"$WORKSTREAM_ID work\" && echo \"# Results of $WORKSTREAM_ID\" > RESULTS.md; }",
                "case \"$WORKSTREAM_ID\" in",
                behaviour,
                "  *) ok ;;",
                "esac"));
    }

    private RunResult run(Plan plan, CommandWorker worker, java.util.function.Consumer<RunOptions.Builder> options)
            throws Exception {
        RunOptions.Builder builder = RunOptions.builder(repo.dir(), dir.resolve("out"), worker).retry(RetryPolicy.none());
        options.accept(builder);
        return new LocalDispatcher().run(plan, builder.build(), RunListener.NONE);
    }

    private static Map<String, WorkstreamReport> byId(RunResult result) {
        Map<String, WorkstreamReport> map = new HashMap<>();
        result.report().workstreams().forEach(w -> map.put(w.id(), w));
        return map;
    }

    private Map<String, long[]> intervals() throws Exception {
        Map<String, long[]> spans = new HashMap<>();
        for (String line : Files.readAllLines(events)) {
            String[] parts = line.split(" ");
            long[] span = spans.computeIfAbsent(parts[1], k -> new long[2]);
            span[parts[0].equals("start") ? 0 : 1] = Long.parseLong(parts[2]);
        }
        return spans;
    }

    @Test
    void runsInDependencyOrderAndMergesEveryBranchNoFf() throws Exception {
        Plan plan = Plans.yaml("""
                feature: shop
                workstreams:
                  - {id: api}
                  - {id: ui, dependsOn: [api]}
                  - {id: docs, dependsOn: [api]}
                  - {id: release, dependsOn: [ui, docs]}
                """);

        RunResult result = run(plan, worker(""), o -> { });

        assertThat(result.clean()).isTrue();
        assertThat(result.report().workstreams()).extracting(WorkstreamReport::status).containsOnly("SUCCEEDED");
        Map<String, long[]> spans = intervals();
        for (var w : plan.workstreams()) {
            for (String dependency : w.dependsOn()) {
                assertThat(spans.get(w.id())[0]).as(w.id() + " starts after " + dependency + " ends")
                        .isGreaterThanOrEqualTo(spans.get(dependency)[1]);
            }
        }
        assertThat(repo.filesAt("shop/integration")).contains("src/api.txt", "src/ui.txt", "src/docs.txt", "src/release.txt");
        List<String> firstParents = List.of(repo.git("log", "--first-parent", "--format=%P", "shop/integration").split("\n"));
        assertThat(firstParents.subList(0, 4)).allSatisfy(parents -> assertThat(parents.split(" ")).hasSize(2));
        assertThat(repo.git("log", "--first-parent", "--format=%s", "shop/integration"))
                .contains("Merge workstream api", "Merge workstream release");
        assertThat(repo.filesAt("shop/integration")).as("RESULTS.md is archived, not merged").doesNotContain("RESULTS.md");
        assertThat(Files.readString(result.layout().workstreamDir("ui").resolve("RESULTS.md"))).contains("Results of ui");
        assertThat(Files.readString(result.layout().workstreamDir("ui").resolve("TASKS.md"))).contains("`api`");
        assertThat(result.layout().planJson()).exists();
        assertThat(Files.readString(result.layout().integrationMarkdown())).contains("api").contains("release");
        assertThat(ReportJson.read(Files.readString(result.reportFile())).workstreams()).hasSize(4);
        assertThat(dir.resolve("out/worktrees/shop/api")).as("worktrees removed at the end").doesNotExist();
        assertThat(repo.git("status", "--porcelain")).as("the user's checkout is untouched").isEmpty();
    }

    @Test
    void aFailureSkipsItsDependentsAndKeepsItsWork() throws Exception {
        Plan plan = Plans.yaml("""
                feature: f
                workstreams:
                  - {id: a}
                  - {id: b}
                  - {id: c, dependsOn: [a]}
                  - {id: d, dependsOn: [c]}
                """);

        RunResult result = run(plan, worker("  a) echo half-done > partial.txt; exit 3 ;;"), o -> { });

        Map<String, WorkstreamReport> reports = byId(result);
        assertThat(result.clean()).isFalse();
        assertThat(reports.get("a").status()).isEqualTo("FAILED");
        assertThat(reports.get("a").reason()).contains("exit").contains("WIP commit");
        assertThat(repo.readFileAt("f/a", "partial.txt")).as("uncommitted work saved on the branch").isEqualTo("half-done\n");
        assertThat(reports.get("c").status()).isEqualTo("SKIPPED");
        assertThat(reports.get("c").reason()).isEqualTo("skipped: dependency a failed");
        assertThat(reports.get("d").reason()).contains("c was skipped (a failed)");
        assertThat(reports.get("b").status()).isEqualTo("SUCCEEDED");
        assertThat(repo.filesAt("f/integration")).contains("src/b.txt").doesNotContain("partial.txt", "src/a.txt");
        assertThat(intervals()).doesNotContainKeys("c", "d");
    }

    @Test
    void missingResultsIsUnstableButMergedAndFlagged() throws Exception {
        Plan plan = Plans.yaml("workstreams: [{id: x}, {id: y}]");

        RunResult result = run(plan, worker("  x) echo code > x.txt; git add x.txt; git commit -qm x ;;"), o -> { });

        WorkstreamReport x = byId(result).get("x");
        assertThat(x.status()).isEqualTo("UNSTABLE");
        assertThat(x.reason()).contains("RESULTS.md");
        MergeRecord merge = result.report().integration().merges().stream()
                .filter(m -> m.workstreamId().equals("x")).findFirst().orElseThrow();
        assertThat(merge.status()).isEqualTo(MergeStatus.MERGED);
        assertThat(merge.flagged()).isTrue();
        assertThat(repo.filesAt("plan/integration")).contains("x.txt");
        assertThat(result.clean()).isFalse();
    }

    @Test
    void uncommittedWorkIsCommittedAndMerged() throws Exception {
        Plan plan = Plans.yaml("workstreams: [{id: lazy}]");

        RunResult result = run(plan, worker("  lazy) echo done > lazy.txt; echo '# r' > RESULTS.md ;;"), o -> { });

        WorkstreamReport lazy = byId(result).get("lazy");
        assertThat(lazy.status()).isEqualTo("SUCCEEDED");
        assertThat(lazy.reason()).contains("WIP commit");
        assertThat(repo.readFileAt("plan/integration", "lazy.txt")).isEqualTo("done\n");
        assertThat(repo.filesAt("plan/lazy")).as("engine files never committed").doesNotContain("TASKS.md", "COORDINATION.md");
    }

    @Test
    void workersThatCommitTheirResultsAnywayStillMergeWithoutConflicts() throws Exception {
        Plan plan = Plans.yaml("workstreams: [{id: p}, {id: q}, {id: r}]");

        RunResult result = run(plan, worker("  *) ok; git add -f RESULTS.md; git commit -qm 'my results' ;;"), o -> { });

        assertThat(result.clean()).isTrue();
        assertThat(result.report().integration().merges()).extracting(MergeRecord::status).containsOnly(MergeStatus.MERGED);
        assertThat(repo.filesAt("plan/integration")).contains("src/p.txt", "src/q.txt", "src/r.txt").doesNotContain("RESULTS.md");
        assertThat(repo.readFileAt("plan/q~1", "RESULTS.md")).as("the worker's commit stays in history").contains("Results of q");
        assertThat(Files.readString(result.layout().workstreamDir("q").resolve("RESULTS.md"))).contains("Results of q");
    }

    @Test
    void aHangingWorkerIsKilledAtItsTimeout() throws Exception {
        Plan plan = Plans.yaml("workstreams: [{id: slow}, {id: quick}]");

        long start = System.nanoTime();
        RunResult result = run(plan, worker("  slow) sleep 300 ;;"), o -> o.timeouts(Duration.ofSeconds(2), null));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        WorkstreamReport slow = byId(result).get("slow");
        assertThat(slow.status()).isEqualTo("FAILED");
        assertThat(slow.reason()).contains("did not finish within 2 s; its process tree was killed");
        assertThat(byId(result).get("quick").status()).isEqualTo("SUCCEEDED");
    }

    @Test
    void conflictingBranchesAreReportedAndTheIntegrationBranchStaysClean() throws Exception {
        Plan plan = Plans.yaml("workstreams: [{id: left}, {id: right}]");
        String edit = "printf 'one\\n%s\\n' $WORKSTREAM_ID > shared.txt; git commit -qam edit; echo r > RESULTS.md";

        RunResult result = run(plan, worker("  left|right) " + edit + " ;;"), o -> { });

        List<MergeRecord> merges = result.report().integration().merges();
        assertThat(merges).extracting(MergeRecord::status).containsExactly(MergeStatus.MERGED, MergeStatus.CONFLICT);
        assertThat(merges.get(1).conflictFiles()).contains("shared.txt");
        assertThat(repo.readFileAt("plan/integration", "shared.txt")).isEqualTo("one\nleft\n");
        assertThat(repo.gitCli().tryRun(repo.dir(), List.of("grep", "-c", "<<<<<<<", "plan/integration")).exitCode())
                .as("git grep finds no conflict marker").isEqualTo(1);
        assertThat(repo.revParse("plan/right")).as("the conflicting branch stays").isNotBlank();
        assertThat(result.clean()).isFalse();
    }

    @Test
    void failFastStopsTheRunningWorkersAndStartsNothingMore() throws Exception {
        Plan plan = Plans.yaml("workstreams: [{id: bad}, {id: long}, {id: later, dependsOn: [long]}]");

        long start = System.nanoTime();
        RunResult result = run(plan, worker("  bad) for i in $(seq 100); do [ -e ../long/long.txt ] && break; sleep 0.1; done; exit 2 ;;\n"
                        + "  long) echo partial > long.txt; sleep 300 ;;"),
                o -> o.failFast(true));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
        Map<String, WorkstreamReport> reports = byId(result);
        assertThat(reports.get("bad").status()).isEqualTo("FAILED");
        assertThat(reports.get("long").status()).isEqualTo("FAILED");
        assertThat(reports.get("long").reason()).startsWith("stopped: bad failed and failFast is on");
        assertThat(repo.readFileAt("plan/long", "long.txt")).as("the stopped worker's work is kept").isEqualTo("partial\n");
        assertThat(reports.get("later").status()).isEqualTo("SKIPPED");
        assertThat(result.report().integration()).as("integration always runs").isNotNull();
    }

    @Test
    void theRunsDeadlineStopsWorkersAndStillIntegrates() throws Exception {
        Plan plan = Plans.yaml("workstreams: [{id: quick}, {id: slow}, {id: after, dependsOn: [slow]}]");

        RunResult result = run(plan, worker("  slow) sleep 300 ;;"), o -> o.timeouts(null, Duration.ofSeconds(3)));

        Map<String, WorkstreamReport> reports = byId(result);
        assertThat(reports.get("quick").status()).isEqualTo("SUCCEEDED");
        assertThat(reports.get("slow").reason()).startsWith("stopped: the run's deadline");
        assertThat(reports.get("after").reason()).startsWith("not started: the run's deadline");
        assertThat(repo.filesAt("plan/integration")).contains("src/quick.txt");
    }

    @Test
    void copiedFilesAndPortsReachTheWorkerButNeverTheBranch() throws Exception {
        repo.commitFile(".worktreeinclude", ".env\n", "copy .env into worktrees");
        Files.writeString(repo.dir().resolve(".env"), "SECRET=local-only\n");
        Plan plan = Plans.yaml("workstreams: [{id: one}, {id: two}]");

        RunResult result = run(plan, worker("  *) echo \"port $PORT $(grep -c SECRET .env)\" > seen-$WORKSTREAM_ID.txt;"
                        + " git add -A; git commit -qm all; ok ;;"),
                o -> o.setup(io.dispatchplan.worktree.SetupOptions.none().withSource(repo.dir())
                        .withPorts(new io.dispatchplan.worktree.PortBlock(4100, 10, 0)), io.dispatchplan.git.CommitIdentity.DEFAULT));

        assertThat(result.clean()).isTrue();
        assertThat(repo.readFileAt("plan/integration", "seen-one.txt")).isEqualTo("port 4100 1\n");
        assertThat(repo.readFileAt("plan/integration", "seen-two.txt")).isEqualTo("port 4110 1\n");
        assertThat(repo.filesAt("plan/integration")).doesNotContain(".env", "TASKS.md", "RESULTS.md");
        assertThat(repo.filesAt("plan/one")).doesNotContain(".env");
    }

    @Test
    void aLongIntegrationReportsEachMergeAsItGoes() throws Exception {
        StringBuilder ids = new StringBuilder("workstreams: [");
        for (int i = 1; i <= IntegrationStage.LONG_PHASE; i++) {
            ids.append(i == 1 ? "" : ", ").append("{id: w").append(i).append("}");
        }
        Plan plan = Plans.yaml(ids + "]");
        List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());

        new LocalDispatcher().run(plan, RunOptions.builder(repo.dir(), dir.resolve("out"), worker("")).retry(RetryPolicy.none())
                .build(), new RunListener() {
                    @Override
                    public void message(String text) {
                        messages.add(text);
                    }
                });

        assertThat(messages).contains("integration: w1 merged (1 of 20)", "integration: w20 merged (20 of 20)",
                "removing 20 worktree(s) (their branches stay)");
    }

    @Test
    void filesTheWorkerHidFromGitAreNamedWhenTheirWorktreeIsRemoved() throws Exception {
        Plan plan = Plans.yaml("workstreams: [{id: api}]");
        List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());

        new LocalDispatcher().run(plan, RunOptions.builder(repo.dir(), dir.resolve("out"), worker("  api) echo 'build/'"
                + " > .gitignore && mkdir -p build && echo out > build/app.bin && ok ;;")).retry(RetryPolicy.none()).build(),
                new RunListener() {
                    @Override
                    public void message(String text) {
                        messages.add(text);
                    }
                });

        assertThat(messages).anyMatch(m -> m.contains("1 file(s) git ignores (e.g. build/)")
                && m.contains("--keep-worktrees"));
    }

    @Test
    void maxParallelCapsHowManyRunAtOnce() throws Exception {
        Plan plan = Plans.yaml("workstreams: [{id: w1}, {id: w2}, {id: w3}, {id: w4}, {id: w5}]");

        // Each worker counts the workers inside it at its start (no clocks: the wall clock can step back).
        Path inside = Files.createDirectories(dir.resolve("inside"));
        Path counts = dir.resolve("counts.log");
        run(plan, worker("  *) mkdir '" + inside + "'/$WORKSTREAM_ID; ls '" + inside + "' | wc -l >> '" + counts + "';"
                + " sleep 1; rmdir '" + inside + "'/$WORKSTREAM_ID; ok ;;"), o -> o.maxParallel(2));

        List<Integer> seen = Files.readAllLines(counts).stream().map(String::strip).map(Integer::valueOf).toList();
        assertThat(seen).as("workers running at each start, itself included").hasSize(5).allMatch(n -> n <= 2)
                .contains(2);
    }

    @Test
    void aReRunResumesDoneWorkAndRetriesFailures() throws Exception {
        Plan plan = Plans.yaml("workstreams: [{id: good}, {id: flaky}, {id: after, dependsOn: [flaky]}]");
        Path marker = dir.resolve("fixed");
        CommandWorker worker = worker("  flaky) [ -e '" + marker + "' ] || { echo tried > attempt1.txt; exit 1; }; ok ;;");

        RunResult first = run(plan, worker, o -> { });
        assertThat(byId(first).get("flaky").status()).isEqualTo("FAILED");
        assertThat(byId(first).get("after").status()).isEqualTo("SKIPPED");
        Files.writeString(events, "");
        Files.createFile(marker);

        RunResult second = run(plan, worker, o -> { });

        assertThat(intervals()).as("only what was not done runs again").containsOnlyKeys("flaky", "after");
        assertThat(byId(second).get("good").reason()).isEqualTo("done in an earlier run");
        assertThat(second.clean()).isTrue();
        assertThat(repo.filesAt("plan/integration")).contains("src/good.txt", "src/flaky.txt", "src/after.txt",
                "attempt1.txt");
    }

    @Test
    void notARepositoryIsAClearError() {
        Plan plan;
        try {
            plan = Plans.yaml("workstreams: [{id: a}]");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        RunOptions options = RunOptions.of(dir.resolve("nowhere"), dir.resolve("out"), worker(""));
        assertThatThrownBy(() -> new LocalDispatcher().run(plan, options, RunListener.NONE))
                .isInstanceOf(RunException.class).hasMessageContaining("does not exist");
        RunOptions plain = RunOptions.of(dir, dir.resolve("out2"), worker(""));
        assertThatThrownBy(() -> new LocalDispatcher().run(plan, plain, RunListener.NONE))
                .isInstanceOf(RunException.class).hasMessageContaining("is not a git repository");
    }
}
