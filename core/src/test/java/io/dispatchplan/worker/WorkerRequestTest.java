package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class WorkerRequestTest {

    private static final Path WORKTREE = Path.of("/agents/ws/feat/api");

    @Test
    void refusesStateInsideTheWorktreeWhereTheRepositoryCouldPutIt() {
        WorkerRequest.Builder builder = WorkerRequest.builder("feat", "api", WORKTREE)
                .stateDir(WORKTREE.resolve(".state/../.claude-state"));

        assertThatThrownBy(builder::build).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the worker's state directory /agents/ws/feat/api/.claude-state lies inside the worktree"
                        + " /agents/ws/feat/api, where the repository's files could stand in for it: give one outside");
    }

    @Test
    void needsAStateDirectoryChosenByTheCaller() {
        WorkerRequest.Builder builder = WorkerRequest.builder("feat", "api", WORKTREE);

        assertThatThrownBy(builder::build).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("stateDir");
    }

    @Test
    void keepsStateBesideTheWorktreeWhenTheCallerSaysSo() {
        WorkerRequest request = WorkerRequest.builder("feat", "api", WORKTREE)
                .stateDir(Path.of("/agents/ws@tmp/dispatch-plan/feat/api")).build();

        assertThat(request.stateDir()).isEqualTo(Path.of("/agents/ws@tmp/dispatch-plan/feat/api"));
        assertThat(request.logs().stdout()).startsWithRaw(request.stateDir());
    }
}
