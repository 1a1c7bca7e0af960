package dev.stockwatch.job.soldout;

import static dev.stockwatch.job.TestEvents.signal;
import static dev.stockwatch.job.TestEvents.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.cep.CompactCepOperator;
import dev.stockwatch.job.model.SignalType;
import dev.stockwatch.job.model.SkuSignal;
import dev.stockwatch.job.model.SoldOutAgainCandidate;
import java.time.Duration;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sold-out-again CEP pattern on its real operator, keyed by (customer, sku). */
class SoldOutAgainPatternTest {
    private KeyedOneInputStreamOperatorTestHarness<String, SkuSignal, SoldOutAgainCandidate> harness;
    private int baselineStateEntries;

    @BeforeEach
    void open() throws Exception {
        CompactCepOperator<SkuSignal, String, SoldOutAgainCandidate> operator = new CompactCepOperator<>(
                TypeInformation.of(SkuSignal.class).createSerializer(new SerializerConfigImpl()),
                SoldOutAgainPattern.pattern(Duration.ofDays(7)), SoldOutAgainPattern.causeOrder(), new SoldOutAgainPattern.ToCandidate());
        harness = new KeyedOneInputStreamOperatorTestHarness<>(operator, SkuSignal::watchKey, Types.STRING);
        harness.open();
        baselineStateEntries = harness.numKeyedStateEntries();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    private void send(SkuSignal... signals) throws Exception {
        for (SkuSignal s : signals) {
            harness.processElement(s, s.at());
        }
    }

    private SkuSignal released(String customer, String sku, String time) {
        return signal(SignalType.RELEASED, customer, sku, t(time), time);
    }

    private SkuSignal soldOut(String customer, String sku, String episode, String time) {
        return signal(SignalType.SOLD_OUT, customer, sku, t(episode), time);
    }

    private SkuSignal purchased(String customer, String sku, String episode, String time) {
        return signal(SignalType.PURCHASED, customer, sku, t(episode), time);
    }

    @Test
    void sellOutBeforePurchaseGivesACandidate() throws Exception {
        send(released("c-a", "mixer", "10:00"), soldOut("c-a", "mixer", "10:00", "15:00"));
        harness.processWatermark(t("15:00"));
        assertThat(harness.extractOutputValues()).singleElement().satisfies(c -> {
            assertThat(c.customerId()).isEqualTo("c-a");
            assertThat(c.episodeStart()).isEqualTo(t("10:00"));
            assertThat(c.key().at()).isEqualTo(t("15:00"));
        });
    }

    @Test
    void purchaseBeforeSellOutGivesNothingAndLeavesNoPartialMatch() throws Exception {
        send(released("c-a", "mixer", "10:00"), purchased("c-a", "mixer", "10:00", "11:00"),
                soldOut("c-a", "mixer", "10:00", "15:00"));
        harness.processWatermark(t("2026-11-30T00:00:00Z"));
        harness.processWatermark(t("2026-12-01T00:00:00Z"));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numKeyedStateEntries()).isEqualTo(baselineStateEntries);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void sellOutAfterTheWindowGivesNothingButExactlyAtItsEndCounts() throws Exception {
        send(released("c-late", "mixer", "10:00"), soldOut("c-late", "mixer", "10:00", "2026-11-27T10:00:01Z"),
                released("c-edge", "mixer", "10:00"), soldOut("c-edge", "mixer", "10:00", "2026-11-27T10:00:00Z"));
        harness.processWatermark(t("2026-11-30T00:00:00Z"));
        assertThat(harness.extractOutputValues()).extracting(SoldOutAgainCandidate::customerId).containsExactly("c-edge");
        // CEP prunes timed-out partial matches on the watermark after the one that passed the window
        harness.processWatermark(t("2026-12-30T00:00:00Z"));
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).isZero();
    }

    @Test
    void twoSkusOfOneCustomerAreWatchedSeparately() throws Exception {
        send(released("c-a", "mixer", "10:00"), released("c-a", "kettle", "10:00"),
                purchased("c-a", "kettle", "10:00", "11:00"),
                soldOut("c-a", "mixer", "10:00", "12:00"), soldOut("c-a", "kettle", "10:00", "12:00"));
        harness.processWatermark(t("12:00"));
        assertThat(harness.extractOutputValues()).extracting(SoldOutAgainCandidate::sku).containsExactly("mixer");
    }

    @Test
    void aSellOutOfAnotherEpisodeDoesNotMatch() throws Exception {
        send(released("c-a", "mixer", "10:00"), soldOut("c-a", "mixer", "09:00", "12:00"));
        harness.processWatermark(t("12:00"));
        assertThat(harness.extractOutputValues()).isEmpty();
    }

    @Test
    void afterTheWindowNoStateIsLeftForTheWatch() throws Exception {
        int before = harness.numKeyedStateEntries();
        send(released("c-a", "mixer", "10:00"));
        harness.processWatermark(t("10:00"));
        assertThat(harness.numKeyedStateEntries()).as("a partial match is held").isGreaterThan(before);
        harness.processWatermark(t("2026-11-28T00:00:00Z"));
        harness.processWatermark(t("2026-11-29T00:00:00Z"));
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numKeyedStateEntries()).as("nothing is kept for the watch").isEqualTo(before);
    }
}
