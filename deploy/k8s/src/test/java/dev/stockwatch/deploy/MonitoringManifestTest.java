package dev.stockwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/k8s/podmonitor.yaml} scrapes the pods of the FlinkDeployment where their reporter
 * listens, and {@code deploy/k8s/grafana-dashboard.json} plots the job's own metrics. That the
 * dashboard's metric names are the ones a running job exports is checked on the real cluster
 * ({@code LiveClusterIT}, which scrapes the JobManager and TaskManager).
 */
class MonitoringManifestTest {
    private static final Pattern METRIC = Pattern.compile("\\bflink_[A-Za-z0-9_]+");

    @Test
    void thePodMonitorSelectsTheJobsPodsOnTheirMetricsPort() throws IOException {
        JsonNode monitor = FlinkDeploymentManifestTest.YAML.readTree(FlinkDeploymentManifestTest.K8S.resolve("podmonitor.yaml").toFile());
        assertThat(monitor.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(monitor.path("kind").asText()).isEqualTo("PodMonitor");

        var deployment = FlinkDeploymentManifestTest.read(FlinkDeploymentManifestTest.manifest());
        // the operator labels the pods it creates with app: <deployment name>, and copies the podTemplate's labels
        Map<String, String> podLabels = new java.util.HashMap<>(Map.of("app", deployment.getMetadata().getName()));
        var template = deployment.getSpec().getPodTemplate();
        if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
            podLabels.putAll(template.getMetadata().getLabels());
        }
        monitor.at("/spec/selector/matchLabels").fields()
                .forEachRemaining(e -> assertThat(podLabels).containsEntry(e.getKey(), e.getValue().asText()));
        assertThat(monitor.at("/spec/selector/matchLabels").size()).isPositive();

        String reporterPort = deployment.getSpec().getFlinkConfiguration().get("metrics.reporter.prom.port");
        var ports = template.getSpec().getContainers().get(0).getPorts();
        JsonNode endpoints = monitor.at("/spec/podMetricsEndpoints");
        assertThat(endpoints.size()).isPositive();
        for (JsonNode endpoint : endpoints) {
            String name = endpoint.path("port").asText();
            assertThat(ports).as("container port " + name)
                    .anyMatch(p -> p.getName().equals(name) && String.valueOf(p.getContainerPort()).equals(reporterPort));
        }
    }

    @Test
    void everyDashboardPanelQueriesAMetricOfTheJob() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(FlinkDeploymentManifestTest.K8S.resolve("grafana-dashboard.json").toFile());
        assertThat(dashboard.path("panels").size()).isGreaterThanOrEqualTo(6);
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asText());
            assertThat(panel.path("targets").size()).as(panel.path("title").asText()).isPositive();
            for (JsonNode target : panel.path("targets")) {
                assertThat(metrics(target.path("expr").asText())).as(panel.path("title").asText()).isNotEmpty();
            }
        }
        // what the platform team asked to see
        assertThat(String.join(" | ", titles)).contains("lag", "Notifications", "Suppressions", "Dead letters",
                "Waiting subscriptions", "open cart ladders");
    }

    static List<String> metrics(String expr) {
        List<String> names = new ArrayList<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }
}
