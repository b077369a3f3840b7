package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class ClaudeResultParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Trimmed from a real 2.1.328 run against the fake API. */
    private static final String SUCCESS = """
            {"duration_api_ms":76,"stop_reason":"end_turn","session_id":"11111111-2222-3333-4444-555555555555",\
            "total_cost_usd":0.00028000000000000003,"usage":{"input_tokens":20,"cache_creation_input_tokens":3,\
            "cache_read_input_tokens":4,"output_tokens":10,"service_tier":"standard"},"modelUsage":{},\
            "permission_denials":[],"terminal_reason":"completed","is_error":false,"num_turns":2,\
            "subtype":"success","api_error_status":null,"result":"All done.","type":"result","duration_ms":219,\
            "uuid":"0cb8b57a-23c7-4bd8-bc12-cd70d8718b62"}
            """;

    @Test
    void readsTheResultObject() {
        ClaudeResult result = ClaudeResultParser.parse(SUCCESS);

        assertThat(result.status()).isEqualTo(ClaudeResult.Status.SUCCESS);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.subtype()).isEqualTo("success");
        assertThat(result.isError()).isFalse();
        assertThat(result.numTurns()).isEqualTo(2);
        assertThat(result.sessionId()).isEqualTo("11111111-2222-3333-4444-555555555555");
        assertThat(result.totalCostUsd()).isEqualTo(0.00028000000000000003);
        assertThat(result.durationMs()).isEqualTo(219L);
        assertThat(result.durationApiMs()).isEqualTo(76L);
        assertThat(result.result()).isEqualTo("All done.");
        assertThat(result.usage()).isEqualTo(new ClaudeResult.Usage(20, 10, 3, 4));
        assertThat(result.apiErrorStatus()).isNull();
        assertThat(result.terminalReason()).isEqualTo("completed");
        assertThat(result.permissionDenials()).isZero();
        assertThat(result.describe()).isEqualTo("Claude Code finished after 2 turns");
    }

    @Test
    void takesTheLastResultElementOfTheVerboseArray() {
        String verbose = "[{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"s\"},"
                + "{\"type\":\"assistant\",\"message\":{\"content\":[]}},"
                + "{\"type\":\"result\",\"subtype\":\"error_during_execution\",\"is_error\":true,\"num_turns\":1},"
                + "{\"type\":\"user\",\"message\":{}},"
                + SUCCESS.strip() + "]";

        ClaudeResult result = ClaudeResultParser.parse(verbose);

        assertThat(result.status()).isEqualTo(ClaudeResult.Status.SUCCESS);
        assertThat(result.numTurns()).isEqualTo(2);
    }

    @Test
    void readsStreamJsonLinesAndSkipsAWarningBeforeTheObject() {
        String streamed = "{\"type\":\"system\",\"subtype\":\"init\"}\n{\"type\":\"assistant\"}\n" + SUCCESS;
        String warned = "Warning: something the CLI printed first\n" + SUCCESS;

        assertThat(ClaudeResultParser.parse(streamed).status()).isEqualTo(ClaudeResult.Status.SUCCESS);
        assertThat(ClaudeResultParser.parse(warned).status()).isEqualTo(ClaudeResult.Status.SUCCESS);
    }

    @Test
    void anApiErrorReportedAsSuccessWithIsErrorIsAnApiError() {
        String body = """
                {"type":"result","subtype":"success","is_error":true,"num_turns":1,"total_cost_usd":0,\
                "api_error_status":401,"api_error_type":"authentication_error","terminal_reason":"api_error",\
                "result":"Failed to authenticate. API Error: 401 invalid x-api-key","session_id":"s"}""";

        ClaudeResult result = ClaudeResultParser.parse(body);

        assertThat(result.status()).isEqualTo(ClaudeResult.Status.API_ERROR);
        assertThat(result.succeeded()).isFalse();
        assertThat(result.apiErrorStatus()).isEqualTo(401);
        assertThat(result.apiErrorType()).isEqualTo("authentication_error");
        assertThat(result.describe()).isEqualTo("Claude Code stopped on an API error (HTTP 401 authentication_error): "
                + "Failed to authenticate. API Error: 401 invalid x-api-key");
    }

    @Test
    void mapsEachErrorSubtype() {
        assertThat(parseSubtype("error_max_turns").status()).isEqualTo(ClaudeResult.Status.MAX_TURNS);
        assertThat(parseSubtype("error_max_budget_usd").status()).isEqualTo(ClaudeResult.Status.MAX_BUDGET);
        assertThat(parseSubtype("error_during_execution").status()).isEqualTo(ClaudeResult.Status.EXECUTION_ERROR);
        assertThat(parseSubtype("error_from_a_future_version").status()).isEqualTo(ClaudeResult.Status.OTHER_ERROR);
    }

    @Test
    void theLimitsSayWhichOptionToRaise() {
        String turns = "{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true,\"num_turns\":2,"
                + "\"errors\":[\"Reached maximum number of turns (1)\"]}";
        String budget = "{\"type\":\"result\",\"subtype\":\"error_max_budget_usd\",\"is_error\":true,"
                + "\"total_cost_usd\":0.00014,\"errors\":[\"Reached maximum budget ($0.0001)\"]}";

        assertThat(ClaudeResultParser.parse(turns).describe()).isEqualTo("Claude Code reached its turn limit after 2 "
                + "turns (Reached maximum number of turns (1)); raise maxTurns or split the workstream");
        assertThat(ClaudeResultParser.parse(budget).describe()).isEqualTo("Claude Code reached its budget limit after "
                + "$0.0001 (Reached maximum budget ($0.0001)); raise maxBudgetUsd or split the workstream");
    }

    @Test
    void emptyOutputIsNoOutput() {
        assertThat(ClaudeResultParser.parse("").status()).isEqualTo(ClaudeResult.Status.NO_OUTPUT);
        assertThat(ClaudeResultParser.parse(" \n").status()).isEqualTo(ClaudeResult.Status.NO_OUTPUT);
        assertThat(ClaudeResultParser.parse(null).status()).isEqualTo(ClaudeResult.Status.NO_OUTPUT);
    }

    @Test
    void garbledOrCutOffOutputIsUnreadableWithAnExcerpt() {
        ClaudeResult cut = ClaudeResultParser.parse(SUCCESS.substring(0, 120));
        ClaudeResult text = ClaudeResultParser.parse("Error: Session ID x is already in use.");
        ClaudeResult noResult = ClaudeResultParser.parse("[{\"type\":\"system\"}]");

        assertThat(cut.status()).isEqualTo(ClaudeResult.Status.UNREADABLE);
        assertThat(cut.problem()).startsWith("no JSON result object in '{\"duration_api_ms\":76");
        assertThat(text.problem()).contains("already in use");
        assertThat(noResult.status()).isEqualTo(ClaudeResult.Status.UNREADABLE);
        assertThat(noResult.problem()).startsWith("JSON without a type:\"result\" object");
    }

    @Property
    void neverThrowsWhateverTheOutput(@ForAll String stdout) {
        assertThat(ClaudeResultParser.parse(stdout)).isNotNull();
    }

    @Property
    void readsBackWhatAResultObjectSays(@ForAll("results") ObjectNode node, @ForAll boolean verbose,
            @ForAll boolean warningFirst) throws Exception {
        String text;
        if (verbose) {
            ArrayNode array = JSON.createArrayNode();
            array.addObject().put("type", "system").put("subtype", "init");
            array.add(node);
            text = JSON.writeValueAsString(array);
        } else {
            text = JSON.writeValueAsString(node);
        }
        if (warningFirst) {
            text = "npm warn something\n" + text;
        }

        ClaudeResult result = ClaudeResultParser.parse(text);

        assertThat(result.subtype()).isEqualTo(node.get("subtype").asText());
        assertThat(result.isError()).isEqualTo(node.get("is_error").asBoolean());
        assertThat(result.numTurns()).isEqualTo(node.get("num_turns").asInt());
        assertThat(result.sessionId()).isEqualTo(node.get("session_id").asText());
        assertThat(result.totalCostUsd()).isEqualTo(node.get("total_cost_usd").asDouble());
        assertThat(result.result()).isEqualTo(node.get("result").asText());
        assertThat(result.status()).isEqualTo(
                ClaudeResultParser.status(node.get("subtype").asText(), node.get("is_error").asBoolean()));
    }

    @Provide
    Arbitrary<ObjectNode> results() {
        return Combinators.combine(
                        Arbitraries.of("success", "error_max_turns", "error_max_budget_usd", "error_during_execution"),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 500),
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
                        Arbitraries.doubles().between(0, 100),
                        Arbitraries.strings().ofMaxLength(200))
                .as((subtype, isError, turns, session, cost, text) -> {
                    ObjectNode node = JSON.createObjectNode();
                    node.put("type", "result").put("subtype", subtype).put("is_error", isError)
                            .put("num_turns", turns).put("session_id", session).put("total_cost_usd", cost)
                            .put("result", text);
                    return node;
                });
    }

    private static ClaudeResult parseSubtype(String subtype) {
        return ClaudeResultParser.parse("{\"type\":\"result\",\"subtype\":\"" + subtype + "\",\"is_error\":true}");
    }
}
