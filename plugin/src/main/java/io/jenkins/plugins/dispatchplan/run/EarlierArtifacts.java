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
 * What a build archives of a workstream lets a later build continue it on an agent that never ran it: the controller
 * copies the earlier build's artifact into the workspace's {@code .dispatch-plan/prior/}, where the agent takes it.
 * <ul>
 * <li>the branch bundle ({@code bundles/<id>.bundle}): the branch comes back at the head that build recorded;</li>
 * <li>Claude's session transcript ({@code workstreams/<id>/claude-session.jsonl}): the worker resumes its
 * conversation.</li>
 * </ul>
 */
public final class EarlierArtifacts {
    private EarlierArtifacts() {
    }

    /** Where the agent finds the earlier branch bundle, under the workspace's {@code .dispatch-plan}. */
    public static String bundle(String id) {
        return "prior/" + id + ".bundle";
    }

    /** Where the agent finds the earlier session transcript, under the workspace's {@code .dispatch-plan}. */
    public static String transcript(String id) {
        return "prior/" + id + ".claude-session.jsonl";
    }

    /** Sends build {@code number}'s branch bundle and session transcript of {@code id}, those it has. */
    public static void send(Run<?, ?> run, int number, String id, FilePath workspace) throws IOException, InterruptedException {
        Run<?, ?> earlier = run.getParent().getBuildByNumber(number);
        if (earlier == null) {
            return; // deleted since: the branch must be on this agent, or the workstream starts afresh
        }
        VirtualFile root = earlier.getArtifactManager().root();
        copy(root.child(WorkstreamCollection.bundlePath(id)), bundle(id), workspace);
        copy(root.child(WorkstreamCollection.transcriptPath(id)), transcript(id), workspace);
    }

    private static void copy(VirtualFile artifact, String to, FilePath workspace) throws IOException, InterruptedException {
        if (!artifact.isFile()) {
            return;
        }
        String relative = RunSettings.ARTIFACTS_DIR + "/" + to;
        // Directories made and checked on the agent first: the workspace is a checkout, a link there is refused.
        workspace.act(new AgentCallables.MakeRoomFor(relative));
        try (InputStream in = artifact.open()) {
            workspace.child(relative).copyFrom(in);
        }
    }
}
