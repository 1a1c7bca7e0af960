package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.cartStep;
import static dev.stockwatch.job.TestEvents.order;
import static dev.stockwatch.job.TestEvents.profile;
import static dev.stockwatch.job.TestEvents.released;
import static dev.stockwatch.job.TestEvents.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.HarnessState;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Consent;
import dev.stockwatch.udfs.event.CustomerProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The delivery operator restores the state of an earlier version. The snapshot in {@code
 * savepoints/} was written by the version of 0.1.0 whose {@link Candidate} still had a {@code
 * ladderStart} field (a copy of {@code triggeredAt} for cart steps, since removed): {@link
 * #scenario} sent, the watermark at 21:00, then {@code OperatorSnapshotUtil.writeStateHandle(
 * harness.snapshot(1, t("21:00")), ...)}, once on each backend. It holds a step-2 cart reminder held by quiet hours
 * until 08:00 Warsaw time, and a back-in-stock release in its batch window.
 */
class EarlierDeliveryStateTest {
    /** The snapshot of 0.1.0 on the heap or on RocksDB. */
    static String snapshot(boolean rocksDb) {
        return "src/test/resources/savepoints/delivery-held-candidates-0.1" + (rocksDb ? "-rocksdb" : "") + ".snapshot";
    }

    /** What the snapshot's operator had been sent when it was taken. */
    static void scenario(KeyedBroadcastOperatorTestHarness<String, CustomerInput, ShopEvent, OutputRecord> harness)
            throws Exception {
        Consent pushOnly = new Consent(false, false, true, false, false);
        Consent emailOnly = new Consent(true, false, false, false, false);
        List<CustomerInput> inputs = new java.util.ArrayList<>();
        for (int d = 100; d <= 140; d += 10) { // five orders long ago: the customer is cant_lose, step 2 offers 15 %
            inputs.add(order("c-cl", "old-" + d, Instant.ofEpochMilli(t("10:00") - d * 86_400_000L).toString()));
        }
        inputs.add(profile(new CustomerProfile("c-cl", null, null, "tok", null, null, pushOnly, "Europe/Warsaw", null, null,
                null, 0L), "2026-01-01T00:00:00Z"));
        inputs.add(cartStep("c-cl", 2, "2026-11-19T21:00:00Z", "21:00", 50, "mug", "tea"));
        inputs.add(profile(new CustomerProfile("c-b", "b@example.com", null, null, null, null, emailOnly, "UTC", null, null,
                null, 0L), "2026-01-01T00:00:00Z"));
        inputs.add(released("c-b", "mug", "21:00"));
        for (CustomerInput input : inputs) {
            harness.processElement(input, input.key().at());
        }
        harness.watermark(t("21:00"));
    }

    @ParameterizedTest(name = "restored on RocksDB: {0}")
    @ValueSource(booleans = {false, true})
    void heldAndBatchedCandidatesOfTheEarlierVersionGoOutAsInAnUninterruptedRun(boolean rocksDb) throws Exception {
        List<OutputRecord> uninterrupted;
        try (var harness = harness(rocksDb)) {
            harness.open();
            scenario(harness);
            harness.watermark(t("2026-11-21T08:00:00Z"));
            uninterrupted = harness.extractOutputValues();
        }
        try (var restored = harness(rocksDb)) {
            restored.setup();
            restored.initializeState(OperatorSnapshotUtil.readStateHandle(snapshot(rocksDb)));
            restored.open();
            if (!rocksDb) {
                assertThat(HarnessState.keysHolding(restored, "held")).as("the held cart reminder").isEqualTo(1);
                assertThat(HarnessState.keysHolding(restored, "batch")).as("the open batch window").isEqualTo(1);
            }
            restored.watermark(t("2026-11-21T08:00:00Z"));
            List<OutputRecord> out = restored.extractOutputValues();
            assertThat(out).extracting(OutputRecord::topic).containsExactly("email", "push");
            assertThat(out.get(1).json()).as("the offer expires 48 h after the step, 24 h after the last activity")
                    .contains("\"percentOff\":15").contains("\"expiresAt\":\"2026-11-22T21:00:00Z\"")
                    .contains("\"triggeredAt\":\"2026-11-19T21:00:00Z\"").contains("\"eventTime\":\"2026-11-21T07:00:00Z\"");
            assertThat(out).isEqualTo(uninterrupted);
        }
    }

    /** The delivery operator with the defaults, max parallelism 128, on the heap or on RocksDB. */
    static KeyedBroadcastOperatorTestHarness<String, CustomerInput, ShopEvent, OutputRecord> harness(boolean rocksDb)
            throws Exception {
        StockwatchConfig c = StockwatchConfig.load(null, Map.of());
        var harness = new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                new DeliveryFunction(c, StockwatchPipeline.NO_END, c.broadcastRetention.toMillis()),
                List.of(CatalogHistory.DESCRIPTOR, StoreStock.DESCRIPTOR)),
                CustomerInput::customerId, Types.STRING, 128, 1, 0);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        return harness;
    }

}
