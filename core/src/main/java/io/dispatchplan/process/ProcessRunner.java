package io.dispatchplan.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one process: argv in, exit code and captured output out. Never goes through a shell. A timeout or
 * an interrupt of the calling thread kills the whole process tree, descendants first.
 *
 * <p>A process that leaves a background child running (which keeps stdout open) is treated as finished when
 * the process itself exits; its output is what arrived within {@link #OUTPUT_GRACE} after that. Such a
 * child is not killed after a normal exit (it is no longer a descendant once its parent has gone).
 *
 * <p>Captured output is held in memory whole: send long output (a worker's) to files.
 *
 * <p>A {@link ProcessWatch watched} process's output is read by the runner (still written to the files byte for
 * byte), so each stdout line can be handed on as it arrives and the tree can be killed when the process stays
 * silent too long or goes on running after it said it was done ({@link ProcessResult#watchdog()}).
 *
 * <p>Arguments and environment values travel in the JVM's native encoding ({@code sun.jnu.encoding});
 * text that encoding cannot represent is refused with a message instead of being mangled to {@code ?}.
 */
public final class ProcessRunner {

    /** How much of a redirected output file {@link ProcessResult} carries, from its end. */
    public static final int TAIL_BYTES = 64 * 1024;

    /** How long to keep reading output after the process exited. */
    static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

    /** How often a watched process's limits are checked. */
    static final long WATCH_SLICE_MILLIS = 100;

    private static final Charset NATIVE = nativeCharset();

    private final ProcessListener listener;

    public ProcessRunner() {
        this(ProcessListener.NONE);
    }

    public ProcessRunner(ProcessListener listener) {
        this.listener = listener == null ? ProcessListener.NONE : listener;
    }

    /**
     * Runs the process to its end (or its timeout) and returns how it ended; a non-zero exit is a result,
     * not an exception.
     *
     * @throws ProcessException when the program cannot be started
     * @throws ProcessInterruptedException when the calling thread is interrupted; the tree is killed first
     */
    public ProcessResult run(ProcessSpec spec) {
        checkEncodable(spec);
        ProcessBuilder builder = new ProcessBuilder(spec.argv());
        if (spec.workingDir() != null) {
            builder.directory(spec.workingDir().toFile());
        }
        Map<String, String> env = builder.environment();
        spec.removedEnvironment().forEach(env::remove);
        env.putAll(spec.environment());
        ProcessWatch watch = spec.watch();
        if (watch == null && spec.stdoutFile() != null) {
            builder.redirectOutput(spec.stdoutFile().toFile());
        }
        if (watch == null && spec.stderrFile() != null) {
            builder.redirectError(spec.stderrFile().toFile());
        }

        createParentDirectories(spec.stdoutFile());
        createParentDirectories(spec.stderrFile());
        java.io.OutputStream stdoutSink = watch == null ? null : openLog(spec.stdoutFile());
        java.io.OutputStream stderrSink = watch == null ? null : openLog(spec.stderrFile());
        long startNanos = System.nanoTime();
        Process process = start(builder, spec);
        listener.started(spec, process.pid());
        AtomicLong lastOutput = new AtomicLong(startNanos);
        OutputTee stdoutTee = watch == null ? null : OutputTee.start(process.getInputStream(), stdoutSink,
                watch.onStdoutLine(), lastOutput, "stdout of pid " + process.pid());
        OutputTee stderrTee = watch == null ? null : OutputTee.start(process.getErrorStream(), stderrSink,
                null, lastOutput, "stderr of pid " + process.pid());
        OutputCollector stdout = watch == null && spec.stdoutFile() == null
                ? OutputCollector.start(process.getInputStream(), "stdout of pid " + process.pid()) : null;
        OutputCollector stderr = watch == null && spec.stderrFile() == null
                ? OutputCollector.start(process.getErrorStream(), "stderr of pid " + process.pid()) : null;
        feedStdin(process, spec.stdin());

        boolean timedOut = false;
        WatchdogStop stopped = null;
        try {
            if (watch != null) {
                Ending ending = watchUntilEnd(process, spec.timeout(), watch, lastOutput, startNanos);
                timedOut = ending == Ending.TIMEOUT;
                stopped = ending == Ending.IDLE ? WatchdogStop.IDLE : ending == Ending.LINGERED ? WatchdogStop.LINGERED : null;
            } else if (spec.timeout() == null) {
                process.waitFor();
            } else if (!process.waitFor(spec.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                timedOut = true;
                ProcessTree.kill(process.toHandle());
                awaitUninterruptibly(process);
            }
        } catch (InterruptedException e) {
            ProcessTree.kill(process.toHandle());
            Thread.currentThread().interrupt();
            throw new ProcessInterruptedException("interrupted while running " + spec.commandLine()
                    + "; its process tree was killed", e);
        }
        String out;
        String err;
        if (watch != null) {
            // The tees write the files: let them finish before their tails are read.
            String outMemory = stdoutTee.await(OUTPUT_GRACE);
            String errMemory = stderrTee.await(OUTPUT_GRACE);
            out = spec.stdoutFile() == null ? outMemory : tail(spec.stdoutFile());
            err = spec.stderrFile() == null ? errMemory : tail(spec.stderrFile());
        } else {
            out = stdout != null ? stdout.await(OUTPUT_GRACE) : tail(spec.stdoutFile());
            err = stderr != null ? stderr.await(OUTPUT_GRACE) : tail(spec.stderrFile());
        }
        ProcessResult result = new ProcessResult(process.exitValue(), out, err, timedOut,
                Duration.ofNanos(System.nanoTime() - startNanos), stopped);
        listener.finished(spec, result);
        return result;
    }

    private enum Ending { EXITED, TIMEOUT, IDLE, LINGERED }

    /**
     * Waits for the process in short slices, killing its tree at the timeout, after the idle limit without output, or
     * after the grace once it said it was done.
     */
    private static Ending watchUntilEnd(Process process, Duration timeout, ProcessWatch watch, AtomicLong lastOutput,
            long startNanos) throws InterruptedException {
        long slice = TimeUnit.MILLISECONDS.toNanos(WATCH_SLICE_MILLIS);
        long finishedAt = 0;
        while (!process.waitFor(slice, TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            Ending ending = null;
            if (timeout != null && now - startNanos >= timeout.toNanos()) {
                ending = Ending.TIMEOUT;
            } else if (watch.idleTimeout() != null && now - lastOutput.get() >= watch.idleTimeout().toNanos()) {
                ending = Ending.IDLE;
            } else if (watch.finished() != null && watch.finishedGrace() != null) {
                if (finishedAt == 0 && watch.finished().getAsBoolean()) {
                    finishedAt = now;
                }
                if (finishedAt != 0 && now - finishedAt >= watch.finishedGrace().toNanos()) {
                    ending = Ending.LINGERED;
                }
            }
            if (ending != null) {
                ProcessTree.kill(process.toHandle());
                awaitUninterruptibly(process);
                return ending;
            }
        }
        return Ending.EXITED;
    }

    private static java.io.OutputStream openLog(Path file) {
        try {
            return OutputTee.open(file);
        } catch (IOException e) {
            throw new ProcessException("could not open the log " + file + " (a symbolic link there is never written"
                    + " through): " + e.getMessage(), e);
        }
    }

    private static Process start(ProcessBuilder builder, ProcessSpec spec) {
        try {
            return builder.start();
        } catch (IOException e) {
            String program = spec.argv().get(0);
            throw new ProcessException("could not start '" + program + "'"
                    + (spec.workingDir() == null ? "" : " in " + spec.workingDir()) + ": " + e.getMessage()
                    + ". Check that it is installed and on the PATH"
                    + (spec.workingDir() == null ? "" : " and that the directory exists"), e);
        }
    }

    private static void createParentDirectories(Path file) {
        if (file == null || file.toAbsolutePath().getParent() == null) {
            return;
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ProcessException("cannot create the directory for the output file " + file + ": " + e, e);
        }
    }

    private static void feedStdin(Process process, String text) {
        OutputStream in = process.getOutputStream();
        if (text == null) {
            closeQuietly(in);
            return;
        }
        Thread writer = new Thread(() -> {
            try (in) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The process stopped reading (exited or closed stdin): nothing more to give it.
            }
        }, "stdin of pid " + process.pid());
        writer.setDaemon(true);
        writer.start();
    }

    private static void awaitUninterruptibly(Process process) {
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The end of a redirected output file, for messages; empty when it cannot be read, or is a symbolic link (a process
     * that swapped its log for one gets nothing read through it).
     */
    static String tail(Path file) {
        return io.dispatchplan.files.FileTail.of(file, TAIL_BYTES);
    }

    private static void checkEncodable(ProcessSpec spec) {
        CharsetEncoder encoder = NATIVE.newEncoder();
        for (String arg : spec.argv()) {
            if (!encoder.canEncode(arg)) {
                throw new ProcessException(unencodable("an argument of " + spec.argv().get(0)));
            }
        }
        spec.environment().forEach((name, value) -> {
            if (!encoder.canEncode(name) || !encoder.canEncode(value)) {
                throw new ProcessException(unencodable("environment variable " + name));
            }
        });
    }

    private static String unencodable(String what) {
        return what + " contains characters this JVM cannot pass to a process (native encoding " + NATIVE
                + "). Run Java under a UTF-8 locale (e.g. LANG=C.UTF-8) or pass the text through a file";
    }

    private static Charset nativeCharset() {
        String name = System.getProperty("sun.jnu.encoding");
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // Already closed by an exited process.
        }
    }
}
