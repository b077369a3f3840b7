package io.dispatchplan.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code dispatch-plan}: read a parallel development plan and show or run its schedule. */
@Command(name = "dispatch-plan",
        mixinStandardHelpOptions = true,
        version = "dispatch-plan 0.1.0",
        description = "Turns a parallel development plan into worktrees, workers and one integration merge.",
        subcommands = {PlanCommand.class, RunCommand.class, IntegrateCommand.class, CommandLine.HelpCommand.class})
public final class DispatchPlanCommand {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 work failed, 2 bad input). */
    public static int execute(String... args) {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** As {@link #execute(String...)}, printing to the given streams. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = new CommandLine(new DispatchPlanCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(e -> ExitCodes.BAD_INPUT);
        // Failures a command did not turn into a message of its own: still one line, never a stack trace.
        commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
            cl.getErr().println("dispatch-plan: " + (e.getMessage() == null || e.getMessage().isBlank()
                    ? "unexpected " + e.getClass().getSimpleName() + "; please report it with the command line"
                    : e.getMessage()));
            cl.getErr().flush();
            return ExitCodes.BAD_INPUT;
        });
        commandLine.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("dispatch-plan: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCodes.BAD_INPUT;
        });
        return commandLine.execute(args);
    }
}
