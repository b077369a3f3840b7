package io.dispatchplan.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryClassifierTest {

    private static ClaudeResult result(String json) {
        return ClaudeResultParser.parse(json);
    }

    private static RetryClassifier.Verdict claude(String json, int exitCode, String stderr) {
        return RetryClassifier.classifyClaude(result(json), exitCode, stderr);
    }

    private static String apiError(int status, String text) {
        return "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"api_error_status\":" + status
                + ",\"result\":\"" + text + "\"}";
    }

    @Test
    void retriesOverloadAndRateLimitsByStatus() {
        assertThat(claude(apiError(529, "API Error: 529 Overloaded"), 1, "").retryable()).isTrue();
        assertThat(claude(apiError(429, "API Error: 429 rate limited"), 1, "").retryable()).isTrue();
        assertThat(claude(apiError(503, "API Error: 503"), 1, "").retryable()).isTrue();
        assertThat(claude(apiError(529, "x"), 0, "").cause()).isEqualTo("the API answered HTTP 529");
    }

    @Test
    void neverRetriesARequestTheApiRefused() {
        assertThat(claude(apiError(400, "API Error: 400 bad request"), 1, "").retryable()).isFalse();
        assertThat(claude(apiError(401, "Failed to authenticate"), 1, "").retryable()).isFalse();
        assertThat(claude(apiError(403, "forbidden"), 0, "").retryable()).isFalse();
    }

    @Test
    void retriesOverloadNamedOnlyInTheTextOrOnStderr() {
        String noStatus = "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":true,\"result\":\"%s\"}";

        assertThat(claude(noStatus.formatted("API Error: 529 {\\\"type\\\":\\\"overloaded_error\\\"}"), 1, "")
                .retryable()).isTrue();
        assertThat(claude(noStatus.formatted("Rate limit reached"), 1, "").retryable()).isTrue();
        assertThat(claude(noStatus.formatted("API Error"), 1, "HTTP 429 Too Many Requests").retryable()).isTrue();
        assertThat(claude(noStatus.formatted("Invalid model name"), 1, "").retryable()).isFalse();
        assertThat(claude(noStatus.formatted("request 15290 failed"), 1, "").retryable())
                .as("529 inside a longer number is no status").isFalse();
    }

    @Test
    void retriesAnErrorDuringExecution() {
        assertThat(claude("{\"type\":\"result\",\"subtype\":\"error_during_execution\",\"is_error\":true}", 1, "")
                .retryable()).isTrue();
    }

    @Test
    void neverRetriesTheLimitsEvenWhenTheTextMentionsOverload() {
        String turns = "{\"type\":\"result\",\"subtype\":\"error_max_turns\",\"is_error\":true}";
        String budget = "{\"type\":\"result\",\"subtype\":\"error_max_budget_usd\",\"is_error\":true}";

        assertThat(claude(turns, 1, "529 overloaded").retryable()).isFalse();
        assertThat(claude(budget, 1, "429 rate limit").retryable()).isFalse();
        assertThat(claude(budget, 137, "").retryable()).isFalse();
    }

    @Test
    void retriesAProcessLostToASignalButNotOneThatJustFailed() {
        assertThat(claude("", 137, "").retryable()).isTrue();
        assertThat(claude("", 143, "").cause()).isEqualTo("the process was lost (killed by signal 15)");
        assertThat(claude("{\"type\":\"res", 129, "").retryable()).isTrue();
        assertThat(claude("", 1, "Error: Invalid API key").retryable()).isFalse();
        assertThat(claude("", 1, "API Error: 529 overloaded").retryable()).isTrue();
    }

    @Test
    void aCommandRetriesOnTemporaryFailureOrALostProcessOnly() {
        assertThat(RetryClassifier.classifyCommand(75, "").retryable()).isTrue();
        assertThat(RetryClassifier.classifyCommand(137, "").retryable()).isTrue();
        assertThat(RetryClassifier.classifyCommand(1, "").retryable()).isFalse();
        assertThat(RetryClassifier.classifyCommand(2, "429 overloaded").retryable())
                .as("a command's own words are not trusted: it says 75 when it wants a retry").isFalse();
    }
}
