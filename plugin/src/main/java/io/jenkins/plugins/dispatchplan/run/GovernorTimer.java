package io.jenkins.plugins.dispatchplan.run;

import hudson.model.Run;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.util.Timer;

/**
 * Wakes a build's waiting gates when the rate-limit governor lets one more worker start at once: quiet time passing
 * raises the limit, but nothing else would ask the schedule then. The decision is saved before any gate hears it.
 */
public final class GovernorTimer {
    private static final Logger LOGGER = Logger.getLogger(GovernorTimer.class.getName());

    private GovernorTimer() {
    }

    /** Sets a timer for the governor's next increase, unless none is needed or one is set already. */
    public static void schedule(Run<?, ?> run, ScheduleState schedule) {
        if (!schedule.claimWakeUp()) {
            return;
        }
        Instant next = schedule.nextConcurrencyIncrease();
        long delay = next == null ? 0 : Math.max(0, Duration.between(Instant.now(), next).toMillis());
        Timer.get().schedule(() -> wake(run, schedule), delay, TimeUnit.MILLISECONDS);
    }

    private static void wake(Run<?, ?> run, ScheduleState schedule) {
        List<ScheduleState.Delivery> deliveries = schedule.poll(Instant.now());
        try {
            run.save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot save " + run + "; its waiting gates ask again when a workstream ends", e);
            return;
        }
        deliveries.forEach(ScheduleState.Delivery::deliver);
        schedule(run, schedule);
    }
}
