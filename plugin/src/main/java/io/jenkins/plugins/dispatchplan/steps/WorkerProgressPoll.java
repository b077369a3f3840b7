package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.agent.WorkerProgress;
import io.jenkins.plugins.dispatchplan.config.Text;
import io.jenkins.plugins.dispatchplan.run.WorkstreamRecord;

import io.dispatchplan.secrets.Secrets;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One look at a running worker's progress, repeated by {@link TrackWorkstreamStep}: reads it on the agent, puts its
 * turns and last activity on the workstream's run page row, and saves the build only when that changed. A look that
 * fails (the agent is offline or slow, a link is refused) changes nothing and is logged at FINE only: the run page is
 * a view, never a reason to fail a build. Once {@link #stop()} returned it touches the row no more, so what
 * {@code collectWorkstream} records after the worker is the last word.
 */
final class WorkerProgressPoll implements Runnable {
    private static final Logger LOGGER = Logger.getLogger(WorkerProgressPoll.class.getName());

    /** Where the progress comes from: the agent, through its workspace. */
    interface Source {
        /**
         * @param previous what the last read found, or null (an unchanged events file is not read again)
         * @return the progress now, or null when it cannot be read now (the agent is offline)
         */
        WorkerProgress read(WorkerProgress previous) throws IOException, InterruptedException;
    }

    /** Saves the build (its run page rows are part of it). */
    interface Save {
        void save() throws IOException;
    }

    private final String id;
    private final Source source;
    private final WorkstreamRecord row;
    private final Secrets secrets;
    private final Save save;
    private volatile WorkerProgress last;
    private boolean stopped;

    /** @param secrets the run's API key, masked in what is kept: the worker had it and may have passed it to a tool */
    WorkerProgressPoll(String id, Source source, WorkstreamRecord row, Secrets secrets, Save save) {
        this.id = id;
        this.source = source;
        this.row = row;
        this.secrets = secrets;
        this.save = save;
    }

    @Override
    public void run() {
        try {
            WorkerProgress progress = source.read(last);
            if (progress != null && record(progress)) {
                save.save();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOGGER.log(Level.FINE, "cannot read how far the worker of " + id + " has got; trying again later", e);
        }
    }

    /** Puts it on the row, as the controller keeps an agent's answer; true when that changed the row. */
    private synchronized boolean record(WorkerProgress progress) {
        last = progress;
        if (stopped || progress.lastActivity() == null || row.hasEnded()) {
            return false;
        }
        return row.activity(progress.turns() == null ? null : Math.max(0, progress.turns()),
                Text.cap(secrets.mask(progress.lastActivity())), Math.max(0, progress.lastActivityAt()));
    }

    /** The last thing read, for the step's status; null before the first read. */
    WorkerProgress last() {
        return last;
    }

    /** No more changes to the row after this returns (a read under way is dropped). */
    synchronized void stop() {
        stopped = true;
    }
}
