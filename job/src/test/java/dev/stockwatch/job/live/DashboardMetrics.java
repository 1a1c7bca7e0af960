package dev.stockwatch.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names that {@code deploy/k8s/grafana-dashboard.json} queries, checked against what
 * the running cluster's Prometheus reporters export: a renamed metric or a wrong guess at
 * Flink's naming fails here rather than as an empty panel in production.
 */
final class DashboardMetrics {
    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_]+");
    /**
     * Registered with the first dead letter, and the live day has none; the same labelled-counter
     * code as the notifications and suppressions, whose names are checked.
     */
    private static final Set<String> ONLY_AFTER_A_DEAD_LETTER =
            Set.of("flink_taskmanager_job_task_operator_stockwatch_deadLetters_source_reason_count");

    private DashboardMetrics() {}

    static void assertExported(Path dashboard, int[] ports, Duration timeout) throws Exception {
        Set<String> wanted = queried(dashboard);
        wanted.removeAll(ONLY_AFTER_A_DEAD_LETTER);
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> exported = new TreeSet<>();
        while (true) {
            exported.clear();
            for (int port : ports) {
                exported.addAll(scrape(port));
            }
            if (exported.containsAll(wanted) || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(1000);
        }
        Set<String> missing = new TreeSet<>(wanted);
        missing.removeAll(exported);
        assertThat(missing).as("dashboard metrics the cluster does not export (it exports %d names, stockwatch ones: %s)",
                exported.size(), exported.stream().filter(n -> n.contains("stockwatch")).toList()).isEmpty();
        System.out.printf("dashboard: all %d metric names it queries are exported%n", wanted.size());
    }

    static Set<String> queried(Path dashboard) throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode panel : new ObjectMapper().readTree(dashboard.toFile()).path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = METRIC.matcher(target.path("expr").asText());
                while (m.find()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    private static Set<String> scrape(int port) {
        Set<String> names = new TreeSet<>();
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            r.body().lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .map(l -> l.split("[{ ]", 2)[0]).forEach(names::add);
        } catch (IOException e) {
            // nothing listens on this port of the range
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return names;
    }
}
