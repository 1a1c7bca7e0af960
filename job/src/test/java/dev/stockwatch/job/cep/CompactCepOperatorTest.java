package dev.stockwatch.job.cep;

import static dev.stockwatch.job.TestEvents.signal;
import static dev.stockwatch.job.TestEvents.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.model.SignalType;
import dev.stockwatch.job.model.SkuSignal;
import dev.stockwatch.job.model.SoldOutAgainCandidate;
import dev.stockwatch.job.soldout.SoldOutAgainPattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CEP operator with its maps as one value per key, on the heap and on RocksDB: the same matches
 * as an uninterrupted run after a restore, whether the snapshot was written by Flink's own CEP
 * operator (an earlier version of the job) or by this one, and no state or timer left once every
 * window has passed. The pattern is the job's sold-out-again pattern.
 */
class CompactCepOperatorTest {
    private static final Duration WINDOW = Duration.ofDays(7);
    private static final TypeSerializer<SkuSignal> SERIALIZER =
            TypeInformation.of(SkuSignal.class).createSerializer(new SerializerConfigImpl());

    private static SkuSignal released(String customer, String sku, String time) {
        return signal(SignalType.RELEASED, customer, sku, t(time), time);
    }

    private static SkuSignal purchased(String customer, String sku, String episode, String time) {
        return signal(SignalType.PURCHASED, customer, sku, t(episode), time);
    }

    private static SkuSignal soldOut(String customer, String sku, String episode, String time) {
        return signal(SignalType.SOLD_OUT, customer, sku, t(episode), time);
    }

    /** Before the snapshot: open partial matches, a finished watch, and signals still waiting for the watermark. */
    private static final List<SkuSignal> BEFORE = List.of(
            released("c-a", "mixer", "10:00"),
            released("c-b", "mixer", "10:00"), purchased("c-b", "mixer", "10:00", "11:00"),
            released("c-c", "kettle", "10:00"), released("c-e", "kettle", "10:00"),
            released("c-d", "mixer", "12:00"), soldOut("c-c", "kettle", "10:00", "12:30"));
    private static final long WATERMARK_BEFORE = t("11:30");
    private static final List<SkuSignal> AFTER = List.of(
            soldOut("c-a", "mixer", "10:00", "13:00"), soldOut("c-b", "mixer", "10:00", "13:00"),
            soldOut("c-d", "mixer", "12:00", "13:00"), purchased("c-e", "kettle", "10:00", "13:00"),
            soldOut("c-e", "kettle", "10:00", "14:00"));

    private static OneInputStreamOperator<SkuSignal, SoldOutAgainCandidate> flinks() {
        return new CepOperator<>(SERIALIZER, false, NFACompiler.compileFactory(SoldOutAgainPattern.pattern(WINDOW), false),
                SoldOutAgainPattern.causeOrder(), AfterMatchSkipStrategy.noSkip(), new SoldOutAgainPattern.ToCandidate(), null);
    }

    private static OneInputStreamOperator<SkuSignal, SoldOutAgainCandidate> compact() {
        return new CompactCepOperator<>(SERIALIZER, SoldOutAgainPattern.pattern(WINDOW), SoldOutAgainPattern.causeOrder(),
                new SoldOutAgainPattern.ToCandidate());
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SkuSignal, SoldOutAgainCandidate> harness(
            OneInputStreamOperator<SkuSignal, SoldOutAgainCandidate> operator, boolean rocksDb) throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, SkuSignal::watchKey, Types.STRING, 128, 1, 0);
        if (rocksDb) {
            harness.setStateBackend(new EmbeddedRocksDBStateBackend());
        }
        return harness;
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, SkuSignal, ?> harness, List<SkuSignal> signals)
            throws Exception {
        for (SkuSignal s : signals) {
            harness.processElement(s, s.at());
        }
    }

    private static List<String> customers(List<SoldOutAgainCandidate> candidates) {
        List<String> out = new ArrayList<>();
        for (SoldOutAgainCandidate c : candidates) {
            out.add(c.customerId() + "/" + c.sku() + "@" + c.key().at());
        }
        out.sort(null); // keys fire in the order of their timers, which no rule depends on
        return out;
    }

    /** Every state Flink's CEP operator and this one keep, by name. */
    private static final List<String> STATE_NAMES = List.of("nfaStateName", "eventQueuesStateName", "sharedBuffer-events",
            "sharedBuffer-entries-with-lockable-edges", "sharedBuffer-events-count");

    /** Keys with an entry in any state of the operator (on RocksDB too, where the harness cannot count entries). */
    private static long keysWithState(KeyedOneInputStreamOperatorTestHarness<String, SkuSignal, ?> harness) {
        KeyedStateBackend<String> backend = harness.getOperator().getKeyedStateBackend();
        long keys = 0;
        for (String name : STATE_NAMES) {
            for (String stored : List.of(name, name + MapsAsValuesStore.SUFFIX)) {
                try (var found = backend.getKeys(stored, VoidNamespace.INSTANCE)) {
                    keys += found.count();
                }
            }
        }
        if (!(backend instanceof org.apache.flink.state.rocksdb.RocksDBKeyedStateBackend)) {
            assertThat(harness.numKeyedStateEntries()).as("no state of another name").isEqualTo((int) keys);
        }
        return keys;
    }

    @ParameterizedTest(name = "snapshot by Flink''s CEP operator: {0}, on RocksDB: {1}")
    @CsvSource({"true,false", "true,true", "false,false", "false,true"})
    void aRestoreGivesTheMatchesOfAnUninterruptedRunAndLeavesNothingBehind(boolean writtenByFlinksOperator, boolean rocksDb)
            throws Exception {
        List<String> uninterrupted;
        try (var harness = harness(compact(), rocksDb)) {
            harness.open();
            send(harness, BEFORE);
            harness.processWatermark(WATERMARK_BEFORE);
            send(harness, AFTER);
            harness.processWatermark(t("14:00"));
            uninterrupted = customers(harness.extractOutputValues());
        }
        assertThat(uninterrupted).containsExactly("c-a/mixer@" + t("13:00"), "c-c/kettle@" + t("12:30"),
                "c-d/mixer@" + t("13:00"));

        OperatorSubtaskState snapshot;
        List<SoldOutAgainCandidate> out = new ArrayList<>();
        try (var before = harness(writtenByFlinksOperator ? flinks() : compact(), rocksDb)) {
            before.open();
            send(before, BEFORE);
            before.processWatermark(WATERMARK_BEFORE);
            out.addAll(before.extractOutputValues());
            snapshot = before.snapshot(1, 1);
        }
        try (var restored = harness(compact(), rocksDb)) {
            restored.initializeState(snapshot);
            restored.open();
            send(restored, AFTER);
            restored.processWatermark(t("14:00"));
            out.addAll(restored.extractOutputValues());
            assertThat(customers(out)).isEqualTo(uninterrupted);

            // CEP prunes timed-out partial matches on the watermark after the one that passed the window
            restored.processWatermark(t("2026-12-10T00:00:00Z"));
            restored.processWatermark(t("2026-12-11T00:00:00Z"));
            assertThat(restored.numEventTimeTimers()).isZero();
            assertThat(keysWithState(restored)).isZero();
        }
    }
}
