package io.dispatchplan.testsupport.fakeapi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One scripted answer of the fake Messages API to one request of the main conversation. */
public sealed interface Turn {

    /** The assistant calls a tool (streamed as tool_use with input_json_delta, stop_reason tool_use). */
    record ToolUse(String name, Map<String, Object> input) implements Turn {
        public ToolUse {
            Objects.requireNonNull(name, "name");
            // In the order given, as a model writes its keys.
            input = Collections.unmodifiableMap(new LinkedHashMap<>(input));
        }
    }

    /** The assistant answers with text and ends its turn (stop_reason end_turn). */
    record Text(String text) implements Turn {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The API answers with an HTTP error and an Anthropic error body, to the next {@code times} conversation
     * requests (the CLI answers some errors, e.g. a 400, by trying again with fewer features).
     */
    record HttpError(int status, String type, String message, int times) implements Turn {
        public HttpError {
            if (times < 1) {
                throw new IllegalArgumentException("times must be at least 1");
            }
        }

        HttpError once() {
            return new HttpError(status, type, message, 1);
        }

        HttpError lessOnce() {
            return new HttpError(status, type, message, times == Integer.MAX_VALUE ? times : times - 1);
        }
    }

    /** The API never answers (until the fake is closed). */
    record Hang() implements Turn {
    }

    /**
     * The API stalls for {@code delay} (no response headers, nothing), then answers as {@code then} would: a slow
     * turn, or with a long delay a stalled one. Closing the fake ends the stall at once.
     */
    record Stalled(java.time.Duration delay, Turn then) implements Turn {
        public Stalled {
            Objects.requireNonNull(delay, "delay");
            Objects.requireNonNull(then, "then");
        }
    }

    /**
     * The API answers as {@code then} would, reporting {@code inputTokens} and {@code outputTokens} of usage, so the CLI
     * counts the cost those tokens have at its model's price (a plain turn reports a few tokens and costs fractions of
     * a cent).
     */
    record Costly(int inputTokens, int outputTokens, Turn then) implements Turn {
        public Costly {
            Objects.requireNonNull(then, "then");
            if (!(then instanceof ToolUse || then instanceof Text)) {
                throw new IllegalArgumentException("only a tool call or a text has usage, not " + then);
            }
        }
    }

    /** {@code then}, reporting the given usage. */
    static Turn costly(int inputTokens, int outputTokens, Turn then) {
        return new Costly(inputTokens, outputTokens, then);
    }

    /** {@code then}, after the API stalled for {@code delay}. */
    static Turn stall(java.time.Duration delay, Turn then) {
        return new Stalled(delay, then);
    }

    /** The Bash tool running {@code command} in the CLI's working directory. */
    static Turn bash(String command) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("command", command);
        input.put("description", "scripted command");
        return new ToolUse("Bash", input);
    }

    /**
     * The answer of a run given {@code --json-schema}: a call of the {@code StructuredOutput} tool the CLI offers then,
     * with {@code json} (an object) as its input. The CLI checks it against the schema; one that passes ends the run.
     */
    static Turn structuredOutput(String json) {
        try {
            return new ToolUse("StructuredOutput",
                    new ObjectMapper().readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { }));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not a JSON object: " + json, e);
        }
    }

    static Turn text(String text) {
        return new Text(text);
    }

    /** An HTTP error, once, with the type the real API uses for that status. */
    static Turn httpError(int status) {
        return new HttpError(status, errorType(status), "scripted failure " + status, 1);
    }

    /** The same HTTP error for the next {@code times} conversation requests (e.g. 429: rate-limited that often). */
    static Turn httpError(int status, int times) {
        return new HttpError(status, errorType(status), "scripted failure " + status, times);
    }

    /** The same HTTP error for every conversation request from now on (later turns are never reached). */
    static Turn persistentHttpError(int status) {
        return new HttpError(status, errorType(status), "scripted failure " + status, Integer.MAX_VALUE);
    }

    static Turn hang() {
        return new Hang();
    }

    private static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }
}
