package com.mallsync.system.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mallsync.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * The console in a real headless Chromium, logged in through its login form like a person: Chromium started with a
 * DevTools port, driven over the DevTools protocol (a WebSocket, JDK only: no WebDriver library), the form filled
 * and submitted, then the page's DOM read once its scripts have rendered. {@code --dump-dom} alone cannot log in.
 */
final class ConsoleBrowser implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private ConsoleBrowser(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    static ConsoleBrowser start(Path profile) throws IOException, InterruptedException {
        Files.createDirectories(profile);
        Path err = Files.createTempFile(profile.getParent(), "chromium", ".log");
        Process process = new ProcessBuilder(List.of(HeadlessChromium.binary().toString(), "--headless",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "--remote-allow-origins=*", "about:blank"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                process.destroyForcibly();
                throw new IllegalStateException("chromium gave no DevTools port: " + Files.readString(err));
            }
            Thread.sleep(200);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        String page = null;
        while (page == null && System.nanoTime() < deadline) {
            JsonNode targets = Json.tree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode t : targets) {
                if ("page".equals(t.get("type").asString())) {
                    page = t.get("webSocketDebuggerUrl").asString();
                }
            }
            if (page == null) {
                Thread.sleep(200);
            }
        }
        if (page == null) {
            process.destroyForcibly();
            throw new IllegalStateException("chromium has no page target");
        }
        ConsoleBrowser[] self = new ConsoleBrowser[1];
        StringBuilder partial = new StringBuilder();
        WebSocket socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(page), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    JsonNode message = Json.tree(partial.toString());
                    partial.setLength(0);
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> f = self[0].pending.remove(message.get("id").asInt());
                        if (f != null) {
                            f.complete(message);
                        }
                    }
                }
                ws.request(1);
                return null;
            }
        }).join();
        self[0] = new ConsoleBrowser(process, socket);
        return self[0];
    }

    /** Logs in at {@code consoleUrl + "/login"} with the form, lands on the page, and returns its rendered DOM. */
    String loggedInDom(String consoleUrl, String user, String password, Duration render) throws Exception {
        call("Page.navigate", Map.of("url", consoleUrl + "/login"));
        awaitTrue("document.readyState === 'complete' && !!document.querySelector('input[name=username]')");
        evaluate("document.querySelector('input[name=username]').value = " + Json.writeString(user) + ";"
                + "document.querySelector('input[name=password]').value = " + Json.writeString(password) + ";"
                + "document.querySelector('form').submit(); true");
        awaitTrue("location.pathname === '/' && document.readyState === 'complete'"
                + " && document.querySelectorAll('#outcomes tbody tr').length > 0");
        Thread.sleep(render.toMillis());
        return evaluate("document.documentElement.outerHTML").asString();
    }

    private void awaitTrue(String expression) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode value = evaluate(expression);
            if (value != null && value.asBoolean(false)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the browser never got to: " + expression + " (at "
                + evaluate("location.href + ' ' + document.title").asString() + ")");
    }

    private JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        JsonNode value = result.get("result").get("result").get("value");
        return value;
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        socket.sendText(Json.writeString(Map.of("id", id, "method", method, "params", params)), true).join();
        JsonNode message = answer.get(30, TimeUnit.SECONDS);
        if (message.has("error")) {
            throw new IllegalStateException(method + ": " + message.get("error"));
        }
        return message;
    }

    @Override
    public void close() {
        socket.abort();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
