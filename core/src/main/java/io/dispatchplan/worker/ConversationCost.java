package io.dispatchplan.worker;

import io.dispatchplan.files.SafeFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What one Claude Code attempt spent. The CLI reports the conversation's total ({@code total_cost_usd}), and a
 * resumed conversation's total includes what its earlier attempts spent, in this run or an earlier one. So the
 * highest total seen for the session is kept in the workstream's state directory ({@value #FILE}) and an attempt
 * counts only what it adds to it. Setting a transcript aside starts the conversation afresh, and its record with it.
 */
public final class ConversationCost {

    static final String FILE = "conversation-cost";

    private ConversationCost() {
    }

    /**
     * The attempt's new spending, given the conversation total it reported, and records that total. Call once per
     * attempt: it is what makes the next attempt's share right.
     *
     * @return null when the attempt reported no cost
     */
    public static Double newSpending(Path stateDir, String sessionId, Double reportedTotal) {
        if (reportedTotal == null) {
            return null;
        }
        Path record = stateDir.resolve(FILE);
        BigDecimal before = recorded(stateDir, record, sessionId);
        BigDecimal reported = BigDecimal.valueOf(reportedTotal);
        if (reported.compareTo(before) > 0) {
            SafeFiles.writeRegularFile(stateDir, record, sessionId + " " + reported.toPlainString() + "\n");
        }
        return reported.subtract(before).max(BigDecimal.ZERO).doubleValue();
    }

    /** Forgets the session's recorded total: its conversation starts again from nothing. */
    static void forget(Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + stateDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static BigDecimal recorded(Path stateDir, Path record, String sessionId) {
        // A link there is refused (an exception): the state directory is the engine's own.
        Optional<String> text = SafeFiles.readRegularFile(stateDir, record);
        if (text.isEmpty()) {
            return BigDecimal.ZERO;
        }
        String[] fields = text.get().strip().split(" ");
        try {
            return fields.length == 2 && fields[0].equals(sessionId) ? new BigDecimal(fields[1]) : BigDecimal.ZERO;
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }
}
