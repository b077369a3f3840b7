package io.dispatchplan.cli;

import io.dispatchplan.run.LocalDispatcher;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a run: the first asks the run to stop cleanly (workers stopped, their work
 * saved as WIP commits, the report written); a second stops at once, killing every process the run started.
 */
final class StopOnSignal implements AutoCloseable {
    private static final String[] SIGNALS = {"INT", "TERM"};

    private final java.util.Map<String, sun.misc.SignalHandler> previous = new java.util.HashMap<>();

    StopOnSignal(LocalDispatcher dispatcher, PrintWriter err) {
        AtomicInteger received = new AtomicInteger();
        for (String name : SIGNALS) {
            try {
                previous.put(name, Signal.handle(new Signal(name), signal -> {
                    if (received.incrementAndGet() == 1) {
                        err.println("\ndispatch-plan: SIG" + signal.getName() + ": stopping the workers and saving their"
                                + " work (press Ctrl-C again to stop at once)");
                        err.flush();
                        dispatcher.stop("SIG" + signal.getName());
                    } else {
                        ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
                        err.println("\ndispatch-plan: stopped at once; uncommitted work stays in the worktrees and the"
                                + " next run goes on from it");
                        err.flush();
                        Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                    }
                }));
            } catch (IllegalArgumentException e) {
                // this platform does not have the signal
            }
        }
    }

    @Override
    public void close() {
        previous.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
    }
}
