package dev.stockwatch.job.cart;

import static dev.stockwatch.job.TestEvents.key;
import static dev.stockwatch.job.TestEvents.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.job.model.CartInput;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.pipeline.SequencedProcessOperator;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.CartAction;
import dev.stockwatch.udfs.event.CartEvent;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderItem;
import dev.stockwatch.udfs.event.Topic;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cart ladder restores the state of the version that kept the cart's lines in a map state of
 * their own ({@code cart-lines}). The snapshots in {@code savepoints/} were written by that version
 * (at {@code bced237}): {@link #BEFORE} sent, the watermark at 10:30, then {@code
 * OperatorSnapshotUtil.writeStateHandle(harness.snapshot(1, t("10:30")), ...)}, once on each
 * backend. They hold a cart of two lines with step 1 pending (c-1), a cart whose step 1 went out
 * (c-3), and an input still waiting for the watermark (c-4's second add).
 */
class EarlierCartStateTest {
    private static CartInput cart(CartAction action, String customer, String sku, int qty, String time) {
        long at = t(time);
        return CartInput.cart(key(Topic.CART, at), new CartEvent(action, customer, null, sku, qty,
                action == CartAction.ADD ? 25.0 : null, action == CartAction.ADD ? "PLN" : null, at));
    }

    private static CartInput order(String customer, String sku, String time) {
        long at = t(time);
        return CartInput.order(key(Topic.ORDERS, at),
                new OrderEvent("o-" + customer + time, customer, "online", null, List.of(new OrderItem(sku, 1, 25.0)), at));
    }

    private static final List<CartInput> BEFORE = List.of(
            cart(CartAction.ADD, "c-3", "mixer", 1, "09:00"),
            cart(CartAction.ADD, "c-1", "mug", 2, "10:00"), cart(CartAction.ADD, "c-2", "kettle", 1, "10:00"),
            cart(CartAction.ADD, "c-1", "tea", 1, "10:05"), cart(CartAction.REMOVE, "c-1", "mug", 1, "10:10"),
            order("c-2", "kettle", "10:20"), cart(CartAction.ADD, "c-4", "pan", 1, "10:25"),
            cart(CartAction.ADD, "c-4", "pan", 2, "10:40"));

    /** After the restore: c-1 adds a line, c-3 (stepped) adds one, c-4 orders what it had. */
    private static final List<CartInput> AFTER = List.of(
            cart(CartAction.ADD, "c-1", "cup", 3, "12:00"), cart(CartAction.ADD, "c-3", "bowl", 1, "12:00"),
            order("c-4", "pan", "11:00"));

    private static KeyedOneInputStreamOperatorTestHarness<String, CartInput, CustomerInput> harness(boolean rocksDb)
            throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new SequencedProcessOperator<>(
                new CartLadderFunction(StockwatchConfig.defaults(), StockwatchPipeline.NO_END)),
                CartInput::customerId, Types.STRING, 128, 1, 0);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        return harness;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, CartInput, CustomerInput> harness,
            List<CartInput> inputs) throws Exception {
        for (CartInput input : inputs) {
            harness.processElement(input, input.key().at());
        }
    }

    @ParameterizedTest(name = "on RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void theEarlierCartsGoOnAsInAnUninterruptedRun(boolean rocksDb) throws Exception {
        List<CustomerInput> uninterrupted;
        try (var harness = harness(rocksDb)) {
            harness.open();
            send(harness, BEFORE);
            harness.processWatermark(t("10:30"));
            harness.extractOutputValues().clear(); // what the earlier version emitted before its snapshot
            harness.getOutput().clear();
            send(harness, AFTER);
            harness.processWatermark(t("2026-11-25T00:00:00Z"));
            uninterrupted = harness.extractOutputValues();
        }
        assertThat(uninterrupted).filteredOn(i -> i.cartStep() != null)
                .extracting(i -> i.customerId() + " step " + i.cartStep().step() + " " + i.cartStep().lines())
                .as("the lines restored from the earlier map state, with the lines added since")
                .contains("c-1 step 1 [CartLine[sku=cup, quantity=3, unitPrice=25.0], CartLine[sku=mug, quantity=1, "
                        + "unitPrice=25.0], CartLine[sku=tea, quantity=1, unitPrice=25.0]]")
                .contains("c-3 step 1 [CartLine[sku=bowl, quantity=1, unitPrice=25.0], CartLine[sku=mixer, quantity=1, "
                        + "unitPrice=25.0]]")
                .noneMatch(step -> step.startsWith("c-4") || step.startsWith("c-2"));

        try (var restored = harness(rocksDb)) {
            restored.setup();
            restored.initializeState(OperatorSnapshotUtil.readStateHandle(
                    "src/test/resources/savepoints/cart-ladder-0.1" + (rocksDb ? "-rocksdb" : "") + ".snapshot"));
            restored.open();
            send(restored, AFTER);
            restored.processWatermark(t("2026-11-25T00:00:00Z"));
            assertThat(restored.extractOutputValues()).isEqualTo(uninterrupted);
            assertThat(restored.numEventTimeTimers()).isZero();
            try (var lines = restored.getOperator().getKeyedStateBackend().getKeys("cart-lines", VoidNamespace.INSTANCE)) {
                assertThat(lines.count()).as("the earlier map state is left empty").isZero();
            }
            try (var timers = restored.getOperator().getKeyedStateBackend().getKeys("domain-timers", VoidNamespace.INSTANCE)) {
                assertThat(timers.count()).as("the earlier domain-timer map is left empty").isZero();
            }
        }
    }
}
