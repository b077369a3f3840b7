package io.dispatchplan.process;

/** Hears about every process the runner starts and ends, e.g. to echo commands into a build log. */
public interface ProcessListener {

    ProcessListener NONE = new ProcessListener() { };

    default void started(ProcessSpec spec, long pid) {
    }

    default void finished(ProcessSpec spec, ProcessResult result) {
    }
}
