package dev.stockwatch.job.cart;

import static dev.stockwatch.job.TestEvents.key;
import static dev.stockwatch.job.TestEvents.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.SequencedHarnesses;
import dev.stockwatch.job.model.CartInput;
import dev.stockwatch.job.model.CartStepCandidate;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.CartAction;
import dev.stockwatch.udfs.event.CartEvent;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderItem;
import dev.stockwatch.udfs.event.Topic;
import java.time.Instant;
import java.util.List;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cart ladder on its real operator: steps from its own event-time timer, state and timers cleaned up. */
class CartLadderTest {
    private static final StockwatchConfig CONFIG = StockwatchConfig.defaults();
    private KeyedOneInputStreamOperatorTestHarness<String, CartInput, CustomerInput> ladder;

    private void open() throws Exception {
        ladder = SequencedHarnesses.keyed(
                new CartLadderFunction(CONFIG, StockwatchPipeline.NO_END), CartInput::customerId);
    }

    @AfterEach
    void close() throws Exception {
        if (ladder != null) {
            ladder.close();
        }
    }

    private static CartInput add(String sku, int qty, String time) {
        long at = t(time);
        return CartInput.cart(key(Topic.CART, at), new CartEvent(CartAction.ADD, "c-1", null, sku, qty, 100.0, "PLN", at));
    }

    private static CartInput remove(String sku, int qty, String time) {
        long at = t(time);
        return CartInput.cart(key(Topic.CART, at), new CartEvent(CartAction.REMOVE, "c-1", null, sku, qty, null, null, at));
    }

    /** A cart event without a sku: {@code clear} or {@code checkout}. */
    private static CartInput whole(CartAction action, String time) {
        long at = t(time);
        return CartInput.cart(key(Topic.CART, at), new CartEvent(action, "c-1", null, null, 0, null, null, at));
    }

    private static CartInput order(String sku, String channel, String time) {
        long at = t(time);
        return CartInput.order(key(Topic.ORDERS, at),
                new OrderEvent("o-" + time, "c-1", channel, null, List.of(new OrderItem(sku, 1, 100.0)), at));
    }

    private void send(CartInput... inputs) throws Exception {
        for (CartInput input : inputs) {
            ladder.processElement(input, input.key().at());
        }
    }

    private void watermark(String time) throws Exception {
        ladder.processWatermark(t(time));
    }

    private List<CartStepCandidate> candidates() {
        return ladder.extractOutputValues().stream().map(CustomerInput::cartStep).filter(c -> c != null).toList();
    }

    private List<String> steps() {
        return candidates().stream()
                .map(c -> c.step() + "@" + Instant.ofEpochMilli(c.key().at()) + " " + c.lines().size() + " lines")
                .toList();
    }

    /** What the delivery policy hears from the ladder, in order: steps and passed-on cart events. */
    private List<String> told() {
        return ladder.extractOutputValues().stream()
                .map(i -> i.cartStep() != null
                        ? "step " + i.cartStep().step()
                        : "cart " + i.cart().action().name().toLowerCase() + "@" + Instant.ofEpochMilli(i.key().at()))
                .toList();
    }

    @Test
    void theLadderStepsFallDueAfterTheLastActivityAndEndLeavingNoTimer() throws Exception {
        open();
        send(add("mug", 2, "10:00"), add("tea", 1, "10:30"));
        watermark("11:29");
        assertThat(steps()).isEmpty();
        watermark("11:30");
        assertThat(steps()).containsExactly("1@2026-11-20T11:30:00Z 2 lines");
        watermark("2026-11-24T00:00:00Z");
        assertThat(steps()).containsExactly("1@2026-11-20T11:30:00Z 2 lines", "2@2026-11-21T10:30:00Z 2 lines",
                "3@2026-11-23T10:30:00Z 2 lines");
        assertThat(ladder.numEventTimeTimers()).isZero();
        // one entry per key: the cart (its lines and currency) and the step mark
        assertThat(ladder.numKeyedStateEntries()).as("only the cart itself is kept").isEqualTo(1);
    }

    @Test
    void activityRestartsTheLadderForTheNewContents() throws Exception {
        open();
        send(add("mug", 2, "10:00"));
        watermark("11:00");
        send(add("tea", 1, "12:00"));
        watermark("2026-11-21T12:00:00Z");
        assertThat(steps()).containsExactly("1@2026-11-20T11:00:00Z 1 lines", "1@2026-11-20T13:00:00Z 2 lines",
                "2@2026-11-21T12:00:00Z 2 lines");
        assertThat(candidates().get(0).cartHash()).isNotEqualTo(candidates().get(1).cartHash());
    }

    @Test
    void removingDownToEmptyEndsTheLadderAndForgetsTheCart() throws Exception {
        open();
        send(add("mug", 2, "10:00"), remove("mug", 1, "10:10"), remove("mug", 1, "10:20"));
        watermark("2026-11-25T00:00:00Z");
        assertThat(steps()).isEmpty();
        assertThat(ladder.numEventTimeTimers()).isZero();
        assertThat(ladder.numKeyedStateEntries()).isZero();
    }

    @Test
    void checkoutRestartsTheLadderWithTheSameLinesAndClearEndsItAndForgetsTheCart() throws Exception {
        open();
        send(add("mug", 2, "10:00"), add("tea", 1, "10:10"), whole(CartAction.CHECKOUT, "10:30"));
        watermark("11:30");
        assertThat(steps()).containsExactly("1@2026-11-20T11:30:00Z 2 lines");
        send(whole(CartAction.CLEAR, "12:00"));
        watermark("2026-11-25T00:00:00Z");
        assertThat(steps()).containsExactly("1@2026-11-20T11:30:00Z 2 lines");
        assertThat(ladder.numEventTimeTimers()).isZero();
        assertThat(ladder.numKeyedStateEntries()).isZero();
    }

    @Test
    void anOnlineOrPosOrderEndsTheLadderAtOnce() throws Exception {
        open();
        send(add("mug", 1, "10:00"), order("mug", "pos", "10:59"));
        watermark("2026-11-25T00:00:00Z");
        assertThat(steps()).isEmpty();
        assertThat(ladder.numKeyedStateEntries()).as("the ordered sku left the cart").isZero();
        assertThat(ladder.numEventTimeTimers()).isZero();
    }

    @Test
    void anOrderDuringStep2CancelsStep3AndKeepsTheRestOfTheCart() throws Exception {
        open();
        send(add("mug", 1, "10:00"), add("tea", 1, "10:00"));
        watermark("2026-11-21T10:00:00Z");
        assertThat(steps()).hasSize(2);
        send(order("mug", "online", "2026-11-21T12:00:00Z"));
        watermark("2026-11-25T00:00:00Z");
        assertThat(steps()).hasSize(2);
        assertThat(ladder.numEventTimeTimers()).isZero();
    }

    @Test
    void anOrderAtTheExactStepInstantComesFirst() throws Exception {
        open();
        send(add("mug", 1, "10:00"), order("mug", "online", "11:00"));
        watermark("2026-11-25T00:00:00Z");
        assertThat(steps()).isEmpty();
    }

    @Test
    void onlyTheFirstCartEventAfterAStepIsPassedOnToTheDeliveryPolicy() throws Exception {
        open();
        send(add("mug", 1, "10:00"), add("tea", 1, "10:10"));
        watermark("11:10");
        send(add("jam", 1, "11:20"), remove("jam", 1, "11:30"));
        watermark("12:30");
        send(remove("tea", 1, "13:00"));
        watermark("2026-11-25T00:00:00Z");
        assertThat(told()).containsExactly("step 1", "cart add@2026-11-20T11:20:00Z", "step 1",
                "cart remove@2026-11-20T13:00:00Z", "step 1", "step 2", "step 3");
    }

    @Test
    void anOrderEndsThePassingOnAndAnEmptiedCartLeavesNoState() throws Exception {
        open();
        send(add("mug", 1, "10:00"));
        watermark("11:00");
        send(order("mug", "online", "11:30"), add("tea", 1, "12:00"), remove("tea", 1, "12:10"));
        watermark("2026-11-25T00:00:00Z");
        assertThat(told()).as("the order reaches the delivery policy itself; no step since")
                .containsExactly("step 1");
        assertThat(ladder.numKeyedStateEntries()).isZero();
        assertThat(ladder.numEventTimeTimers()).isZero();
    }

    @Test
    void aCartEmptiedAfterAStepIsPassedOnAndThenForgotten() throws Exception {
        open();
        send(add("mug", 1, "10:00"));
        watermark("11:00");
        send(remove("mug", 1, "11:05"));
        watermark("2026-11-25T00:00:00Z");
        assertThat(told()).containsExactly("step 1", "cart remove@2026-11-20T11:05:00Z");
        assertThat(ladder.numKeyedStateEntries()).isZero();
        assertThat(ladder.numEventTimeTimers()).isZero();
    }

    @Test
    void aBurstOfActivityKeepsOneStepTimerThatMovesOnWhenItFires() throws Exception {
        open();
        send(add("mug", 1, "10:00"));
        watermark("10:00");
        assertThat(ladder.numEventTimeTimers()).as("step 1 at 11:00").isEqualTo(1);
        send(add("tea", 1, "10:10"), add("jam", 1, "10:20"), remove("jam", 1, "10:40"));
        watermark("10:40");
        assertThat(ladder.numEventTimeTimers()).as("still the one at 11:00, not one per event").isEqualTo(1);
        watermark("11:00");
        assertThat(steps()).isEmpty();
        assertThat(ladder.numEventTimeTimers()).as("moved to 11:40").isEqualTo(1);
        watermark("11:39");
        assertThat(steps()).isEmpty();
        watermark("11:40");
        assertThat(steps()).containsExactly("1@2026-11-20T11:40:00Z 2 lines");
        send(add("jam", 1, "12:00"));
        watermark("12:00");
        assertThat(ladder.numEventTimeTimers()).as("step 2 (next day 10:40) comes after the new step 1 (13:00): a timer of its own")
                .isEqualTo(2);
        watermark("2026-11-24T00:00:00Z");
        assertThat(steps()).containsExactly("1@2026-11-20T11:40:00Z 2 lines", "1@2026-11-20T13:00:00Z 3 lines",
                "2@2026-11-21T12:00:00Z 3 lines", "3@2026-11-23T12:00:00Z 3 lines");
        assertThat(ladder.numEventTimeTimers()).isZero();
    }

    @Test
    void aWatermarkPastSeveralStepsEmitsEachWithItsOwnEventTime() throws Exception {
        open();
        send(add("mug", 1, "10:00"));
        watermark("2026-11-25T00:00:00Z");
        assertThat(steps()).containsExactly("1@2026-11-20T11:00:00Z 1 lines", "2@2026-11-21T10:00:00Z 1 lines",
                "3@2026-11-23T10:00:00Z 1 lines");
        assertThat(ladder.numEventTimeTimers()).isZero();
        assertThat(ladder.numKeyedStateEntries()).isEqualTo(1);
    }

    private static final String[] SKUS = {"mug", "tea", "jam"};

    /**
     * A random cart stream of a few customers over five days, on a half-hour grid so that activity
     * and orders often fall on the very instant a step is due.
     */
    private static List<CartInput> randomStream(long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<CartInput> inputs = new java.util.ArrayList<>();
        long start = t("00:00");
        for (int i = 0; i < 40; i++) {
            String customer = "c-" + random.nextInt(4);
            long at = start + random.nextInt(5 * 48) * 30 * 60_000L;
            String sku = SKUS[random.nextInt(SKUS.length)];
            int r = random.nextInt(100);
            if (r < 8) {
                inputs.add(CartInput.order(key(Topic.ORDERS, at), new OrderEvent("o-" + i, customer, "online", null,
                        List.of(new OrderItem(sku, 1, 10.0)), at)));
            } else {
                CartAction action = r < 60 ? CartAction.ADD : r < 85 ? CartAction.REMOVE : r < 92 ? CartAction.CHECKOUT : CartAction.CLEAR;
                boolean withSku = action == CartAction.ADD || action == CartAction.REMOVE;
                inputs.add(CartInput.cart(key(Topic.CART, at), new CartEvent(action, customer, null, withSku ? sku : null,
                        withSku ? 1 : 0, action == CartAction.ADD ? 10.0 : null, action == CartAction.ADD ? "PLN" : null, at)));
            }
        }
        inputs.sort(java.util.Comparator.comparingLong(in -> in.key().at()));
        return inputs;
    }

    /** What the ladder emits, per customer in its order, and what it keeps, after {@code stream}. */
    private static List<String> run(List<CartInput> stream, long watermarkEvery, boolean rocksDb) throws Exception {
        var operator = new dev.stockwatch.job.pipeline.SequencedProcessOperator<>(
                new CartLadderFunction(CONFIG, StockwatchPipeline.NO_END));
        try (var h = new KeyedOneInputStreamOperatorTestHarness<>(operator, CartInput::customerId,
                org.apache.flink.api.common.typeinfo.Types.STRING, 1, 1, 0)) {
            if (rocksDb) {
                h.setStateBackend(new org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend());
            }
            h.open();
            long nextWatermark = stream.get(0).key().at();
            for (CartInput input : stream) {
                while (watermarkEvery > 0 && input.key().at() > nextWatermark) {
                    h.processWatermark(nextWatermark);
                    nextWatermark += watermarkEvery;
                }
                h.processElement(input, input.key().at());
            }
            h.processWatermark(Long.MAX_VALUE);
            List<String> out = new java.util.ArrayList<>();
            for (CustomerInput i : h.extractOutputValues()) {
                out.add(i.customerId() + " " + Instant.ofEpochMilli(i.key().at()) + " " + (i.cartStep() != null
                        ? "step " + i.cartStep().step() + " " + i.cartStep().lines() + " " + i.cartStep().cartHash()
                        : "cart " + i.cart().action()));
            }
            // keys fire in the order of their timers, which no rule depends on; per customer the order is kept
            out.sort(java.util.Comparator.comparing((String line) -> line.substring(0, line.indexOf(' '))));
            out.add("timers " + h.numEventTimeTimers());
            if (!rocksDb) {
                out.add("state entries " + h.numKeyedStateEntries());
            }
            return out;
        }
    }

    @Test
    void theStepsAreTheSameWhateverTheWatermarksStepsAndOnRocksDb() throws Exception {
        for (long seed = 1; seed <= 40; seed++) {
            List<CartInput> stream = randomStream(seed);
            List<String> fine = run(stream, 60_000L, false);
            assertThat(fine).as("seed " + seed).anyMatch(line -> line.contains(" step "));
            assertThat(fine).as("seed " + seed).contains("timers 0");
            assertThat(run(stream, 0, false)).as("seed %d, one watermark at the end", seed).isEqualTo(fine);
            assertThat(run(stream, 6 * 3_600_000L, false)).as("seed %d, a watermark every six hours", seed).isEqualTo(fine);
            if (seed <= 4) {
                List<String> onRocksDb = run(stream, 0, true);
                assertThat(onRocksDb).as("seed %d on RocksDB", seed).isEqualTo(fine.subList(0, fine.size() - 1));
            }
        }
    }
}
