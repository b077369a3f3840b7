package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerResultFileTest {

    @TempDir
    Path tmp;

    @Test
    void readsBackWhatItWrote() throws Exception {
        ClaudeResult claude = new ClaudeResult(ClaudeResult.Status.MAX_BUDGET, "error_max_budget_usd", true, 7,
                "sess", 5.25, 61000L, 59000L, null, new ClaudeResult.Usage(10, 20, 30, 40), null, null,
                List.of("Reached maximum budget ($5)"), "budget_exhausted", 2, null);
        WorkerOutcome outcome = new WorkerOutcome("claude", WorkerOutcome.Status.FAILED, 1, claude.describe(), false,
                2, Duration.ofMillis(123456), 7.5, 7, "sess", false, WorkerLogs.in(tmp.resolve("logs")), claude);

        WorkerResultFile.write(outcome);

        assertThat(WorkerResultFile.read(outcome.resultFile())).isEqualTo(outcome);
        assertThat(Files.readString(outcome.resultFile())).contains("\"status\" : \"FAILED\"", "\"format\" : 1");
    }

    @Test
    void aCommandOutcomeHasNoClaudePart() throws Exception {
        WorkerOutcome outcome = new WorkerOutcome("command", WorkerOutcome.Status.SUCCEEDED, 0, "the command finished",
                false, 1, Duration.ofSeconds(2), null, null, null, true, WorkerLogs.in(tmp), null);

        WorkerResultFile.write(outcome);

        assertThat(WorkerResultFile.read(outcome.resultFile())).isEqualTo(outcome);
        assertThat(Files.readString(outcome.resultFile())).doesNotContain("\"claude\"");
    }
}
