package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The readable lines of Claude Code's stream events; {@link DurableWorkerScriptTest} checks awk prints the same. */
class ClaudeEventFormatterTest {

    /** Events that exercise the string and number rules; awk must print for them what Java prints. */
    static final List<String> EDGE_CASES = List.of(
            "{\"type\":\"system\",\"subtype\":\"init\",\"cwd\":\"/w/shop\",\"tools\":[\"Bash\"],\"mcp_servers\":"
                    + "[{\"name\":\"ok\",\"status\":\"connected\"},{\"name\":\"db\",\"status\":\"needs-auth\"}],"
                    + "\"model\":\"claude-sonnet\"}",
            "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"thinking\",\"thinking\":\"x\"},"
                    + "{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"Edit\",\"input\":{\"old_string\":\"a\","
                    + "\"file_path\":\"/w/shop/src/api.ts\"}},{\"type\":\"tool_use\",\"name\":\"Grep\",\"input\":"
                    + "{\"path\":\"/elsewhere\",\"pattern\":\"TODO\\\\(\"}}]}}",
            "{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":\"tool_use\",\"name\":\"Bash\","
                    + "\"input\":{\"command\":\"  echo \\\"a\\\\\\\\nb\\\"\\ttab\\u001b[31m \\\\/ end  \\nsecond line\"}}]}}",
            "{\"type\":\"assistant\",\"message\":{\"id\":\"m2\",\"content\":[{\"type\":\"text\",\"text\":\""
                    + "é".repeat(60) + "\"},{\"type\":\"text\",\"text\":\"a" + "€".repeat(40) + "\"},"
                    + "{\"type\":\"text\",\"text\":\"\\n\"},{\"type\":\"tool_use\",\"name\":\"Mystery\",\"input\":{\"n\":5}}]}}",
            "{\"type\":\"user\",\"message\":{\"content\":[{\"type\":\"tool_result\",\"content\":\"big\"}]}}",
            "not json at all",
            "{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":3,\"max_retries\":10,\"retry_delay_ms\":1499,"
                    + "\"error_status\":null,\"error\":\"connection refused\"}",
            "{\"type\":\"system\",\"subtype\":\"compact_boundary\"}",
            "{\"num_turns\":12,\"type\":\"result\",\"subtype\":\"error_max_budget_usd\",\"is_error\":true,"
                    + "\"total_cost_usd\":5.0012,\"duration_ms\":123456,\"errors\":[\"Reached the budget\"]}");

    private static List<String> format(List<String> events) {
        ClaudeEventFormatter f = new ClaudeEventFormatter();
        List<String> lines = new ArrayList<>();
        events.forEach(e -> lines.addAll(f.lines(e)));
        return lines;
    }

    @Test
    void showsTheSessionToolUsesTextsRetriesAndTheResult() {
        assertThat(format(EDGE_CASES)).containsExactly(
                "session started: model claude-sonnet, 1 tool, MCP server db needs-auth",
                "turn 1: Edit: src/api.ts",
                "turn 1: Grep: TODO\\(",
                "turn 1: Bash: echo \"a\\\\nb\" tab?[31m \\/ end",
                "turn 2 says: " + "é".repeat(50) + "...",
                "turn 2 says: a" + "€".repeat(33) + "...",
                "turn 2: Mystery",
                "API error (connection refused); retry 3 of 10 in 1 s",
                "result: error_max_budget_usd (is_error), 12 turns, $5.0012, 123 s: Reached the budget");
    }

    @Test
    void countsTurnsByMessageAndNotesTheResult() {
        ClaudeEventFormatter f = new ClaudeEventFormatter();
        EDGE_CASES.subList(0, 4).forEach(f::lines);
        assertThat(f.turns()).isEqualTo(2);
        assertThat(f.sawResult()).isFalse();
        f.lines(EDGE_CASES.get(EDGE_CASES.size() - 1));
        assertThat(f.sawResult()).isTrue();
    }

    @Test
    void summarizesAStreamForTheRunPage() {
        ClaudeEventFormatter.Summary s = ClaudeEventFormatter.summarize(String.join("\n", List.of(
                "{\"type\":\"assistant\",\"timestamp\":\"2026-12-01T08:44:43.540Z\",\"message\":{\"id\":\"a\","
                        + "\"content\":[{\"type\":\"tool_use\",\"name\":\"Bash\",\"input\":{\"command\":\"npm test\"}}]}}",
                "{\"type\":\"user\",\"timestamp\":\"2026-12-01T08:44:50Z\",\"message\":{}}")));

        assertThat(s.turns()).isEqualTo(1);
        assertThat(s.lastLine()).isEqualTo("turn 1: Bash: npm test");
        assertThat(s.lastTimestamp()).hasToString("2026-12-01T08:44:50Z");
        assertThat(s.sawResult()).isFalse();
    }

    @Test
    void tellsWhichEventsReportARateLimitOrAnOverload() {
        List<String> events = List.of(
                "{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":1,\"max_retries\":3,\"retry_delay_ms\":596,"
                        + "\"error_status\":429,\"error\":\"rate_limit\"}",
                "{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":1,\"max_retries\":3,\"retry_delay_ms\":596,"
                        + "\"error_status\":529,\"error\":\"overloaded\"}",
                "{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":2,\"max_retries\":3,\"retry_delay_ms\":900,"
                        + "\"error_status\":429,\"error\":\"unknown\"}",
                "{\"type\":\"system\",\"subtype\":\"api_retry\",\"attempt\":3,\"max_retries\":3,\"retry_delay_ms\":900,"
                        + "\"error_status\":500,\"error\":\"server_error\"}",
                "{\"type\":\"assistant\",\"message\":{\"id\":\"m\",\"content\":[{\"type\":\"text\",\"text\":\"429\"}]}}",
                "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":529}",
                "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":400}");
        ClaudeEventFormatter f = new ClaudeEventFormatter();
        List<String> causes = new ArrayList<>();
        for (String event : events) {
            f.lines(event);
            causes.add(String.valueOf(f.rateLimit()));
        }

        assertThat(causes).containsExactly("rate_limit", "overloaded", "HTTP 429", "null", "null", "HTTP 529", "null");
        ClaudeEventFormatter.Summary summary = ClaudeEventFormatter.summarize(String.join("\n", events));
        assertThat(summary.rateLimits()).isEqualTo(4);
        assertThat(summary.lastRateLimit()).isEqualTo("HTTP 529");
    }
}
