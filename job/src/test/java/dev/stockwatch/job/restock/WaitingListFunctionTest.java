package dev.stockwatch.job.restock;

import static dev.stockwatch.job.TestEvents.purchase;
import static dev.stockwatch.job.TestEvents.stock;
import static dev.stockwatch.job.TestEvents.subscribe;
import static dev.stockwatch.job.TestEvents.t;
import static dev.stockwatch.job.TestEvents.unsubscribe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.SequencedHarnesses;
import dev.stockwatch.job.model.SignalType;
import dev.stockwatch.job.model.SkuInput;
import dev.stockwatch.job.model.SkuSignal;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WaitingListFunctionTest {
    private KeyedOneInputStreamOperatorTestHarness<String, SkuInput, SkuSignal> harness;

    private void open(Map<String, String> overrides) throws Exception {
        StockwatchConfig config = StockwatchConfig.load(null, overrides);
        harness = SequencedHarnesses.keyed(
                new WaitingListFunction(config, StockwatchPipeline.NO_END), SkuInput::sku);
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void send(SkuInput... inputs) throws Exception {
        for (SkuInput input : inputs) {
            harness.processElement(input, input.key().at());
        }
    }

    private void watermark(String time) throws Exception {
        harness.processWatermark(t(time));
    }

    private List<String> signals(SignalType type) {
        return harness.extractOutputValues().stream()
                .filter(s -> s.type() == type)
                .map(s -> s.customerId() + "@" + java.time.Instant.ofEpochMilli(s.at()).toString().substring(11, 19))
                .toList();
    }

    @Test
    void restockReleasesEveryoneInListOrderAndLeavesNoWaitingState() throws Exception {
        open(Map.of());
        send(subscribe("c-b", "mixer", "08:05"), subscribe("c-a", "mixer", "08:00"), subscribe("c-c", "mixer", "08:05"),
                stock("mixer", 2, "10:00"));
        assertThat(((WaitingListFunction) ((org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator<?, ?>) harness.getOperator())
                .getUserFunction()).bufferedInputs())
                .as("inputs wait for the watermark").isEqualTo(4);
        assertThat(harness.extractOutputValues()).isEmpty();
        watermark("10:00");

        assertThat(signals(SignalType.RELEASED)).containsExactly("c-a@10:00:00", "c-b@10:00:00", "c-c@10:00:00");
        assertThat(harness.extractOutputValues()).allMatch(s -> s.episodeStart() == t("10:00"));
        assertThat(harness.numEventTimeTimers()).as("expiry timers of released subscriptions are gone; one forgets the releases")
                .isEqualTo(1);

        watermark("2026-11-27T10:00:00Z");
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).as("soldout.window after the release only stock and episode are left")
                .isEqualTo(2);
        send(stock("mixer", 0, "2026-11-27T11:00:00Z"));
        watermark("2026-11-27T11:00:00Z");
        assertThat(signals(SignalType.SOLD_OUT)).as("a sell-out after soldout.window tells nobody").isEmpty();
        assertThat(harness.numKeyedStateEntries()).isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void repeatedSubscribeKeepsItsPlaceAndUnsubscribeLeavesNothing() throws Exception {
        open(Map.of("restock.subscribers-per-unit", "1"));
        send(subscribe("c-a", "mixer", "08:00"), subscribe("c-b", "mixer", "08:05"), subscribe("c-a", "mixer", "08:10"),
                stock("mixer", 1, "10:00"));
        watermark("10:00");
        assertThat(signals(SignalType.RELEASED)).containsExactly("c-a@10:00:00");

        send(unsubscribe("c-b", "mixer", "10:10"), stock("mixer", 0, "10:20"));
        watermark("2026-11-27T10:00:00Z");
        assertThat(signals(SignalType.RELEASED)).containsExactly("c-a@10:00:00");
        assertThat(harness.numEventTimeTimers()).as("no wave, no expiry left").isZero();
        assertThat(harness.numKeyedStateEntries()).as("nobody waits, nothing in stock, no episode").isZero();
    }

    @Test
    void subscribeWhileInStockAndNobodyWaitsIsReleasedAtOnce() throws Exception {
        open(Map.of());
        send(stock("mixer", 5, "09:00"), subscribe("c-a", "mixer", "09:30"));
        watermark("09:30");
        assertThat(signals(SignalType.RELEASED)).containsExactly("c-a@09:30:00");
        assertThat(harness.extractOutputValues().get(0).episodeStart()).isEqualTo(t("09:00"));
        assertThat(harness.numEventTimeTimers()).as("only the one that forgets the release").isEqualTo(1);
    }

    @Test
    void wavesReleaseCeilQtyTimesKEveryIntervalSizedByTheQuantityAtThatMoment() throws Exception {
        open(Map.of("restock.subscribers-per-unit", "1", "restock.wave-interval", "30 min"));
        for (int i = 0; i < 6; i++) {
            send(subscribe("c-" + i, "mixer", "08:0" + i));
        }
        // 2 units at 10:00, sale down to 1 at 10:10, the wave at 10:30 releases 1, at 11:00 another 1
        send(stock("mixer", 2, "10:00"), stock("mixer", 1, "10:10"));
        // the stock event stamped 11:15 arrives before the watermark passes 10:30: the 10:30 wave must not see it
        send(stock("mixer", 3, "11:15"));
        watermark("11:10");
        assertThat(signals(SignalType.RELEASED)).containsExactly(
                "c-0@10:00:00", "c-1@10:00:00", "c-2@10:30:00", "c-3@11:00:00");
        watermark("11:30");
        assertThat(signals(SignalType.RELEASED)).hasSize(6).endsWith("c-4@11:30:00", "c-5@11:30:00");
        assertThat(harness.numEventTimeTimers()).as("nobody left waiting: no further wave, only one forgetting per wave")
                .isEqualTo(4);
    }

    @Test
    void sellOutBetweenWavesEndsTheEpisodeAndTheRestKeepTheirPlaceForTheNextRestock() throws Exception {
        open(Map.of("restock.subscribers-per-unit", "1"));
        send(subscribe("c-1", "mixer", "08:01"), subscribe("c-2", "mixer", "08:02"), subscribe("c-3", "mixer", "08:03"),
                stock("mixer", 1, "10:00"), stock("mixer", 0, "10:20"), subscribe("c-0", "mixer", "10:25"));
        watermark("12:00");
        assertThat(signals(SignalType.RELEASED)).containsExactly("c-1@10:00:00");
        assertThat(signals(SignalType.SOLD_OUT)).containsExactly("c-1@10:20:00");
        assertThat(harness.numEventTimeTimers()).as("the expiry timers of the 3 waiting, one forgetting the release")
                .isEqualTo(4);

        send(stock("mixer", 2, "13:00"));
        watermark("13:00");
        assertThat(signals(SignalType.RELEASED)).containsExactly("c-1@10:00:00", "c-2@13:00:00", "c-3@13:00:00");
        assertThat(harness.extractOutputValues().get(harness.extractOutputValues().size() - 1).episodeStart())
                .isEqualTo(t("13:00"));
    }

    @Test
    void aWaveTimerThatFindsTheSkuSoldOutReleasesNobody() throws Exception {
        open(Map.of("restock.subscribers-per-unit", "1"));
        send(subscribe("c-1", "mixer", "08:01"), subscribe("c-2", "mixer", "08:02"),
                stock("mixer", 1, "10:00"), stock("mixer", 0, "10:30"));
        watermark("12:00");
        assertThat(signals(SignalType.RELEASED)).containsExactly("c-1@10:00:00");
    }

    @Test
    void subscriptionExpiresAfterTheTtlAndLeavesNoTimerOrState() throws Exception {
        open(Map.of("interest.ttl", "2 h"));
        send(subscribe("c-a", "mixer", "08:00"));
        watermark("09:59");
        assertThat(signals(SignalType.EXPIRED)).isEmpty();
        watermark("10:00");
        assertThat(signals(SignalType.EXPIRED)).containsExactly("c-a@10:00:00");
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void aWaitingCustomerWhoOrdersLeavesTheListAndAReleasedOneEndsTheWatch() throws Exception {
        open(Map.of("restock.subscribers-per-unit", "1"));
        send(subscribe("c-1", "mixer", "08:01"), subscribe("c-2", "mixer", "08:02"), purchase("c-2", "mixer", "09:00"),
                stock("mixer", 1, "10:00"), purchase("c-1", "mixer", "10:05"), stock("mixer", 0, "10:10"));
        watermark("2026-11-27T10:00:00Z");
        assertThat(signals(SignalType.RELEASED)).containsExactly("c-1@10:00:00");
        assertThat(signals(SignalType.PURCHASED)).containsExactly("c-1@10:05:00");
        assertThat(signals(SignalType.SOLD_OUT)).as("the buyer is not told it sold out").isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void onlySellableLocationsCountAndUnchangedQuantitiesCreateNoState() throws Exception {
        open(Map.of("restock.min-quantity", "2"));
        send(stock("mixer", "warehouse", 50, "09:00"), stock("mixer", 0, "09:10"), subscribe("c-a", "mixer", "09:20"),
                stock("mixer", 1, "09:30"));
        watermark("09:30");
        assertThat(signals(SignalType.RELEASED)).as("1 < min-quantity 2").isEmpty();
        send(stock("mixer", 2, "09:40"));
        watermark("09:40");
        assertThat(signals(SignalType.RELEASED)).containsExactly("c-a@09:40:00");

        send(stock("mixer", 0, "10:00"));
        watermark("2026-11-27T10:00:00Z");
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).as("the warehouse never counted; nothing left").isZero();
    }

    @Test
    void autoResubscribePutsTheCustomerBackAtTheOriginalPlace() throws Exception {
        open(Map.of("restock.subscribers-per-unit", "1", "soldout.auto-resubscribe", "true"));
        send(subscribe("c-1", "mixer", "08:01"), subscribe("c-2", "mixer", "08:02"),
                stock("mixer", 1, "10:00"), stock("mixer", 0, "10:10"), stock("mixer", 1, "11:00"));
        watermark("11:00");
        assertThat(signals(SignalType.RELEASED)).containsExactly("c-1@10:00:00", "c-1@11:00:00");
    }
}
