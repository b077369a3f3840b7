package io.dispatchplan.worker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the result object from what {@code claude -p --output-format json} printed: a single object, the array
 * {@code --verbose} prints (whose last {@code type:"result"} element is the result), or one JSON value a line
 * ({@code stream-json}, or a warning line before the object). Never throws: output without a result object
 * becomes {@link ClaudeResult.Status#NO_OUTPUT} or {@link ClaudeResult.Status#UNREADABLE}.
 */
public final class ClaudeResultParser {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final int EXCERPT = 200;

    private ClaudeResultParser() {
    }

    public static ClaudeResult parse(String stdout) {
        if (stdout == null || stdout.isBlank()) {
            return ClaudeResult.missing(ClaudeResult.Status.NO_OUTPUT, "stdout was empty");
        }
        JsonNode found = resultObject(stdout);
        if (found == null) {
            String why = readOrNull(stdout.strip()) == null ? "no JSON result object in"
                    : "JSON without a type:\"result\" object:";
            return ClaudeResult.missing(ClaudeResult.Status.UNREADABLE, why + " '" + excerpt(stdout) + "'");
        }
        return fromNode(found);
    }

    /**
     * The {@code structured_output} of the result object: the answer of a run given {@code --json-schema}, which the
     * CLI checked against that schema. Empty when there is no result object or it carries no such answer.
     */
    public static Optional<JsonNode> structuredOutput(String stdout) {
        JsonNode found = stdout == null || stdout.isBlank() ? null : resultObject(stdout);
        JsonNode answer = found == null ? null : found.get("structured_output");
        return answer == null || answer.isNull() ? Optional.empty() : Optional.of(answer);
    }

    private static JsonNode resultObject(String stdout) {
        JsonNode whole = readOrNull(stdout.strip());
        JsonNode found = whole == null ? null : resultIn(whole);
        return found != null ? found : lastResultLine(stdout);
    }

    private static JsonNode lastResultLine(String stdout) {
        // Only \n ends a line: JSON leaves U+2028 and U+0085 unescaped inside strings.
        String[] lines = stdout.split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            String line = lines[i].strip();
            if (line.startsWith("{") || line.startsWith("[")) {
                JsonNode node = readOrNull(line);
                JsonNode found = node == null ? null : resultIn(node);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static JsonNode resultIn(JsonNode node) {
        if (node.isObject()) {
            return isResult(node) ? node : null;
        }
        if (node.isArray()) {
            for (int i = node.size() - 1; i >= 0; i--) {
                if (isResult(node.get(i))) {
                    return node.get(i);
                }
            }
        }
        return null;
    }

    private static boolean isResult(JsonNode node) {
        return node != null && node.isObject() && "result".equals(node.path("type").asText(null));
    }

    private static ClaudeResult fromNode(JsonNode node) {
        String subtype = text(node, "subtype");
        boolean isError = node.path("is_error").asBoolean(false);
        JsonNode usage = node.path("usage");
        List<String> errors = new ArrayList<>();
        node.path("errors").forEach(e -> errors.add(e.isTextual() ? e.asText() : e.toString()));
        return new ClaudeResult(
                status(subtype, isError),
                subtype,
                isError,
                integer(node, "num_turns"),
                text(node, "session_id"),
                decimal(node, "total_cost_usd"),
                longValue(node, "duration_ms"),
                longValue(node, "duration_api_ms"),
                text(node, "result"),
                new ClaudeResult.Usage(
                        usage.path("input_tokens").asLong(0),
                        usage.path("output_tokens").asLong(0),
                        usage.path("cache_creation_input_tokens").asLong(0),
                        usage.path("cache_read_input_tokens").asLong(0)),
                integer(node, "api_error_status"),
                text(node, "api_error_type"),
                errors,
                text(node, "terminal_reason"),
                node.path("permission_denials").size(),
                null);
    }

    static ClaudeResult.Status status(String subtype, boolean isError) {
        if (subtype == null || subtype.equals("success")) {
            // The CLI reports API errors (401, 400, an exhausted 529) as success with is_error.
            return isError ? ClaudeResult.Status.API_ERROR : ClaudeResult.Status.SUCCESS;
        }
        return switch (subtype) {
            case "error_max_turns" -> ClaudeResult.Status.MAX_TURNS;
            case "error_max_budget_usd" -> ClaudeResult.Status.MAX_BUDGET;
            case "error_during_execution" -> ClaudeResult.Status.EXECUTION_ERROR;
            default -> ClaudeResult.Status.OTHER_ERROR;
        };
    }

    private static JsonNode readOrNull(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    private static Integer integer(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.intValue() : null;
    }

    private static Long longValue(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.longValue() : null;
    }

    private static Double decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.doubleValue() : null;
    }

    private static String excerpt(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > EXCERPT ? flat.substring(0, EXCERPT) + "..." : flat;
    }
}
