package dev.stockwatch.job.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockwatch.job.conversion.AttributionFunction;
import dev.stockwatch.job.io.Replay;
import dev.stockwatch.job.io.ReplayOutput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.sample.RealDataConverter;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays the converted REES46 October sample and compares the number of step-1 abandoned carts
 * with a count made here from the raw CSV rows.
 *
 * <p>Tie rule (SPEC §9): rows with the same timestamp apply purchases (orders) before cart adds,
 * then in file order; a row at exactly the instant a step falls due is applied before the step.
 */
class RealDataTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path OCTOBER = Path.of("..", "..", "shared", "realdata", "rees46", "2019-Oct-head.csv");
    private static final DateTimeFormatter REES46_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'");

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @ParameterizedTest(name = "first step after {0} min")
    @ValueSource(ints = {60, 10})
    void stepOneAbandonedCartsMatchACountFromTheRawRows(int firstStepMinutes, @TempDir Path dir) throws Exception {
        assumeTrue(Files.isRegularFile(OCTOBER), "the shared real-data samples are beside the repository");
        RealDataConverter.rees46(OCTOBER, dir);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        StockwatchConfig config = StockwatchConfig.load(null, Map.of(
                "cart.steps", "[" + firstStepMinutes + " min, 24 h, 72 h]", "cap.max", "1000"));
        Replay.Result result = Replay.run(env, dir, config, null, null);

        long expected = stepOneCountFromCsv(OCTOBER, firstStepMinutes * 60_000L);
        assertThat(stepOneDecisions(result.output())).isEqualTo(expected);
        assertThat(expected).as("the sample has abandoned carts to count").isPositive();
    }

    private static long stepOneDecisions(ReplayOutput output) throws Exception {
        long n = 0;
        for (String topic : ReplayOutput.TOPICS) {
            if (topic.equals(AttributionFunction.TOPIC)) {
                continue; // a conversion of a step-1 reminder is not a decision
            }
            for (OutputRecord r : output.records(topic)) {
                JsonNode node = JSON.readTree(r.json());
                if ("abandoned_cart".equals(node.path("kind").asText()) && node.path("step").asInt() == 1) {
                    n++;
                }
            }
        }
        return n;
    }

    /** One cart or purchase row: time, 0 for a purchase (applied first at a tie), file line, user, product. */
    private record Row(long at, int rank, long line, String user, String product) {}

    /**
     * Step 1 is due at a + step after a cart add at a, if the user's cart is not empty then, no
     * other cart add or purchase of the user happened in (a, a + step], and a + step is not after
     * the last event of the file.
     */
    static long stepOneCountFromCsv(Path csv, long stepMillis) throws Exception {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).strip().split(",", -1);
            if (f.length != 9 || f[8].isEmpty() || !(f[1].equals("cart") || f[1].equals("purchase"))) {
                continue;
            }
            long at = LocalDateTime.parse(f[0], REES46_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
            rows.add(new Row(at, f[1].equals("purchase") ? 0 : 1, i, f[7], f[2]));
        }
        long end = rows.stream().mapToLong(Row::at).max().orElse(Long.MIN_VALUE);
        Map<String, List<Row>> byUser = new TreeMap<>();
        for (Row r : rows) {
            byUser.computeIfAbsent(r.user(), u -> new ArrayList<>()).add(r);
        }
        long count = 0;
        for (List<Row> events : byUser.values()) {
            events.sort(Comparator.comparingLong(Row::at).thenComparingInt(Row::rank).thenComparingLong(Row::line));
            Set<String> cart = new HashSet<>();
            for (int k = 0; k < events.size(); k++) {
                Row e = events.get(k);
                if (e.rank() == 0) {
                    cart.remove(e.product());
                    continue;
                }
                cart.add(e.product());
                long due = e.at() + stepMillis;
                boolean quietUntilDue = k + 1 == events.size() || events.get(k + 1).at() > due;
                if (!cart.isEmpty() && due <= end && quietUntilDue) {
                    count++;
                }
            }
        }
        return count;
    }
}
