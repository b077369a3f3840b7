package io.dispatchplan.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTailTest {
    @TempDir
    Path tmp;

    @Test
    void wholeLinesDropsOnlyALineTheCutWentThrough() throws Exception {
        Path log = Files.writeString(tmp.resolve("log"), "first line\nsecond line\nthird\n");

        assertThat(FileTail.of(log, 14)).isEqualTo("nd line\nthird\n");
        assertThat(FileTail.wholeLines(log, 14)).isEqualTo("third\n");
        assertThat(FileTail.wholeLines(log, 1_000)).as("nothing cut").isEqualTo("first line\nsecond line\nthird\n");
        assertThat(FileTail.wholeLines(log, 4)).as("a cut line that is all there is").isEqualTo("ird\n");
    }

    @Test
    void aLinkIsNotReadThrough() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret"), "key\n");
        Path link = Files.createSymbolicLink(tmp.resolve("log"), secret);

        assertThat(FileTail.wholeLines(link, 100)).isEmpty();
    }
}
