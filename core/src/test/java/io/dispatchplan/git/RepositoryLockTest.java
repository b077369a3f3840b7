package io.dispatchplan.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dispatchplan.process.ProcessResult;
import io.dispatchplan.process.ProcessRunner;
import io.dispatchplan.process.ProcessSpec;
import io.dispatchplan.testsupport.JavaProcess;
import io.dispatchplan.testsupport.Pids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLockTest {

    @TempDir
    Path tmp;

    private final ProcessRunner runner = new ProcessRunner();

    @Test
    void twoProcessesAndAThreadNeverHoldTheLockAtOnce() throws Exception {
        Path lockFile = tmp.resolve("repo.git").resolve(RepositoryLock.LOCK_FILE_NAME);
        Path log = tmp.resolve("log");
        List<CompletableFuture<ProcessResult>> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(CompletableFuture.supplyAsync(() -> runner.run(ProcessSpec.of(JavaProcess.command(
                    LockProbeMain.class, "rounds", lockFile.toString(), log.toString(), "15")))));
        }
        CompletableFuture<Void> thread = CompletableFuture.runAsync(() -> {
            try {
                LockProbeMain.rounds(lockFile, log, 15, "thread");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        thread.join();
        for (CompletableFuture<ProcessResult> process : processes) {
            assertThat(process.join().exitCode()).as(process.join().stderr()).isZero();
        }
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(3 * 15 * 2);
        for (int i = 0; i < lines.size(); i += 2) {
            String holder = lines.get(i).substring("enter ".length());
            assertThat(lines.get(i)).startsWith("enter ");
            assertThat(lines.get(i + 1)).as("line %d: someone entered while %s held the lock", i + 1, holder)
                    .isEqualTo("exit " + holder);
        }
        assertThat(lines.stream().map(l -> l.substring(l.indexOf(' ') + 1)).distinct()).hasSize(3);
    }

    @Test
    void theHoldingThreadMayTakeItAgain() {
        Path lockFile = tmp.resolve(RepositoryLock.LOCK_FILE_NAME);
        try (RepositoryLock outer = RepositoryLock.acquire(lockFile, Duration.ofSeconds(5));
                RepositoryLock inner = RepositoryLock.acquire(lockFile, Duration.ofSeconds(5))) {
            assertThat(inner).isNotSameAs(outer);
        }
        // Released fully: another thread gets it.
        CompletableFuture.runAsync(() -> RepositoryLock.acquire(lockFile, Duration.ofSeconds(5)).close()).join();
    }

    @Test
    void waitingPastTheTimeoutFailsAndADeadHolderLeavesNoStaleLock() throws Exception {
        Path lockFile = tmp.resolve(RepositoryLock.LOCK_FILE_NAME);
        Path ready = tmp.resolve("ready");
        CompletableFuture<ProcessResult> holder = CompletableFuture.supplyAsync(() -> runner.run(ProcessSpec.of(
                JavaProcess.command(LockProbeMain.class, "hold", lockFile.toString(), ready.toString()))));
        Pids.awaitFile(ready);

        assertThatThrownBy(() -> RepositoryLock.acquire(lockFile, Duration.ofMillis(300)))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("another build or process on this machine still holds");

        ProcessHandle.current().children()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains(ready.toString())).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
        holder.join();
        try (RepositoryLock lock = RepositoryLock.acquire(lockFile, Duration.ofSeconds(20))) {
            assertThat(lockFile).exists();
        }
    }
}
