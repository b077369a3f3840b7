package io.jenkins.plugins.dispatchplan.steps;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Shows a stage as skipped in Pipeline Graph View, Blue Ocean and Stage View, the way Declarative shows
 * a stage whose {@code when} is false. That method belongs to the optional pipeline-model-definition
 * plugin and is restricted to its own use, so it is looked up by name and its absence is tolerated.
 */
public final class SkippedStage {
    static final String UTILS = "org.jenkinsci.plugins.pipeline.modeldefinition.Utils";
    static final String METHOD = "markStageSkippedForConditional";

    private static final Logger LOGGER = Logger.getLogger(SkippedStage.class.getName());

    private SkippedStage() {
    }

    /**
     * Marks the innermost running stage named {@code stageName} skipped. Must be called on the CPS VM
     * thread (from the Pipeline's Groovy), inside that stage.
     *
     * @param loader a loader that sees the installed plugins: the build script's own
     * @return false when Pipeline: Declarative is not installed or the call failed; the caller says so in the log
     */
    public static boolean mark(String stageName, ClassLoader loader) {
        Method method;
        try {
            method = Class.forName(UTILS, true, loader).getMethod(METHOD, String.class);
        } catch (ClassNotFoundException | NoSuchMethodException | LinkageError e) {
            LOGGER.log(Level.FINE, "Cannot mark stage " + stageName + " skipped", e);
            return false;
        }
        try {
            method.invoke(null, stageName);
            return true;
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
            LOGGER.log(Level.WARNING, "Cannot mark stage " + stageName + " skipped", e);
            return false;
        }
    }
}
