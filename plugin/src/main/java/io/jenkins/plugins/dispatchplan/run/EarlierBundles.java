package io.jenkins.plugins.dispatchplan.run;

import hudson.FilePath;
import hudson.model.Run;
import io.jenkins.plugins.dispatchplan.agent.AgentCallables;
import io.jenkins.plugins.dispatchplan.agent.WorkstreamCollection;
import io.jenkins.plugins.dispatchplan.config.RunSettings;
import java.io.IOException;
import java.io.InputStream;
import jenkins.util.VirtualFile;

/**
 * The branch bundles a build archives (each workstream's, beside its RESULTS.md) let a later build continue on an agent
 * that never saw the branch: the controller copies the earlier build's bundle into the workspace, and the agent
 * brings the branch back from it at the head that build recorded.
 */
public final class EarlierBundles {
    private EarlierBundles() {
    }

    /** Where the agent finds it, under the workspace's {@code .dispatch-plan}. */
    public static String agentPath(String id) {
        return "prior/" + id + ".bundle";
    }

    /** Copies build {@code number}'s archived bundle of {@code id} to the workspace; false when it has none. */
    public static boolean send(Run<?, ?> run, int number, String id, FilePath workspace)
            throws IOException, InterruptedException {
        Run<?, ?> earlier = run.getParent().getBuildByNumber(number);
        if (earlier == null) {
            return false; // deleted since: the branch must be on this agent, or the workstream starts afresh
        }
        VirtualFile bundle = earlier.getArtifactManager().root().child(WorkstreamCollection.bundlePath(id));
        if (!bundle.isFile()) {
            return false;
        }
        String relative = RunSettings.ARTIFACTS_DIR + "/" + agentPath(id);
        workspace.act(new AgentCallables.MakeRoomFor(relative));
        FilePath target = workspace.child(relative);
        try (InputStream in = bundle.open()) {
            target.copyFrom(in);
        }
        return true;
    }
}
