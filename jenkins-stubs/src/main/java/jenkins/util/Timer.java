package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;

/**
 * Compile-only stand-in for {@code jenkins.util.Timer} from Jenkins core 2.528.3; never packaged.
 */
public class Timer {
    private Timer() {
    }

    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException("stub");
    }
}
