package io.dispatchplan.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GitVersionTest {

    @Test
    void readsTheVersionLinesGitPrints() {
        assertThat(GitVersion.parse("git version 2.39.5\n")).isEqualTo(new GitVersion(2, 39, 5));
        assertThat(GitVersion.parse("git version 2.45.1.windows.1")).isEqualTo(new GitVersion(2, 45, 1));
        assertThat(GitVersion.parse("git version 2.38")).isEqualTo(new GitVersion(2, 38, 0));
        assertThatThrownBy(() -> GitVersion.parse("hub")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void comparesVersions() {
        assertThat(new GitVersion(2, 39, 5).isAtLeast(GitVersion.MERGE_TREE_WRITE_TREE)).isTrue();
        assertThat(new GitVersion(2, 37, 9).isAtLeast(GitVersion.MERGE_TREE_WRITE_TREE)).isFalse();
        assertThat(new GitVersion(3, 0, 0).isAtLeast(GitVersion.MERGE_TREE_WRITE_TREE)).isTrue();
    }
}
