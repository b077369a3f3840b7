package io.dispatchplan.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dispatchplan.files.SafeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code worker-result.json}: the outcome of a worker run as archived next to RESULTS.md and read by reports.
 * It holds no environment and no command line, so no secret can reach it.
 */
public final class WorkerResultFile {

    static final int FORMAT = 1;
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private WorkerResultFile() {
    }

    /** Writes the outcome to {@code outcome.logs().resultJson()}, creating its directory. */
    public static void write(WorkerOutcome outcome) {
        Path file = outcome.resultFile();
        // A symbolic link there is replaced, never written through.
        SafeFiles.writeRegularFile(file.toAbsolutePath().getParent(), file, toJson(outcome) + "\n");
    }

    public static String toJson(WorkerOutcome outcome) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("worker", outcome.worker());
        root.put("status", outcome.status().name());
        root.put("exitCode", outcome.exitCode());
        root.put("reason", outcome.reason());
        root.put("retryable", outcome.retryable());
        root.put("attempts", outcome.attempts());
        root.put("durationMs", outcome.duration().toMillis());
        root.put("costUsd", outcome.costUsd());
        root.put("turns", outcome.turns());
        root.put("sessionId", outcome.sessionId());
        root.put("resultsWritten", outcome.resultsWritten());
        if (outcome.logs() != null) {
            root.put("stdout", outcome.logs().stdout().toString());
            root.put("stderr", outcome.logs().stderr().toString());
            if (java.nio.file.Files.exists(outcome.logs().events())) {
                root.put("events", outcome.logs().events().toString());
            }
        }
        if (outcome.claude() != null) {
            root.set("claude", claudeJson(outcome.claude()));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("a tree of plain values always serializes", e);
        }
    }

    /** Reads a file {@link #write} wrote. */
    public static WorkerOutcome read(Path file) throws IOException {
        JsonNode root = JSON.readTree(SafeFiles.readRegularFile(file.toAbsolutePath().getParent(), file.toAbsolutePath())
                .orElseThrow(() -> new java.nio.file.NoSuchFileException(file.toString())));
        WorkerLogs logs = root.hasNonNull("stdout")
                ? new WorkerLogs(Path.of(root.get("stdout").asText()), Path.of(root.get("stderr").asText()), file,
                        root.hasNonNull("events") ? Path.of(root.get("events").asText()) : null)
                : null;
        return new WorkerOutcome(
                root.path("worker").asText(),
                WorkerOutcome.Status.valueOf(root.path("status").asText()),
                root.path("exitCode").asInt(-1),
                root.path("reason").asText(""),
                root.path("retryable").asBoolean(),
                root.path("attempts").asInt(1),
                Duration.ofMillis(root.path("durationMs").asLong()),
                root.hasNonNull("costUsd") ? root.get("costUsd").asDouble() : null,
                root.hasNonNull("turns") ? root.get("turns").asInt() : null,
                root.hasNonNull("sessionId") ? root.get("sessionId").asText() : null,
                root.path("resultsWritten").asBoolean(),
                logs,
                root.hasNonNull("claude") ? claudeFrom(root.get("claude")) : null);
    }

    private static ObjectNode claudeJson(ClaudeResult r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", r.status().name());
        node.put("subtype", r.subtype());
        node.put("isError", r.isError());
        node.put("numTurns", r.numTurns());
        node.put("sessionId", r.sessionId());
        node.put("totalCostUsd", r.totalCostUsd());
        node.put("durationMs", r.durationMs());
        node.put("durationApiMs", r.durationApiMs());
        node.put("result", r.result());
        ObjectNode usage = node.putObject("usage");
        usage.put("inputTokens", r.usage().inputTokens());
        usage.put("outputTokens", r.usage().outputTokens());
        usage.put("cacheCreationInputTokens", r.usage().cacheCreationInputTokens());
        usage.put("cacheReadInputTokens", r.usage().cacheReadInputTokens());
        node.put("apiErrorStatus", r.apiErrorStatus());
        node.put("apiErrorType", r.apiErrorType());
        r.errors().forEach(node.putArray("errors")::add);
        node.put("terminalReason", r.terminalReason());
        node.put("permissionDenials", r.permissionDenials());
        node.put("problem", r.problem());
        return node;
    }

    private static ClaudeResult claudeFrom(JsonNode node) {
        JsonNode usage = node.path("usage");
        List<String> errors = new ArrayList<>();
        node.path("errors").forEach(e -> errors.add(e.asText()));
        return new ClaudeResult(
                ClaudeResult.Status.valueOf(node.path("status").asText()),
                textOrNull(node, "subtype"),
                node.path("isError").asBoolean(),
                node.hasNonNull("numTurns") ? node.get("numTurns").asInt() : null,
                textOrNull(node, "sessionId"),
                node.hasNonNull("totalCostUsd") ? node.get("totalCostUsd").asDouble() : null,
                node.hasNonNull("durationMs") ? node.get("durationMs").asLong() : null,
                node.hasNonNull("durationApiMs") ? node.get("durationApiMs").asLong() : null,
                textOrNull(node, "result"),
                new ClaudeResult.Usage(usage.path("inputTokens").asLong(), usage.path("outputTokens").asLong(),
                        usage.path("cacheCreationInputTokens").asLong(), usage.path("cacheReadInputTokens").asLong()),
                node.hasNonNull("apiErrorStatus") ? node.get("apiErrorStatus").asInt() : null,
                textOrNull(node, "apiErrorType"),
                errors,
                textOrNull(node, "terminalReason"),
                node.path("permissionDenials").asInt(),
                textOrNull(node, "problem"));
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
