package io.jenkins.plugins.dispatchplan.steps;

import io.jenkins.plugins.dispatchplan.agent.GitAccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrepareWorkstreamStepTest {

    @Test
    void takesOnlyAWorkstreamId() {
        assertThat(new PrepareWorkstreamStep("api").getId()).isEqualTo("api");
        assertThatThrownBy(() -> new PrepareWorkstreamStep("../../etc"))
                .hasMessage("prepareWorkstream: '../../etc' is not a workstream id (ids are slugs: a-z, 0-9, '.', '_', '-')");
    }

    @Test
    void theCacheLivesUnderTheAgentRootNotTheWorkspace() {
        assertThat(GitAccess.CACHE_DIR).isEqualTo("dispatch-plan/repositories");
    }
}
