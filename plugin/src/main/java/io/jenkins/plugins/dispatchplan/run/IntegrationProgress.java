package io.jenkins.plugins.dispatchplan.run;

import io.dispatchplan.integrate.RecordedVerify;
import io.dispatchplan.integrate.RememberedResolution;
import io.dispatchplan.integrate.ResolverRun;
import io.dispatchplan.integrate.ResumableIntegration;
import io.dispatchplan.integrate.ResumedIntegration;
import io.dispatchplan.integrate.VerifyRequest;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where this build's integration stands between its verify runs, saved with the build so that the search for the
 * merges that break verify survives a controller restart: each verify run is a durable {@code sh} in the Pipeline, and
 * {@code integrateWorkstreams} replays the integration from this state (the engine's
 * {@link io.dispatchplan.integrate.Integrator#integrateResumably}) until it needs no further run. Plain fields only:
 * it goes to build.xml and to the agent.
 */
public final class IntegrationProgress implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A verify run made, by the tree it ran on. */
    static final class Verified implements Serializable {
        private static final long serialVersionUID = 1L;

        String tree;
        boolean passed;
        int exitCode;
        long durationMillis;
        String outputTail;
    }

    /** What the resolver made of one merge (the run as the checks left it, before verify). */
    static final class Resolution implements Serializable {
        private static final long serialVersionUID = 1L;

        String head;
        String tip;
        String workstreamId;
        String worker;
        ArrayList<String> files = new ArrayList<>();
        boolean accepted;
        String reason;
        String mergeCommit;
        Double costUsd;
        String sessionId;
        long durationMillis;
        String directory;
    }

    /** The verify run the Pipeline is to make next, and, once made, its exit status. */
    static final class Pending implements Serializable {
        private static final long serialVersionUID = 1L;

        int number;
        String commit;
        String tree;
        String tested;
        ArrayList<String> merged = new ArrayList<>();
        String logFile;
        long askedAt;
        Integer exitStatus;
        long answeredAt;
    }

    private final long commitDateMillis;
    private String lastHead;
    private final ArrayList<Verified> verified = new ArrayList<>();
    private final ArrayList<Resolution> resolutions = new ArrayList<>();
    private Pending pending;

    /** A new integration whose commits are dated {@code commitDateMillis} (the first call's time). */
    public IntegrationProgress(long commitDateMillis) {
        this.commitDateMillis = commitDateMillis / 1000 * 1000;
    }

    /** Whether a verify run was asked for and its status is not recorded yet. */
    public synchronized boolean awaitsVerify() {
        return pending != null && pending.exitStatus == null;
    }

    /** Records the exit status of the verify run asked for ({@code recordVerification}). */
    public synchronized void verified(int exitStatus, long now) {
        if (!awaitsVerify()) {
            throw new IllegalStateException("no verify run is awaited");
        }
        pending.exitStatus = exitStatus;
        pending.answeredAt = now;
    }

    /**
     * The engine's state for the next call, on the agent: a verify run recorded since is read back from its log
     * there (its last lines).
     */
    public synchronized ResumableIntegration resumable() {
        if (pending != null && pending.exitStatus != null) {
            VerifyRequest asked = request(pending);
            RecordedVerify run = asked.recorded(pending.exitStatus,
                    Duration.ofMillis(Math.max(0, pending.answeredAt - pending.askedAt)));
            Verified v = new Verified();
            v.tree = run.tree();
            v.passed = run.passed();
            v.exitCode = run.exitCode();
            v.durationMillis = run.duration().toMillis();
            v.outputTail = run.outputTail();
            verified.add(v);
            pending = null;
        }
        List<RecordedVerify> runs = new ArrayList<>();
        for (Verified v : verified) {
            runs.add(new RecordedVerify(v.tree, v.passed, v.exitCode, Duration.ofMillis(v.durationMillis),
                    v.outputTail));
        }
        List<RememberedResolution> remembered = new ArrayList<>();
        for (Resolution r : resolutions) {
            remembered.add(new RememberedResolution(r.head, r.tip, new ResolverRun(0, r.workstreamId, r.worker,
                    r.files, r.accepted, r.reason, r.mergeCommit, r.costUsd, r.sessionId,
                    Duration.ofMillis(r.durationMillis), r.directory == null ? null : Path.of(r.directory))));
        }
        return new ResumableIntegration(Instant.ofEpochMilli(commitDateMillis), lastHead, runs, remembered);
    }

    /** Takes in how a call ended: where the branch is, what the resolver did, and the verify run to make next. */
    public synchronized void after(ResumedIntegration call, long now) {
        lastHead = call.head();
        resolutions.clear();
        for (RememberedResolution r : call.resolutions()) {
            Resolution kept = new Resolution();
            kept.head = r.head();
            kept.tip = r.tip();
            ResolverRun run = r.run();
            kept.workstreamId = run.workstreamId();
            kept.worker = run.worker();
            kept.files = new ArrayList<>(run.files());
            kept.accepted = run.accepted();
            kept.reason = run.reason();
            kept.mergeCommit = run.mergeCommit();
            kept.costUsd = run.costUsd();
            kept.sessionId = run.sessionId();
            kept.durationMillis = run.duration().toMillis();
            kept.directory = run.directory() == null ? null : run.directory().toString();
            resolutions.add(kept);
        }
        VerifyRequest next = call.pending();
        if (next == null) {
            pending = null;
            return;
        }
        pending = new Pending();
        pending.number = next.number();
        pending.commit = next.commit();
        pending.tree = next.tree();
        pending.tested = next.tested();
        pending.merged = new ArrayList<>(next.merged());
        pending.logFile = next.logFile().toString();
        pending.askedAt = now;
    }

    /** The verify run the Pipeline is to make; null when none is awaited. */
    public synchronized VerifyRequest awaited() {
        return awaitsVerify() ? request(pending) : null;
    }

    private static VerifyRequest request(Pending p) {
        return new VerifyRequest(p.number, p.commit, p.tree, p.tested, p.merged, Path.of(p.logFile));
    }
}
