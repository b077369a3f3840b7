package io.dispatchplan.testsupport.fakeapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A scripted Anthropic Messages API on 127.0.0.1 (a random port) for running the real Claude Code CLI offline.
 *
 * <p>Each request of the main conversation ({@code POST /v1/messages} offering tools) takes the next scripted
 * {@link Turn}: a tool call, a text answer ending the turn, an HTTP error, a hang, or any of these after a stall. Other requests are
 * answered without taking a turn: {@code count_tokens} with a count, side requests (no tools: titles, quota
 * checks) with a short text. A conversation request with no turn left gets HTTP 400 "no scripted turn left",
 * which makes the CLI stop at once and the test fail visibly. Every request is recorded.
 *
 * <pre>{@code
 * try (FakeAnthropicApi api = FakeAnthropicApi.start()) {
 *     api.enqueue(Turn.bash("echo done > RESULTS.md"), Turn.text("Done."));
 *     ... run claude with api.cliEnvironment() ...
 * }
 * }</pre>
 */
public final class FakeAnthropicApi implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final Deque<Turn> turns = new ArrayDeque<>();
    /** Every conversation's own copy of the script, by session; unused unless {@link #scriptEachConversation}. */
    private final Map<String, Deque<Turn>> conversations = new HashMap<>();
    private List<Turn> eachConversation;
    /** Conversation requests still to answer with HTTP 429 before any script, whatever their session. */
    private int rateLimited;
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger messageCount = new AtomicInteger();

    private FakeAnthropicApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static FakeAnthropicApi start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // One thread per request: a hanging answer must not hold up the others.
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fake-anthropic-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        FakeAnthropicApi api = new FakeAnthropicApi(server, executor);
        server.createContext("/", api::handle);
        server.start();
        return api;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * What the CLI needs to talk to this fake and nothing else: the base URL, a dummy key, no nonessential
     * traffic (without it the CLI looks up outside hosts), and no retries inside the CLI, so a scripted 529 or
     * 429 fails at once instead of after minutes of backoff.
     */
    public Map<String, String> cliEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ANTHROPIC_BASE_URL", baseUrl());
        env.put("ANTHROPIC_API_KEY", "sk-ant-fake-key-for-tests");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("CLAUDE_CODE_MAX_RETRIES", "0");
        return env;
    }

    /** Appends turns to the script. */
    public FakeAnthropicApi enqueue(Turn... more) {
        synchronized (turns) {
            turns.addAll(Arrays.asList(more));
        }
        return this;
    }

    /**
     * Gives every conversation (a CLI session, told by its {@code X-Claude-Code-Session-Id} header) its own copy of
     * {@code script} instead of one shared queue: parallel workers then each get the whole script, whatever order
     * their requests arrive in. {@link #enqueue} turns are not used after this.
     */
    public FakeAnthropicApi scriptEachConversation(Turn... script) {
        synchronized (turns) {
            eachConversation = List.of(script);
        }
        return this;
    }

    /**
     * Answers the next {@code requests} conversation requests, of any session, with HTTP 429 {@code rate_limit_error}
     * before the scripts go on: the API rate-limiting everyone at once, as when many workers start together.
     */
    public FakeAnthropicApi rateLimitNext(int requests) {
        synchronized (turns) {
            rateLimited += requests;
        }
        return this;
    }

    public int turnsLeft() {
        synchronized (turns) {
            return turns.size();
        }
    }

    /** Every request so far, in arrival order. */
    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The requests that took a scripted turn. */
    public List<RecordedRequest> conversationRequests() {
        return requests().stream().filter(RecordedRequest::conversation).toList();
    }

    /** Releases hanging answers and stops the server. */
    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().toString();
            JsonNode body = readBody(exchange);
            boolean messages = exchange.getRequestMethod().equals("POST")
                    && exchange.getRequestURI().getPath().equals("/v1/messages");
            boolean conversation = messages && body.path("tools").size() > 0;
            record(exchange, path, body, conversation);

            if (exchange.getRequestURI().getPath().equals("/v1/messages/count_tokens")) {
                sendJson(exchange, 200, JSON.createObjectNode().put("input_tokens", 42));
            } else if (conversation) {
                answer(exchange, body, nextTurn(exchange.getRequestHeaders().getFirst("X-Claude-Code-Session-Id")));
            } else if (messages) {
                answer(exchange, body, Turn.text("OK"));
            } else {
                sendError(exchange, new Turn.HttpError(404, "not_found_error", "the fake API has no " + path, 1));
            }
        }
    }

    private Turn nextTurn(String session) {
        synchronized (turns) {
            if (rateLimited > 0) {
                rateLimited--;
                return Turn.httpError(429);
            }
            Deque<Turn> script = eachConversation == null ? turns
                    : conversations.computeIfAbsent(String.valueOf(session), s -> new ArrayDeque<>(eachConversation));
            Turn turn = script.poll();
            if (turn instanceof Turn.HttpError error && error.times() > 1) {
                script.addFirst(error.lessOnce());
                return error.once();
            }
            return turn != null ? turn : new Turn.HttpError(400, "invalid_request_error",
                    "fake API: no scripted turn left for conversation request #" + conversationRequests().size(), 1);
        }
    }

    private void answer(HttpExchange exchange, JsonNode request, Turn turn) throws IOException {
        if (turn instanceof Turn.Stalled stalled) {
            try {
                if (closed.await(stalled.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            turn = stalled.then();
        }
        if (turn instanceof Turn.Hang) {
            try {
                closed.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        if (turn instanceof Turn.HttpError error) {
            sendError(exchange, error);
            return;
        }
        String model = request.path("model").asText("claude-fake");
        if (!request.path("stream").asBoolean(false)) {
            sendJson(exchange, 200, wholeMessage(model, turn));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.getResponseHeaders().set("request-id", "req_fake_" + messageCount.get());
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (ObjectNode event : StreamEvents.of(messageId(), model, turn)) {
                String line = "event: " + event.path("type").asText() + "\ndata: " + JSON.writeValueAsString(event)
                        + "\n\n";
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private ObjectNode wholeMessage(String model, Turn turn) {
        ObjectNode message = StreamEvents.messageShell(messageId(), model);
        message.set("content", JSON.createArrayNode().add(StreamEvents.block(turn)));
        Turn answer = turn instanceof Turn.Costly costly ? costly.then() : turn;
        message.put("stop_reason", answer instanceof Turn.ToolUse ? "tool_use" : "end_turn");
        ((ObjectNode) message.get("usage")).put("input_tokens", turn instanceof Turn.Costly c ? c.inputTokens()
                : StreamEvents.INPUT_TOKENS).put("output_tokens", turn instanceof Turn.Costly c ? c.outputTokens()
                : StreamEvents.OUTPUT_TOKENS);
        return message;
    }

    private String messageId() {
        return "msg_fake_" + messageCount.incrementAndGet();
    }

    private void record(HttpExchange exchange, String path, JsonNode body, boolean conversation) {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
        synchronized (requests) {
            requests.add(new RecordedRequest(exchange.getRequestMethod(), path, Map.copyOf(headers), body,
                    conversation));
        }
    }

    private static JsonNode readBody(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static void sendError(HttpExchange exchange, Turn.HttpError error) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("type", "error");
        body.putObject("error").put("type", error.type()).put("message", error.message());
        sendJson(exchange, error.status(), body);
    }

    private static void sendJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A fresh tool_use id: ids must not repeat within a conversation, resumed ones included. */
    static String toolUseId() {
        return "toolu_fake_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
