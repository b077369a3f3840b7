package io.dispatchplan.process;

/** Why a {@link ProcessWatch watched} process was killed by its watchdog. */
public enum WatchdogStop {
    /** Neither stdout nor stderr got a byte for the idle limit. */
    IDLE,
    /** It was still running its grace period after it said it was done. */
    LINGERED
}
