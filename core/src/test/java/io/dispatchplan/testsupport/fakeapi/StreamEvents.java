package io.dispatchplan.testsupport.fakeapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The server-sent events of one streamed Messages API answer. */
final class StreamEvents {

    static final int INPUT_TOKENS = 100;
    static final int OUTPUT_TOKENS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamEvents() {
    }

    /**
     * message_start, content_block_start, content_block_delta (input_json_delta for a tool call, text_delta for
     * text), content_block_stop, message_delta (stop_reason), message_stop.
     */
    static List<ObjectNode> of(String messageId, String model, Turn turn) {
        int inputTokens = INPUT_TOKENS;
        int outputTokens = OUTPUT_TOKENS;
        if (turn instanceof Turn.Costly costly) {
            inputTokens = costly.inputTokens();
            outputTokens = costly.outputTokens();
            turn = costly.then();
        }
        boolean toolUse = turn instanceof Turn.ToolUse;
        ObjectNode start = JSON.createObjectNode().put("type", "message_start");
        ObjectNode shell = messageShell(messageId, model);
        ((ObjectNode) shell.get("usage")).put("input_tokens", inputTokens);
        start.set("message", shell);

        ObjectNode blockStart = JSON.createObjectNode().put("type", "content_block_start").put("index", 0);
        ObjectNode emptyBlock = block(turn);
        if (toolUse) {
            emptyBlock.putObject("input");
        } else {
            emptyBlock.put("text", "");
        }
        blockStart.set("content_block", emptyBlock);

        ObjectNode delta = JSON.createObjectNode().put("type", "content_block_delta").put("index", 0);
        if (turn instanceof Turn.ToolUse call) {
            delta.putObject("delta").put("type", "input_json_delta").put("partial_json", json(call.input()));
        } else {
            delta.putObject("delta").put("type", "text_delta").put("text", ((Turn.Text) turn).text());
        }

        ObjectNode blockStop = JSON.createObjectNode().put("type", "content_block_stop").put("index", 0);
        ObjectNode messageDelta = JSON.createObjectNode().put("type", "message_delta");
        messageDelta.putObject("delta").put("stop_reason", toolUse ? "tool_use" : "end_turn").putNull("stop_sequence");
        messageDelta.putObject("usage").put("output_tokens", outputTokens);
        ObjectNode stop = JSON.createObjectNode().put("type", "message_stop");
        return List.of(start, blockStart, delta, blockStop, messageDelta, stop);
    }

    static ObjectNode messageShell(String messageId, String model) {
        ObjectNode message = JSON.createObjectNode()
                .put("id", messageId)
                .put("type", "message")
                .put("role", "assistant")
                .put("model", model);
        message.putArray("content");
        message.putNull("stop_reason");
        message.putNull("stop_sequence");
        message.putObject("usage").put("input_tokens", INPUT_TOKENS).put("output_tokens", 1)
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0);
        return message;
    }

    /** The complete content block of a turn. */
    static ObjectNode block(Turn turn) {
        if (turn instanceof Turn.Costly costly) {
            return block(costly.then());
        }
        if (turn instanceof Turn.ToolUse call) {
            ObjectNode block = JSON.createObjectNode()
                    .put("type", "tool_use")
                    .put("id", FakeAnthropicApi.toolUseId())
                    .put("name", call.name());
            block.set("input", JSON.valueToTree(call.input()));
            return block;
        }
        return JSON.createObjectNode().put("type", "text").put("text", ((Turn.Text) turn).text());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
