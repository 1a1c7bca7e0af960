package dev.stockwatch.job.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockwatch.job.io.Replay;
import dev.stockwatch.job.io.ReplayOutput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every directory under {@code src/test/resources/scenarios} with its {@code config.yaml}
 * and compares the decisions with its {@code expected.txt}: one line per notification or
 * suppression, {@code topic kind customer [skus] eventTime [step=N] [incentive=X] [reason]}.
 */
class ScenarioFilesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCENARIOS = Path.of("src", "test", "resources", "scenarios");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    static Stream<String> scenarios() throws Exception {
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void replayGivesExactlyTheExpectedDecisions(String name) throws Exception {
        Path dir = SCENARIOS.resolve(name);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Replay.Result result = Replay.run(env, dir, StockwatchConfig.load(dir.resolve("config.yaml"), Map.of()), null, null);
        List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertThat(decisions(result.output())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.output().lines(OutputRecord.DLQ)).isEmpty();
    }

    static List<String> decisions(ReplayOutput output) throws Exception {
        List<String> out = new ArrayList<>();
        for (String topic : ReplayOutput.TOPICS) {
            if (topic.equals(OutputRecord.DLQ)) {
                continue;
            }
            for (OutputRecord r : output.records(topic)) {
                out.add(describe(topic, JSON.readTree(r.json())));
            }
        }
        return out;
    }

    static String describe(String topic, JsonNode n) {
        List<String> skus = new ArrayList<>();
        n.path(n.has("items") ? "items" : "skus").forEach(i -> skus.add(i.isTextual() ? i.asText() : i.path("sku").asText()));
        StringBuilder sb = new StringBuilder(topic).append(' ').append(n.path("kind").asText()).append(' ')
                .append(n.path("customerId").asText()).append(' ').append(skus).append(' ').append(n.path("eventTime").asText());
        if (n.path("kind").asText().equals("abandoned_cart")) {
            sb.append(" step=").append(n.path("step").asInt());
        }
        if (n.has("incentive")) {
            JsonNode i = n.path("incentive");
            sb.append(" incentive=").append(i.path("freeShipping").asBoolean() ? "free-shipping+" : "")
                    .append(i.path("percentOff").asInt()).append('%');
        }
        if (n.has("reason")) {
            sb.append(' ').append(n.path("reason").asText());
        }
        return sb.toString();
    }
}
