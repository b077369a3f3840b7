package io.dispatchplan.report;

import static io.dispatchplan.testsupport.TempRepo.files;
import static org.assertj.core.api.Assertions.assertThat;

import io.dispatchplan.git.CommitIdentity;
import io.dispatchplan.git.DiffStat;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.graph.BudgetSummary;
import io.dispatchplan.integrate.BranchToMerge;
import io.dispatchplan.integrate.ConflictPolicy;
import io.dispatchplan.integrate.IntegrationRequest;
import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.Integrator;
import io.dispatchplan.integrate.MergeStatus;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.testsupport.TempRepo;
import io.dispatchplan.testsupport.TestGit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntegrationMarkdownTest {

    private static final String HOSTILE = "<script>alert(1)</script> | [click](http://evil.invalid) *bold* `x`\n# h";

    @TempDir
    Path tmp;

    private final GitCli git = TestGit.cli();
    private TempRepo repo;
    private String base;

    @BeforeEach
    void setUp() {
        repo = TempRepo.initWithFiles(tmp.resolve("repo"), files("shared.txt", "one\n"));
        base = repo.head();
    }

    private String workstream(String id, String file, String content) {
        repo.branch("chat/" + id, base).checkout("chat/" + id);
        String tip = repo.commitFiles("work of " + id, files(file, content, "RESULTS.md", "results of " + id + "\n"));
        repo.checkout("main");
        return tip;
    }

    private IntegrationRequest request(List<BranchToMerge> branches) {
        return new IntegrationRequest(repo.dir(), "chat", base, null, branches, ConflictPolicy.SKIP,
                List.of("sh", "-c", "echo 1 test failed; exit 3"), Duration.ofMinutes(1),
                tmp.resolve("work/integration"), CommitIdentity.DEFAULT);
    }

    private WorkstreamReport report(String id, String title, String status, String reason, String tip) {
        return new WorkstreamReport(id, title, status, reason, "agent-1", 61_000, "chat/" + id, tip,
                tip == null ? 0 : 1, tip == null ? null : git.diffStat(repo.dir(), base, tip), tip == null ? null : 0.5,
                4, null, 1, tip == null ? null : "workstreams/" + id + "/RESULTS.md");
    }

    /** a merges, b conflicts with a, u is unstable (merged, flagged), f failed (not merged); verify fails. */
    private RunReport conflictRun() {
        String a = workstream("a", "shared.txt", "A\n");
        String b = workstream("b", "shared.txt", "B\n");
        String u = workstream("u", "u.txt", "u\n");
        IntegrationResult integration = new Integrator(git, new ProcessRunner()).integrate(request(List.of(
                new BranchToMerge("a", "chat/a", false), new BranchToMerge("b", "chat/b", false),
                new BranchToMerge("u", "chat/u", true))));
        return new RunReport("chat", "Chat " + HOSTILE, base, Instant.parse("2024-05-01T10:00:00Z"),
                Instant.parse("2024-05-01T10:05:30Z"), List.of(
                        report("a", HOSTILE, WorkstreamReport.SUCCEEDED, null, a),
                        report("b", "Backend", WorkstreamReport.SUCCEEDED, null, b),
                        report("u", "Unstable one", WorkstreamReport.UNSTABLE,
                                "no RESULTS.md: the worker did not write it", u),
                        report("f", "Failing one", WorkstreamReport.FAILED, "claude hit error_max_turns", null)),
                integration);
    }

    private static String html(String markdown) {
        List<org.commonmark.Extension> extensions = List.of(TablesExtension.create());
        return HtmlRenderer.builder().extensions(extensions).build()
                .render(Parser.builder().extensions(extensions).build().parse(markdown));
    }

    @Test
    void reportsMergedConflictingFlaggedAndUnmergedWorkstreams() {
        RunReport run = conflictRun();

        String md = IntegrationMarkdown.write(run);

        assertThat(md).startsWith("# Integration report: `chat`\n");
        assertThat(md).contains("- Base commit: `" + base + "`");
        assertThat(md).contains("took 5m 30s");
        assertThat(md).contains("**needs attention**: 1 conflict, 1 workstream not merged, "
                + "1 unstable workstream merged (flagged), verify failed");
        assertThat(md).contains("| `b` Backend | SUCCEEDED | **conflict** | 1 | 2 files, +2 -1 | 1m 01s | agent-1 | "
                + "$0.50 | [RESULTS.md](<workstreams/b/RESULTS.md>) |");
        assertThat(md).contains("| `f` Failing one | FAILED | not merged | - | - | 1m 01s | agent-1 | - | none |");
        assertThat(md).contains("## Conflicts").contains("- `b` (`chat/b`): conflicts in `shared.txt` with `a`");
        assertThat(md).containsPattern("- `u` \\(`chat/u`\\) as `[0-9a-f]{12}`: \\*\\*flagged\\*\\*, the workstream was "
                + "unstable \\(no RESULTS\\.md: the worker did not write it\\)");
        assertThat(md).contains("- `f` FAILED: claude hit error\\_max\\_turns. Not merged; its branch `chat/f` is kept");
        assertThat(md).contains("**Failed** with exit code 3").contains("integration-verify.log");
        assertThat(md).contains("### Resolving `b` by hand").contains("git checkout chat/b\ngit merge chat/integration")
                .contains("git add -- shared.txt").contains("git merge --no-ff -m 'Merge workstream b (chat/b)' chat/b");
        assertThat(md).contains("git merge --no-ff chat/integration");
    }

    @Test
    void planTextCannotBecomeMarkupLinksOrExtraTableCells() {
        String rendered = html(IntegrationMarkdown.write(conflictRun()));

        assertThat(rendered).doesNotContain("<script>").doesNotContain("href=\"http://evil.invalid\"")
                .doesNotContain("<em>bold</em>").doesNotContain("<h1>h");
        assertThat(rendered).contains("&lt;script&gt;alert(1)&lt;/script&gt; | [click](http://evil.invalid) *bold*");
        // Header row plus one row per workstream, each with nine cells.
        Matcher rows = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(rendered);
        List<Integer> cells = new ArrayList<>();
        while (rows.find()) {
            cells.add(rows.group(1).split("<t[dh][ >]", -1).length - 1);
        }
        assertThat(cells).containsExactly(9, 9, 9, 9, 9);
    }

    @Test
    void followingTheNextStepsForAConflictLetsTheNextIntegrationMergeIt() throws Exception {
        RunReport run = conflictRun();
        String md = IntegrationMarkdown.write(run);
        Matcher block = Pattern.compile("### Resolving `b` by hand.*?```sh\n(.*?)```", Pattern.DOTALL).matcher(md);
        assertThat(block.find()).isTrue();
        repo.git("config", "user.name", "Human");
        repo.git("config", "user.email", "human@example.invalid");

        for (String line : block.group(1).lines().toList()) {
            if (line.startsWith("#")) {
                // The human's part: resolve the conflict.
                Files.writeString(repo.dir().resolve("shared.txt"), "A and B\n");
                continue;
            }
            new ProcessRunner().run(ProcessSpec.of("sh", "-c", line).in(repo.dir()).env(TestGit.environment()));
        }
        repo.checkout("main");
        IntegrationResult again = new Integrator(git, new ProcessRunner()).integrate(request(List.of(
                new BranchToMerge("a", "chat/a", false), new BranchToMerge("b", "chat/b", false))));

        assertThat(again.merges()).extracting(m -> m.status()).containsExactly(MergeStatus.MERGED, MergeStatus.MERGED);
        assertThat(repo.readFileAt("chat/integration", "shared.txt")).isEqualTo("A and B\n");
    }

    @Test
    void aRunWhoseIntegrationCouldNotRunSaysWhy() {
        RunReport run = new RunReport("chat", "Chat", base, Instant.parse("2024-05-01T10:00:00Z"), null, List.of(
                new WorkstreamReport("a", "A", WorkstreamReport.SUCCEEDED, null, null, 2_500, "chat/a", base, 0,
                        new DiffStat(List.of()), null, null, null, 1, null)),
                null, "the integration branch chat/integration holds 1 commit(s) that no workstream branch has");

        String md = IntegrationMarkdown.write(run);

        assertThat(md).contains("- Result: **not integrated**");
        assertThat(md).contains("The integration did not run: the integration branch chat/integration holds 1 "
                + "commit(s) that no workstream branch has");
        assertThat(md).contains("| `a` A | SUCCEEDED | not merged | 0 | 0 files, +0 -0 | 2.5 s | - | - | none |");
        assertThat(md).contains("Fix what kept the integration from running");
    }

    @Test
    void aCleanRunSaysSoAndHowToMergeTheIntegrationBranch() {
        String a = workstream("a", "a.txt", "a\n");
        IntegrationResult integration = new Integrator(git, new ProcessRunner()).integrate(request(List.of(
                new BranchToMerge("a", "chat/a", false))).withVerify(List.of("true"), null));
        RunReport run = new RunReport("chat", "Chat", base, null, null,
                List.of(report("a", "A", WorkstreamReport.SUCCEEDED, null, a)), integration);

        String md = IntegrationMarkdown.write(run);

        assertThat(md).contains("- Result: **clean**: every branch is merged and verify passed");
        assertThat(md).contains("## Verify\n\nPassed in ");
        assertThat(md).doesNotContain("## Conflicts").doesNotContain("## Not merged");
        assertThat(md).contains("Everything is merged.").contains("git merge --no-ff chat/integration");
    }

    @Test
    void theBudgetAndTheRateLimitChangesAreShown() {
        RunReport run = new RunReport("chat", "Chat", base, null, null, List.of(), null)
                .withSchedule(ReportJsonTest.sampleSchedule());

        String md = IntegrationMarkdown.write(run);

        assertThat(md).contains("- Budget: $0.08 spent, $0.05 reserved, cap $0.12\n")
                .contains("## Rate limits\n\nThe API rate-limited workers, so the run started fewer at once for a"
                        + " while:\n\n- 2024-05-01T10:01:00Z: rate limit: starting at most 2 workers at once (was 4):"
                        + " api reported rate\\_limit\n- 2024-05-01T10:02:00Z: rate limit: starting at most 3 workers"
                        + " at once (was 2): no rate limit for 60 s\n");
        assertThat(IntegrationMarkdown.write(new RunReport("chat", "Chat", base, null, null, List.of(), null)))
                .doesNotContain("Budget").doesNotContain("Rate limits");
        assertThat(IntegrationMarkdown.write(new RunReport("chat", "Chat", base, null, null, List.of(), null)
                .withSchedule(new ScheduleSummary(new BudgetSummary(null, 0, 0), List.of()))))
                .as("no cap and nothing spent: nothing to say").doesNotContain("Budget");
    }
}
