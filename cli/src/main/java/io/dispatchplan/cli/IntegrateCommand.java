package io.dispatchplan.cli;

import picocli.CommandLine.Command;

/**
 * {@code dispatch-plan integrate PLAN}: the integration alone, with the workstream branches as they are (a conflict
 * resolved by hand in a branch, a branch a person finished). No worker runs; it is {@code run --rerun none}.
 */
@Command(name = "integrate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Merge the plan's workstream branches as they are into <feature>/integration (--no-ff, in"
                + " dependency order, each checked first), with no worker run: for finishing by hand. A branch"
                + " that failed in the earlier run and was not touched since is not merged. Takes the options of"
                + " 'run'; the worker options are not used.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every workstream merged (and verification passed)", "1:a workstream was not merged,"
                + " a branch conflicted, or verification failed", "2:bad input, or a run of the plan under way"})
final class IntegrateCommand extends RunCommand {
    @Override
    public Integer call() throws InterruptedException {
        rerun = "none";
        return super.call();
    }
}
