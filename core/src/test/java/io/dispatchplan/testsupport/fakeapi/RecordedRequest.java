package io.dispatchplan.testsupport.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request the fake API received.
 *
 * @param method HTTP method
 * @param path path and query, e.g. {@code /v1/messages?beta=true}
 * @param headers header names in lower case, first value each
 * @param body the JSON body, a missing node when there was none or it was not JSON
 * @param conversation whether it was a request of the main conversation (it consumed a scripted turn)
 */
public record RecordedRequest(String method, String path, Map<String, String> headers, JsonNode body,
        boolean conversation) {

    public String model() {
        return body.path("model").asText(null);
    }

    public List<String> toolNames() {
        List<String> names = new ArrayList<>();
        body.path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    /** The {@code X-Claude-Code-Session-Id} header the CLI sends with every request. */
    public String sessionHeader() {
        return headers.get("x-claude-code-session-id");
    }

    /** All message roles in order ({@code user}, {@code assistant}, ...). */
    public List<String> roles() {
        List<String> roles = new ArrayList<>();
        body.path("messages").forEach(m -> roles.add(m.path("role").asText()));
        return roles;
    }

    /** The text of every text block and string content in the conversation, in order. */
    public List<String> texts() {
        List<String> texts = new ArrayList<>();
        body.path("messages").forEach(m -> {
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                texts.add(content.asText());
            }
            content.forEach(block -> {
                if ("text".equals(block.path("type").asText())) {
                    texts.add(block.path("text").asText());
                }
            });
        });
        return texts;
    }

    /** The commands of every Bash tool_use the conversation holds. */
    public List<String> bashCommands() {
        List<String> commands = new ArrayList<>();
        blocks("tool_use").forEach(b -> {
            if ("Bash".equals(b.path("name").asText())) {
                commands.add(b.path("input").path("command").asText());
            }
        });
        return commands;
    }

    /** The content of every tool_result block, as text. */
    public List<String> toolResults() {
        List<String> results = new ArrayList<>();
        blocks("tool_result").forEach(b -> {
            JsonNode content = b.path("content");
            if (content.isTextual()) {
                results.add(content.asText());
            } else {
                StringBuilder text = new StringBuilder();
                content.forEach(part -> text.append(part.path("text").asText()));
                results.add(text.toString());
            }
        });
        return results;
    }

    /** The system prompt as one text: a string, or the text of its blocks joined by line breaks. */
    public String systemText() {
        JsonNode system = body.path("system");
        if (system.isTextual()) {
            return system.asText();
        }
        List<String> parts = new ArrayList<>();
        system.forEach(block -> parts.add(block.path("text").asText()));
        return String.join("\n", parts);
    }

    /** Whether any text in the conversation contains {@code fragment}. */
    public boolean mentions(String fragment) {
        return texts().stream().anyMatch(t -> t.contains(fragment));
    }

    private List<JsonNode> blocks(String type) {
        List<JsonNode> found = new ArrayList<>();
        body.path("messages").forEach(m -> m.path("content").forEach(block -> {
            if (type.equals(block.path("type").asText())) {
                found.add(block);
            }
        }));
        return found;
    }
}
