package io.dispatchplan.worker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Claude Code's {@code --output-format stream-json --verbose} events, one JSON object a line, into readable
 * lines: the session start ({@code system}/{@code init}), each tool use and text of a turn ({@code assistant}), API
 * retries ({@code system}/{@code api_retry}) and the result. Other events ({@code user} tool results, ...) print
 * nothing. Keeps the state a line needs (the turn count, the session's directory), so use one per stream.
 *
 * <p>{@link DurableWorkerScript#formatterProgram() The awk program} the Jenkins agent runs prints the same lines;
 * a test holds the two together on the real CLI's output. So the rules here stay simple enough for awk: strings are
 * shown up to their first line break, tabs as spaces, other control characters as {@code ?}, at most
 * {@value #MAX_BYTES} bytes of UTF-8 (never cutting a character in two) followed by {@code ...}; numbers as the CLI
 * printed them.
 */
public final class ClaudeEventFormatter {

    static final int MAX_BYTES = 100;

    /** The input field shown for a tool use: the first of these that is a string. */
    static final List<String> ARGUMENT_FIELDS = List.of("command", "file_path", "notebook_path", "pattern", "url",
            "query", "description", "path", "prompt");

    /** Argument fields holding paths, shown relative to the session's directory. */
    private static final List<String> PATH_FIELDS = List.of("file_path", "notebook_path", "path");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    private int turns;
    private String lastMessageId;
    private String cwd;
    private boolean sawResult;
    private Instant lastTimestamp;
    private String rateLimit;
    private int rateLimits;
    private String lastRateLimit;

    /** The readable lines for one line of the stream; none for an event that says nothing new or is not JSON. */
    public List<String> lines(String eventLine) {
        List<String> lines = new ArrayList<>();
        rateLimit = null;
        JsonNode event = read(eventLine);
        if (event == null || !event.isObject()) {
            return lines;
        }
        String type = text(event, "type");
        String subtype = text(event, "subtype");
        if (event.hasNonNull("timestamp")) {
            lastTimestamp = instant(event.path("timestamp").asText());
        }
        if ("system".equals(type) && "init".equals(subtype)) {
            cwd = text(event, "cwd");
            lines.add(init(event));
        } else if ("system".equals(type) && "api_retry".equals(subtype)) {
            rateLimit = rateLimitOf(event.path("error"), event.path("error_status"));
            lines.add(retry(event));
        } else if ("assistant".equals(type)) {
            assistant(event, lines);
        } else if ("result".equals(type)) {
            sawResult = true;
            if (event.path("is_error").asBoolean(false)) {
                rateLimit = rateLimitOf(null, event.path("api_error_status"));
            }
            lines.add(result(event));
        }
        if (rateLimit != null) {
            rateLimits++;
            lastRateLimit = rateLimit;
        }
        return lines;
    }

    /**
     * The rate limit or overload the last event reported, or null: {@code rate_limit} or {@code overloaded} for an
     * API retry ({@code system}/{@code api_retry}), {@code HTTP 429} or {@code HTTP 529} for an API retry of another
     * error name or a result that failed with that status.
     */
    public String rateLimit() {
        return rateLimit;
    }

    private static String rateLimitOf(JsonNode error, JsonNode status) {
        if (error != null && error.isTextual()
                && ("rate_limit".equals(error.asText()) || "overloaded".equals(error.asText()))) {
            return error.asText();
        }
        if (status.isNumber() && (status.asInt() == 429 || status.asInt() == 529)) {
            return "HTTP " + status.asInt();
        }
        return null;
    }

    /** Turns so far: assistant messages seen (a message's blocks may come as several events with one id). */
    public int turns() {
        return turns;
    }

    /** Whether the stream's {@code result} event came. */
    public boolean sawResult() {
        return sawResult;
    }

    /** The {@code timestamp} of the latest event that had one, or null. */
    public Instant lastTimestamp() {
        return lastTimestamp;
    }

    /**
     * What a whole stream (e.g. a finished attempt's events file) amounts to; {@code rateLimits} counts the events
     * that reported a {@linkplain #rateLimit() rate limit or overload}, {@code lastRateLimit} is the last one's cause.
     */
    public record Summary(int turns, String lastLine, Instant lastTimestamp, boolean sawResult, int rateLimits,
            String lastRateLimit) {
    }

    public static Summary summarize(String events) {
        ClaudeEventFormatter formatter = new ClaudeEventFormatter();
        String last = null;
        for (String line : events.split("\n")) {
            List<String> lines = formatter.lines(line);
            if (!lines.isEmpty()) {
                last = lines.get(lines.size() - 1);
            }
        }
        return new Summary(formatter.turns, last, formatter.lastTimestamp, formatter.sawResult, formatter.rateLimits,
                formatter.lastRateLimit);
    }

    private static String init(JsonNode event) {
        int tools = event.path("tools").size();
        StringBuilder line = new StringBuilder("session started: model ")
                .append(event.hasNonNull("model") ? display(event.path("model").asText()) : "unknown")
                .append(", ").append(tools).append(tools == 1 ? " tool" : " tools");
        for (JsonNode server : event.path("mcp_servers")) {
            String status = text(server, "status");
            if (!"connected".equals(status)) {
                line.append(", MCP server ").append(display(String.valueOf(text(server, "name"))))
                        .append(' ').append(display(String.valueOf(status)));
            }
        }
        return line.toString();
    }

    private static String retry(JsonNode event) {
        StringBuilder line = new StringBuilder("API error");
        if (event.path("error_status").isNumber()) {
            line.append(" HTTP ").append(event.path("error_status").asText());
        }
        if (event.path("error").isTextual()) {
            line.append(" (").append(display(event.path("error").asText())).append(')');
        }
        line.append("; retry ").append(raw(event, "attempt")).append(" of ").append(raw(event, "max_retries"));
        if (event.path("retry_delay_ms").isNumber()) {
            line.append(" in ").append(seconds(event.path("retry_delay_ms"))).append(" s");
        }
        return line.toString();
    }

    private void assistant(JsonNode event, List<String> lines) {
        JsonNode message = event.path("message");
        String id = text(message, "id");
        if (id == null || !id.equals(lastMessageId)) {
            turns++;
            lastMessageId = id;
        }
        for (JsonNode block : message.path("content")) {
            String blockType = text(block, "type");
            if ("tool_use".equals(blockType)) {
                String name = block.path("name").isTextual() ? display(block.path("name").asText()) : "?";
                String argument = argument(block.path("input"));
                lines.add("turn " + turns + ": " + name + (argument.isEmpty() ? "" : ": " + argument));
            } else if ("text".equals(blockType) && block.path("text").isTextual()) {
                String text = display(block.path("text").asText());
                if (!text.isEmpty()) {
                    lines.add("turn " + turns + " says: " + text);
                }
            }
        }
    }

    private String argument(JsonNode input) {
        for (String field : ARGUMENT_FIELDS) {
            JsonNode value = input.get(field);
            if (value != null && value.isTextual()) {
                String text = value.asText();
                if (PATH_FIELDS.contains(field) && cwd != null && text.startsWith(cwd + "/")) {
                    text = text.substring(cwd.length() + 1);
                }
                return display(text);
            }
        }
        return "";
    }

    private static String result(JsonNode event) {
        boolean isError = event.path("is_error").asBoolean(false);
        String subtype = text(event, "subtype");
        StringBuilder line = new StringBuilder("result: ").append(subtype == null ? "?" : display(subtype));
        if (isError) {
            line.append(" (is_error");
            if (event.path("api_error_status").isNumber()) {
                line.append(", HTTP ").append(event.path("api_error_status").asText());
            }
            line.append(')');
        }
        if (event.path("num_turns").isNumber()) {
            String n = event.path("num_turns").asText();
            line.append(", ").append(n).append(n.equals("1") ? " turn" : " turns");
        }
        if (event.path("total_cost_usd").isNumber()) {
            line.append(", $").append(event.path("total_cost_usd").asText());
        }
        if (event.path("duration_ms").isNumber()) {
            line.append(", ").append(seconds(event.path("duration_ms"))).append(" s");
        }
        if (isError) {
            String why = event.path("result").isTextual() ? display(event.path("result").asText())
                    : event.path("errors").path(0).isTextual() ? display(event.path("errors").path(0).asText()) : "";
            if (!why.isEmpty()) {
                line.append(": ").append(why);
            }
        }
        return line.toString();
    }

    /**
     * A string as a line shows it: up to its first line break, a tab as a space, other control characters and
     * unpaired surrogates as {@code ?}, without leading or trailing spaces, at most {@value #MAX_BYTES} bytes of
     * UTF-8 (cut before a character that does not fit whole, then {@code ...}).
     */
    static String display(String text) {
        int newline = text.indexOf('\n');
        String first = newline < 0 ? text : text.substring(0, newline);
        StringBuilder b = new StringBuilder(first.length());
        for (int i = 0; i < first.length(); i++) {
            char c = first.charAt(i);
            if (c == '\t') {
                b.append(' ');
            } else if (c < 0x20) {
                b.append('?');
            } else if (Character.isHighSurrogate(c) && i + 1 < first.length()
                    && Character.isLowSurrogate(first.charAt(i + 1))) {
                b.append(c).append(first.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('?');
            } else {
                b.append(c);
            }
        }
        String shown = b.toString().replaceAll("^ +| +$", "");
        byte[] bytes = shown.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_BYTES) {
            return shown;
        }
        int cut = MAX_BYTES;
        for (int j = cut - 1; j >= cut - 4; j--) {
            int octet = bytes[j] & 0xff;
            if (octet < 0x80) {
                break;
            }
            if (octet >= 0xc0) {
                // The lead byte of the last character: cut before it when the character does not fit whole.
                if (cut - j < (octet >= 0xf0 ? 4 : octet >= 0xe0 ? 3 : 2)) {
                    cut = j;
                }
                break;
            }
        }
        return new String(bytes, 0, cut, StandardCharsets.UTF_8) + "...";
    }

    /** Milliseconds as whole seconds, rounded half up. */
    private static String seconds(JsonNode millis) {
        return millis.decimalValue().add(java.math.BigDecimal.valueOf(500))
                .divideToIntegralValue(java.math.BigDecimal.valueOf(1000)).toBigInteger().toString();
    }

    private static String raw(JsonNode event, String field) {
        JsonNode value = event.get(field);
        return value == null || value.isNull() ? "?" : value.isTextual() ? display(value.asText()) : value.asText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static JsonNode read(String line) {
        String trimmed = line == null ? "" : line.strip();
        if (!trimmed.startsWith("{")) {
            return null;
        }
        try {
            return JSON.readTree(trimmed);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }
}
