package io.vpai.harness.report;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A directory served over HTTP on 127.0.0.1 and a free port, read-only, for as long as it is open. Allure's page
 * loads its data with requests a browser refuses from file:// URLs, so the generated report is opened from here.
 */
final class LoopbackFileServer implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of("js", "text/javascript", "css", "text/css",
            "json", "application/json", "svg", "image/svg+xml", "html", "text/html; charset=utf-8",
            "txt", "text/plain; charset=utf-8", "ico", "image/x-icon");

    private final Path root;
    private final HttpServer server;

    LoopbackFileServer(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/" + path);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.substring(1).isEmpty() ? "index.html" : path.substring(1)).normalize();
            if (!exchange.getRequestMethod().equals("GET") || !file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1),
                    URLConnection.guessContentTypeFromName(name));
            exchange.getResponseHeaders().set("Content-Type", type == null ? "application/octet-stream" : type);
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
