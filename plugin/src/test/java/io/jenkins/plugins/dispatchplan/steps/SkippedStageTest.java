package io.jenkins.plugins.dispatchplan.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import org.jenkinsci.plugins.pipeline.modeldefinition.Utils;
import org.junit.jupiter.api.Test;

class SkippedStageTest {

    @Test
    void marksTheStageThroughDeclarativesUtilsWhenInstalled() {
        Utils.MARKED_SKIPPED.clear();
        assertThat(SkippedStage.mark("docs", SkippedStageTest.class.getClassLoader())).isTrue();
        assertThat(Utils.MARKED_SKIPPED).containsExactly("docs");
    }

    @Test
    void saysSoWhenDeclarativeIsNotInstalled() throws Exception {
        try (URLClassLoader withoutDeclarative = new URLClassLoader(new URL[0], null)) {
            assertThat(SkippedStage.mark("docs", withoutDeclarative)).isFalse();
        }
    }
}
