package io.jenkins.plugins.dispatchplan.agent;

import io.jenkins.plugins.dispatchplan.config.RunSettings;
import io.jenkins.plugins.dispatchplan.run.IntegrationRuns;
import io.jenkins.plugins.dispatchplan.steps.IntegrationReport;

import io.dispatchplan.files.SafeFiles;
import io.dispatchplan.git.CachedRepository;
import io.dispatchplan.git.GitCli;
import io.dispatchplan.git.RemoteFetcher;
import io.dispatchplan.git.RepositoryCache;
import io.dispatchplan.git.RepositoryLock;
import io.dispatchplan.integrate.BranchToMerge;
import io.dispatchplan.integrate.ConflictPolicy;
import io.dispatchplan.integrate.IntegrationRequest;
import io.dispatchplan.integrate.IntegrationResult;
import io.dispatchplan.integrate.Integrator;
import io.dispatchplan.integrate.ResolverOptions;
import io.dispatchplan.integrate.ResumedIntegration;
import io.dispatchplan.integrate.VerifyRequest;
import io.dispatchplan.secrets.Secrets;
import java.time.Duration;
import java.util.Map;
import io.dispatchplan.integrate.MergeRecord;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.report.IntegrationMarkdown;
import io.dispatchplan.report.ReportJson;
import io.dispatchplan.report.RunReport;
import io.dispatchplan.report.WorkstreamReport;
import io.dispatchplan.worktree.WorktreeManager;
import java.time.Instant;
import io.dispatchplan.worktree.BranchBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * On the integration node: the workstream branches brought into the agent's cache repository (from the
 * bundles the workstreams stashed, unstashed under {@code .dispatch-plan/bundles/}), then the engine's
 * {@link Integrator} merges them {@code --no-ff} in dependency order on {@code <feature>/integration}.
 */
public final class IntegrationOnAgent {
    private final GitCli git = new GitCli();
    private final RepositoryCache cache;

    IntegrationOnAgent(Path cacheRoot, RemoteFetcher fetcher) {
        this.cache = new RepositoryCache(git, cacheRoot, fetcher, RepositoryLock.DEFAULT_TIMEOUT);
    }

    IntegrationReport integrate(IntegrationSetup setup, Path workspace) {
        return integrate(setup, workspace, null);
    }

    /** @param pusher pushes the integration branch (forced: it is re-created from the base each run); null for not */
    IntegrationReport integrate(IntegrationSetup setup, Path workspace, BranchPusher pusher) {
        CachedRepository repo = cache.forJob(cache.ensureCommit(setup.repository, setup.baseCommit), setup.job);
        BranchBundle bundles = new BranchBundle(git);
        List<BranchToMerge> branches = new ArrayList<>();
        try (RepositoryLock lock = cache.lock(repo)) {
            for (IntegrationSetup.Branch b : setup.branches) {
                Path file = workspace.resolve(RunSettings.ARTIFACTS_DIR).resolve(WorkstreamCollection.bundlePath(b.id));
                // A branch at the base carries no bundle; any other brings one (a dependent's holds its dependencies' too).
                Path bundle = b.head != null && !b.head.equals(setup.baseCommit)
                        && SafeFiles.kind(workspace, file) == SafeFiles.Kind.FILE ? file : null;
                if (b.head != null && (bundle != null || git.hasCommit(repo.gitDir(), b.head))) {
                    // This run's tip wins over a branch an earlier run left in this cache.
                    bundles.importBranch(repo.gitDir(), new BranchBundle.Export(bundle, b.branch,
                            setup.baseCommit, b.head, b.commits), true);
                }
                branches.add(new BranchToMerge(b.id, b.branch, b.flagged, b.dependsOn));
            }
        }
        Path worktree = workspace.resolve(setup.feature).resolve("integration");
        WorktreeManager.requireNoLinks(workspace, worktree);
        Path reports = workspace.resolve(RunSettings.ARTIFACTS_DIR).resolve("integration");
        IntegrationRequest request = new IntegrationRequest(repo.gitDir(), setup.feature, setup.baseCommit, null,
                branches, setup.stopOnConflict ? ConflictPolicy.STOP : ConflictPolicy.SKIP,
                setup.verify == null ? null : List.of("sh", "-c", setup.verify), null, worktree, null)
                .withVerifyLog(reports.resolve("verify.log")).withVerifyEach(setup.verifyEach)
                .withResolver(resolver(setup, workspace));
        Integrator integrator = new Integrator(git, new ProcessRunner());
        IntegrationResult result;
        if (setup.progress == null) {
            result = integrator.integrate(request);
        } else {
            ResumedIntegration call = integrator.integrateResumably(request, setup.progress.resumable(), merge -> { });
            setup.progress.after(call, System.currentTimeMillis());
            if (call.pending() != null) {
                VerifyRequest next = call.pending();
                // The Pipeline's sh writes it: never through a link.
                SafeFiles.prepareForWriting(workspace, next.logFile());
                return new IntegrationReport(setup.feature + "/integration", next.commit(), worktree.toString(),
                        List.of(), List.of(), false).verifyNext(next.script(setup.verify), "verify " + next.number()
                                + ": " + next.tested()).progress(setup.progress);
            }
            result = call.result();
        }
        List<String> merged = new ArrayList<>();
        List<String> notMerged = new ArrayList<>();
        for (MergeRecord m : result.merges()) {
            if (m.status().integrated()) {
                merged.add(m.workstreamId() + (m.flagged() ? " (unstable)" : ""));
            } else {
                notMerged.add(m.workstreamId() + ": " + m.status().name().toLowerCase().replace('_', ' ')
                        + (m.conflictFiles().isEmpty() ? "" : " in " + String.join(", ", m.conflictFiles()))
                        + (m.message().isBlank() ? "" : " (" + m.message() + ")"));
            }
        }
        String fetch = null;
        try {
            if (IntegrationBundle.write(git, repo.gitDir(), result.integrationBranch(), setup.baseCommit, workspace)) {
                fetch = IntegrationBundle.fetchCommand(setup.buildUrl, result.integrationBranch());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the integration bundle: " + e.getMessage(), e);
        }
        writeReport(setup, result, workspace, reports, fetch == null ? ""
                : IntegrationBundle.markdown(result.integrationBranch(), setup.baseCommit, fetch));
        IntegrationReport report = new IntegrationReport(result.integrationBranch(), result.headSha(), worktree.toString(),
                merged, notMerged, result.stopped()).progress(setup.progress).ran(IntegrationRuns.of(result));
        report.reachableBy(fetch == null ? null : IntegrationBundle.ARTIFACT, fetch);
        if (result.verify().ran()) {
            report.verified(result.verify().passed(), result.verify().exitCode(), result.verifyMessage());
        }
        if (pusher != null) {
            try {
                pusher.push(repo.gitDir(), setup.repository, result.integrationBranch(), true);
            } catch (io.dispatchplan.git.GitException e) {
                report.pushProblem(e.getMessage());
            }
        }
        return report;
    }

    /**
     * The conflict resolver, when the run has one: its runs under {@code .dispatch-plan/resolver/}, the workstreams'
     * notes written beside them for its instructions.
     */
    private static ResolverOptions resolver(IntegrationSetup setup, Path workspace) {
        if (setup.resolver == null) {
            return null;
        }
        Path dir = workspace.resolve(RunSettings.ARTIFACTS_DIR);
        Path notes = dir.resolve("resolver-notes");
        for (IntegrationSetup.Notes n : setup.notes) {
            if (n.tasks != null) {
                SafeFiles.writeRegularFile(workspace, notes.resolve(n.id).resolve("TASKS.md"), n.tasks);
            }
            if (n.results != null) {
                SafeFiles.writeRegularFile(workspace, notes.resolve(n.id).resolve("RESULTS.md"), n.results);
            }
        }
        Secrets secrets = Secrets.of(List.copyOf(setup.resolverEnvironment.keySet()), setup.resolverEnvironment,
                Map.of());
        return ResolverOptions.of(setup.resolver.resolver(), SafeFiles.directories(workspace, dir.resolve("resolver")))
                .withNotesDir(notes).withMayEditOtherFiles(setup.resolverMayEditOtherFiles)
                .withTimeout(setup.resolverTimeoutMinutes > 0 ? Duration.ofMinutes(setup.resolverTimeoutMinutes) : null)
                .withRun(setup.resolverEnvironment, setup.job, secrets);
    }

    /** INTEGRATION.md and report.json (the engine's formats) under {@code .dispatch-plan/integration/}, to archive. */
    static void writeReport(IntegrationSetup setup, IntegrationResult result, Path workspace, Path dir, String more) {
        List<WorkstreamReport> rows = new ArrayList<>();
        for (IntegrationSetup.Row r : setup.rows) {
            rows.add(new WorkstreamReport(r.id, r.title, r.status, r.reason, r.agent, r.durationMillis, r.branch, r.headSha,
                    r.commits, null, r.costUsd, null, r.sessionId, r.status.equals("SKIPPED") ? 0 : 1,
                    r.resultsArtifact == null ? null : "../" + r.resultsArtifact));
        }
        RunReport report = new RunReport(setup.feature, setup.planTitle, setup.baseCommit,
                setup.startedAt > 0 ? Instant.ofEpochMilli(setup.startedAt) : null, Instant.now(), rows, result)
                .withSchedule(setup.schedule);
        // Below the workspace only, links replaced, never written through.
        SafeFiles.writeRegularFile(workspace, dir.resolve("INTEGRATION.md"), IntegrationMarkdown.write(report) + more);
        SafeFiles.writeRegularFile(workspace, dir.resolve("report.json"), ReportJson.write(report));
    }
}
