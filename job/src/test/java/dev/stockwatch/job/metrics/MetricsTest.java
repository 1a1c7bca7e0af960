package dev.stockwatch.job.metrics;

import static dev.stockwatch.job.metrics.CollectedMetrics.count;
import static dev.stockwatch.job.metrics.CollectedMetrics.gauge;
import static dev.stockwatch.job.metrics.CollectedMetrics.metrics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.io.Replay;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's metrics as a metrics reporter (Prometheus, the web UI) sees them: counters of
 * notifications per kind and channel, of suppressions per reason and of dead letters per reason,
 * conversions and their revenue per kind;
 * gauges of waiting subscriptions and open cart ladders; the decision latency histogram.
 */
class MetricsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(CollectedMetrics.reporterConfig())
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    @BeforeEach
    void forgetEarlierJobs() {
        CollectedMetrics.clear();
    }

    @Test
    void theSampleDayCountsNotificationsSuppressionsAndDeadLettersByLabel() throws Exception {
        replay(Path.of("..", "sample-data", "day-in-the-shop"));

        assertThat(count("notifications.kind.back_in_stock.channel.email")).isEqualTo(2);
        assertThat(count("notifications.kind.back_in_stock.channel.push")).isEqualTo(1);
        assertThat(count("notifications.kind.back_in_stock.channel.sms")).isEqualTo(1);
        assertThat(count("notifications.kind.sold_out_again.channel.email")).isEqualTo(1);
        assertThat(count("notifications.kind.sold_out_again.channel.viber")).as("Mia's email bounced").isEqualTo(1);
        assertThat(count("notifications.kind.sold_out_again.channel.sms")).isEqualTo(1);
        assertThat(count("notifications.kind.abandoned_cart.channel.email")).isEqualTo(5);
        assertThat(count("suppressed.kind.back_in_stock.reason.expired")).isEqualTo(1);
        assertThat(count("suppressed.kind.back_in_stock.reason.unknown_customer")).isEqualTo(1);
        assertThat(count("suppressed.kind.back_in_stock.reason.no_reachable_channel")).isEqualTo(1);
        assertThat(count("suppressed.kind.sold_out_again.reason.not_notified")).isEqualTo(2);
        assertThat(count("suppressed.kind.abandoned_cart.reason.segment_excluded")).isEqualTo(1);
        assertThat(count("deadLetters.")).isEqualTo(4);
        assertThat(count("deadLetters.source.stock.")).as("a negative quantity, a line that is not JSON").isEqualTo(2);

        List<Histogram> latency = metrics(".stockwatch.decisionLatencyMs", Histogram.class);
        assertThat(latency).isNotEmpty();
        assertThat(latency.stream().mapToLong(Histogram::getCount).sum()).as("decisions of the delivery policy timed (the expiry is the waiting list's)").isEqualTo(17);
        assertThat(count("lateInputs")).as("a replay has no late input").isZero();

        // one conversion per kind: Chloe's mixer, Mia's kettle, Nora's French press
        assertThat(count("conversions.kind.back_in_stock.")).isEqualTo(1);
        assertThat(count("conversions.kind.sold_out_again.")).isEqualTo(1);
        assertThat(count("conversions.kind.abandoned_cart.")).isEqualTo(1);
        assertThat(gauge("conversionRevenue.kind.back_in_stock.sum")).isEqualTo(2499);
        assertThat(gauge("conversionRevenue.kind.sold_out_again.sum")).isEqualTo(189);
        assertThat(gauge("conversionRevenue.kind.abandoned_cart.sum")).isEqualTo(129);
    }

    @Test
    void gaugesShowWaitingSubscriptionsAndOpenCartLadders(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("interest.jsonl"), String.join("\n",
                "{\"type\":\"subscribe\",\"customerId\":\"c-1\",\"sku\":\"S-1\",\"at\":\"2026-11-20T10:00:00Z\"}",
                "{\"type\":\"subscribe\",\"customerId\":\"c-2\",\"sku\":\"S-1\",\"at\":\"2026-11-20T10:01:00Z\"}",
                "{\"type\":\"subscribe\",\"customerId\":\"c-2\",\"sku\":\"S-2\",\"at\":\"2026-11-20T10:02:00Z\"}",
                "{\"type\":\"subscribe\",\"customerId\":\"c-3\",\"sku\":\"S-2\",\"at\":\"2026-11-20T10:03:00Z\"}",
                "{\"type\":\"unsubscribe\",\"customerId\":\"c-3\",\"sku\":\"S-2\",\"at\":\"2026-11-20T10:04:00Z\"}"),
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("cart.jsonl"), String.join("\n",
                "{\"type\":\"add\",\"customerId\":\"c-1\",\"sku\":\"S-9\",\"quantity\":1,\"unitPrice\":5,\"at\":\"2026-11-20T10:00:00Z\"}",
                "{\"type\":\"add\",\"customerId\":\"c-2\",\"sku\":\"S-9\",\"quantity\":1,\"unitPrice\":5,\"at\":\"2026-11-20T10:00:00Z\"}",
                "{\"type\":\"add\",\"customerId\":\"c-3\",\"sku\":\"S-9\",\"quantity\":1,\"unitPrice\":5,\"at\":\"2026-11-20T10:00:00Z\"}",
                "{\"type\":\"clear\",\"customerId\":\"c-3\",\"at\":\"2026-11-20T10:04:00Z\"}"),
                StandardCharsets.UTF_8);
        replay(dir);

        assertThat(gauge(".stockwatch.waitingSubscriptions")).isEqualTo(3);
        assertThat(gauge(".stockwatch.openCartLadders")).isEqualTo(2);
    }

    private static void replay(Path input) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        Replay.run(env, input, StockwatchConfig.defaults(), null, null);
    }
}
