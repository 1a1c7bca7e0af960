package dev.stockwatch.engagement;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.statefun.sdk.java.StatefulFunctions;
import org.apache.flink.statefun.sdk.java.handler.RequestReplyHandler;
import org.apache.flink.statefun.sdk.java.slice.Slice;
import org.apache.flink.statefun.sdk.java.slice.Slices;

/**
 * Serves the engagement function to the Stateful Functions runtime: every POST is one batch of
 * invocations for the SDK's {@link RequestReplyHandler}. The runtime's module YAML points its
 * {@code io.statefun.endpoints.v2/http} endpoint here ({@code http://127.0.0.1:8000/}).
 *
 * <pre>java -jar engagement/target/stockwatch-engagement.jar [--port 8000] [--bind 127.0.0.1] ...</pre>
 */
public final class EngagementServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private EngagementServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static EngagementServer start(ServerOptions options) throws IOException {
        EngagementFn fn = new EngagementFn(options.rules(), options.feedbackTopic(), options.engagementTopic(), options.dlqTopic());
        RequestReplyHandler handler = new StatefulFunctions().withStatefulFunction(fn.spec()).requestReplyHandler();
        HttpServer server = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 64);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        server.setExecutor(executor);
        server.createContext("/", exchange -> serve(handler, exchange));
        server.start();
        return new EngagementServer(server, executor);
    }

    private static void serve(RequestReplyHandler handler, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] reply;
            try {
                Slice request = Slices.wrap(exchange.getRequestBody().readAllBytes());
                reply = handler.handle(request).join().toByteArray();
            } catch (RuntimeException e) {
                // the runtime retries the batch; the reason goes to the log
                System.err.println("engagement: invocation failed: " + e);
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(reply);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdown();
    }

    public static void main(String[] args) throws IOException {
        ServerOptions options;
        try {
            options = ServerOptions.parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("stockwatch-engagement: " + e.getMessage());
            System.exit(2);
            return;
        }
        EngagementServer server = start(options);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.printf("engagement function %s on http://%s:%d/ (engagement -> %s, dead letters -> %s, %s)%n",
                EngagementFn.TYPE, options.bind(), server.port(), options.engagementTopic(), options.dlqTopic(),
                options.rules());
    }
}
