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
import dev.stockwatch.job.pipeline.SequencedBroadcastOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OperatorSnapshotUtil;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The delivery operator restores the state of an earlier version. The snapshots in {@code
 * savepoints/} were written by the version of 0.1.0 whose {@link Candidate} still had a {@code
 * ladderStart} field (a copy of {@code triggeredAt} for cart steps, since removed) and whose
 * waiting inputs each had a Flink timer: {@link #scenario} sent, the watermark at {@link
 * Taken#watermark}, then {@code OperatorSnapshotUtil.writeStateHandle(harness.snapshot(1, t("21:00")),
 * ...)}, once on each backend. {@link Taken#HOLDING} holds a step-2 cart reminder held by quiet
 * hours until 08:00 Warsaw time and a back-in-stock release in its batch window; {@link
 * Taken#WAITING} holds the inputs that become them, waiting for the watermark.
 */
class EarlierDeliveryStateTest {
    /** When the snapshots were taken. */
    enum Taken {
        HOLDING("delivery-held-candidates-0.1", "21:00"),
        WAITING("delivery-waiting-inputs-0.1", "20:00");

        final String name;
        final String watermark;

        Taken(String name, String watermark) {
            this.name = name;
            this.watermark = watermark;
        }

        /** The snapshot of 0.1.0 on the heap or on RocksDB. */
        String snapshot(boolean rocksDb) {
            return "src/test/resources/savepoints/" + name + (rocksDb ? "-rocksdb" : "") + ".snapshot";
        }
    }

    /** What the snapshot's operator had been sent when it was taken, with the watermark at {@code watermark}. */
    static void scenario(KeyedBroadcastOperatorTestHarness<String, CustomerInput, ShopEvent, OutputRecord> harness,
            String watermark) throws Exception {
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
        harness.watermark(t(watermark));
    }

    static Stream<Arguments> snapshots() {
        return Stream.of(Taken.values()).flatMap(taken -> Stream.of(Arguments.of(taken, false), Arguments.of(taken, true)));
    }

    @ParameterizedTest(name = "{0}, on RocksDB: {1}")
    @MethodSource("snapshots")
    void whatTheEarlierVersionHeldGoesOutAsInAnUninterruptedRun(Taken taken, boolean rocksDb) throws Exception {
        List<OutputRecord> uninterrupted;
        try (var harness = harness(rocksDb)) {
            harness.open();
            scenario(harness, "21:00");
            harness.watermark(t("2026-11-21T08:00:00Z"));
            uninterrupted = harness.extractOutputValues();
        }
        try (var restored = harness(rocksDb)) {
            restored.setup();
            restored.initializeState(OperatorSnapshotUtil.readStateHandle(taken.snapshot(rocksDb)));
            restored.open();
            if (!rocksDb && taken == Taken.HOLDING) {
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
        var harness = new KeyedBroadcastOperatorTestHarness<>(new SequencedBroadcastOperator<>(
                new DeliveryFunction(c, StockwatchPipeline.NO_END, c.broadcastRetention.toMillis()),
                List.of(CatalogHistory.DESCRIPTOR, StoreStock.DESCRIPTOR)),
                CustomerInput::customerId, Types.STRING, 128, 1, 0);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        return harness;
    }

}
