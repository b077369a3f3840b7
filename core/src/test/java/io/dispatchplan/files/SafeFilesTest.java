package io.dispatchplan.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one helper every engine read and write on a worker's behalf goes through: links are never followed. */
class SafeFilesTest {
    @TempDir
    Path dir;
    Path root;
    Path outside;
    Path canary;

    @BeforeEach
    void canary() throws Exception {
        root = Files.createDirectories(dir.resolve("root"));
        outside = Files.createDirectories(dir.resolve("outside"));
        canary = Files.writeString(outside.resolve("canary"), "secret\n");
    }

    @Test
    void writesAndReadsRegularFilesCreatingTheirDirectories() {
        SafeFiles.writeRegularFile(root, Path.of("a/b/file.txt"), "text\n");

        assertThat(root.resolve("a/b/file.txt")).hasContent("text");
        assertThat(SafeFiles.readRegularFile(root, Path.of("a/b/file.txt"))).contains("text\n");
        assertThat(SafeFiles.readRegularFile(root, Path.of("a/missing.txt"))).isEmpty();
        assertThat(SafeFiles.kind(root, Path.of("a"))).isEqualTo(SafeFiles.Kind.DIRECTORY);
        assertThat(SafeFiles.kind(root, Path.of("a/b/file.txt"))).isEqualTo(SafeFiles.Kind.FILE);
    }

    @Test
    void aLinkWhereTheEngineWritesItsOwnFileIsReplacedNeverWrittenThrough() throws Exception {
        Files.createSymbolicLink(root.resolve("TASKS.md"), canary);

        SafeFiles.writeRegularFile(root, root.resolve("TASKS.md"), "tasks\n");

        assertThat(canary).hasContent("secret");
        assertThat(Files.isSymbolicLink(root.resolve("TASKS.md"))).isFalse();
        assertThat(root.resolve("TASKS.md")).hasContent("tasks");
    }

    @Test
    void creatingAFileOnlyOnceReplacesALinkButKeepsARegularFile() throws Exception {
        Files.createSymbolicLink(root.resolve("COORDINATION.md"), canary);

        assertThat(SafeFiles.createRegularFile(root, Path.of("COORDINATION.md"), "first\n")).isTrue();
        assertThat(SafeFiles.createRegularFile(root, Path.of("COORDINATION.md"), "second\n")).isFalse();

        assertThat(canary).hasContent("secret");
        assertThat(root.resolve("COORDINATION.md")).hasContent("first");
    }

    @Test
    void aLinkWhereAFileIsReadIsAnErrorNamingIt() throws Exception {
        Files.createSymbolicLink(root.resolve("RESULTS.md"), canary);

        assertThatThrownBy(() -> SafeFiles.readRegularFile(root, Path.of("RESULTS.md")))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining(root.resolve("RESULTS.md") + " is a symbolic link (to " + canary + ")")
                .hasMessageContaining("Replace it with a regular file")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> SafeFiles.copyRegularFile(root, Path.of("RESULTS.md"), root, Path.of("copy/RESULTS.md")))
                .isInstanceOf(UnsafePathException.class);
        assertThat(root.resolve("copy/RESULTS.md")).doesNotExist();
        assertThat(SafeFiles.kind(root, Path.of("RESULTS.md"))).isEqualTo(SafeFiles.Kind.LINK);
    }

    @Test
    void aDirectoryOnTheWayThatIsALinkLeadsNoWriteOrReadOutOfTheRoot() throws Exception {
        Files.createSymbolicLink(root.resolve(".dispatch-plan"), outside);

        assertThatThrownBy(() -> SafeFiles.writeRegularFile(root, Path.of(".dispatch-plan/canary"), "overwritten"))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining(root.resolve(".dispatch-plan") + " is a symbolic link")
                .hasMessageContaining("Replace it with a real directory");
        assertThatThrownBy(() -> SafeFiles.readRegularFile(root, Path.of(".dispatch-plan/canary")))
                .isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> SafeFiles.directories(root, Path.of(".dispatch-plan/workstreams/a")))
                .isInstanceOf(UnsafePathException.class);
        assertThatThrownBy(() -> SafeFiles.prepareForWriting(root, Path.of(".dispatch-plan/canary")))
                .isInstanceOf(UnsafePathException.class);
        assertThat(canary).hasContent("secret");
        assertThat(outside.resolve("workstreams")).doesNotExist();
    }

    @Test
    void aPathLeavingTheRootIsRefused() {
        assertThatThrownBy(() -> SafeFiles.writeRegularFile(root, Path.of("../outside/canary"), "overwritten"))
                .isInstanceOf(UnsafePathException.class).hasMessageContaining("is not inside " + root);
        assertThatThrownBy(() -> SafeFiles.readRegularFile(root, canary)).isInstanceOf(UnsafePathException.class);
        assertThat(canary).hasContent("secret");
    }

    @Test
    void aFileAboutToBeWrittenByAProcessIsNotALink() throws Exception {
        Files.createDirectories(root.resolve("logs"));
        Files.createSymbolicLink(root.resolve("logs/worker.stdout.log"), canary);

        Path log = SafeFiles.prepareForWriting(root, Path.of("logs/worker.stdout.log"));
        Files.writeString(log, "output");

        assertThat(canary).hasContent("secret");
        assertThat(Files.isSymbolicLink(log)).isFalse();
    }

    @Test
    void theRootItselfMayBeReachedThroughALink() throws Exception {
        Path linkedRoot = Files.createSymbolicLink(dir.resolve("linked"), root);

        SafeFiles.writeRegularFile(linkedRoot, Path.of("plan.json"), "{}");

        assertThat(root.resolve("plan.json")).hasContent("{}");
    }

    @Test
    void aRelativeFileIsBelowTheRootUnlessItWasMadeFromARelativeRoot() {
        SafeFiles.writeRegularFile(root, Path.of("sub/file.txt"), "below the root");
        assertThat(root.resolve("sub/file.txt")).hasContent("below the root");

        Path cwd = Path.of("").toAbsolutePath();
        Path relativeRoot = cwd.relativize(root);
        SafeFiles.writeRegularFile(relativeRoot, relativeRoot.resolve("made.txt"), "from the root");
        assertThat(root.resolve("made.txt")).hasContent("from the root");
        assertThat(SafeFiles.readRegularFile(relativeRoot, relativeRoot.resolve("made.txt"))).contains("from the root");
    }
}
