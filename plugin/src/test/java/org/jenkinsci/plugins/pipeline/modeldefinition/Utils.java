package org.jenkinsci.plugins.pipeline.modeldefinition;

import io.jenkins.plugins.dispatchplan.steps.SkippedStage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Recording stand-in for pipeline-model-definition's {@code Utils}, holding only the one method
 * {@code SkippedStage} looks up by name; it records the stage names it was asked to mark skipped.
 */
public final class Utils {
    public static final List<String> MARKED_SKIPPED = new CopyOnWriteArrayList<>();

    private Utils() {
    }

    public static void markStageSkippedForConditional(String stageName) {
        MARKED_SKIPPED.add(stageName);
    }
}
