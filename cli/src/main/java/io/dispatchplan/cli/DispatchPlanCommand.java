package io.dispatchplan.cli;

public final class DispatchPlanCommand {
    public static void main(String[] args) {
        System.err.println("not yet");
        System.exit(2);
    }
}
