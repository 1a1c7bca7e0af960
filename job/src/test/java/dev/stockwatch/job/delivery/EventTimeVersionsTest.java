package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.cartStep;
import static dev.stockwatch.job.TestEvents.catalogEntry;
import static dev.stockwatch.job.TestEvents.key;
import static dev.stockwatch.job.TestEvents.profile;
import static dev.stockwatch.job.TestEvents.stockReport;
import static dev.stockwatch.job.TestEvents.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.event.Consent;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.OrderKey;
import dev.stockwatch.udfs.event.Topic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * The pruning of the broadcast catalog and store stock: it depends on the versions received for a
 * key and nothing else (not their arrival order, not the watermark of the subtask), and keeps
 * every version a decision within {@code broadcast.retention} of the newest one can read.
 */
class EventTimeVersionsTest {
    private static final long HOUR = 3_600_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A retention of one hour is allowed once nothing may be stamped ahead of the wall clock. */
    private static final Map<String, String> ONE_HOUR = Map.of("broadcast.retention", "1 h", "input.max-future", "0 s");

    private static StockLevel level(String time, long available) {
        return new StockLevel(key(Topic.STOCK, t(time)), available);
    }

    private static List<StockLevel> receive(List<StockLevel> arrivals, long retention) {
        List<StockLevel> kept = null;
        for (StockLevel v : arrivals) {
            kept = EventTimeVersions.add(kept, v, StockLevel::key, retention);
        }
        return kept;
    }

    @Test
    void keepsTheVersionInForceAtTheNewestMinusTheRetentionAndEveryLaterOne() {
        List<StockLevel> day = List.of(level("09:00", 1), level("10:00", 2), level("11:00", 3), level("11:30", 4),
                level("13:00", 5));
        assertThat(receive(day, 2 * HOUR)).as("a decision at 11:00 reads the 11:00 version: 10:00 is gone")
                .containsExactlyElementsOf(day.subList(2, 5));
        assertThat(receive(day, 2 * HOUR + 1)).as("a decision at 10:59:59.999 still reads the 10:00 one")
                .containsExactlyElementsOf(day.subList(1, 5));
        assertThat(receive(day, 15 * 60_000L)).as("the newest and the one in force before it, at 12:45")
                .containsExactlyElementsOf(day.subList(3, 5));
        List<StockLevel> kept = receive(day, 2 * HOUR);
        assertThat(EventTimeVersions.at(kept, t("11:29"), StockLevel::key)).isEqualTo(day.get(2));
        assertThat(EventTimeVersions.at(kept, t("12:59"), StockLevel::key)).isEqualTo(day.get(3));
        assertThat(EventTimeVersions.at(kept, t("13:00"), StockLevel::key)).isEqualTo(day.get(4));
        assertThat(EventTimeVersions.at(kept, t("10:59"), StockLevel::key)).as("beyond the retention").isNull();
    }

    @Test
    void theSameVersionsGiveTheSameListInEveryArrivalOrder() {
        // two reports at 10:00 (input order decides between them), one stamped long ago, one later
        List<StockLevel> versions = List.of(level("06:00", 1), level("10:00", 2), level("10:00", 3), level("10:40", 4),
                level("11:20", 5), level("12:00", 6));
        List<StockLevel> expected = receive(versions, HOUR);
        assertThat(expected).containsExactlyElementsOf(versions.subList(3, 6));
        for (List<StockLevel> order : permutations(versions)) {
            assertThat(receive(order, HOUR)).as("arrival order " + order).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aVersionStampedBeforeTheRetentionArrivingLateIsNotKeptButOneWithinItIs() {
        List<StockLevel> kept = receive(List.of(level("13:00", 1), level("12:00", 2)), HOUR);
        assertThat(EventTimeVersions.add(kept, level("08:00", 3), StockLevel::key, HOUR)).containsExactlyElementsOf(kept);
        StockLevel within = level("12:30", 4);
        assertThat(EventTimeVersions.add(kept, within, StockLevel::key, HOUR)).containsExactly(kept.get(0), within, kept.get(1));
    }

    @Test
    void keepAllDropsNothingAndNoTimestampOverflows() {
        List<StockLevel> old = List.of(new StockLevel(new OrderKey(Long.MIN_VALUE + 5, 3, 1), 1),
                new StockLevel(new OrderKey(Long.MIN_VALUE + 10, 3, 2), 2));
        assertThat(receive(old, HOUR)).as("newest minus the retention lies before the first instant").hasSize(2);
        List<StockLevel> years = List.of(level("1969-07-20T20:17:00Z", 1), level("2026-11-20T10:00:00Z", 2), level("13:00", 3));
        assertThat(receive(years, EventTimeVersions.KEEP_ALL)).containsExactlyElementsOf(years);
    }

    /**
     * Two delivery subtasks receive the same catalog and stock reports in different orders, one
     * with its watermark far ahead, one with none yet: their broadcast states are identical, so it
     * does not matter which copy a restore at another parallelism hands to which subtask.
     */
    @Test
    void everySubtaskKeepsTheSameCopyWhateverItsWatermarkAndArrivalOrder() throws Exception {
        List<ShopEvent> reports = new ArrayList<>();
        for (int h = 8; h <= 16; h++) {
            String hour = String.format("%02d", h);
            reports.add(catalogEntry("mug", "Mug rev " + h, 10 + h, hour + ":00"));
            reports.add(stockReport("mug", "waw-01", h, hour + ":15"));
            reports.add(stockReport("mug", "online", 20 - h, hour + ":20"));
        }
        try (var ahead = DeliveryOperatorTest.harness(ONE_HOUR); var behind = DeliveryOperatorTest.harness(ONE_HOUR)) {
            ahead.watermark(t("23:00"));
            for (ShopEvent e : reports) {
                ahead.processBroadcastElement(e, e.at());
            }
            List<ShopEvent> reversed = new ArrayList<>(reports);
            Collections.reverse(reversed);
            for (ShopEvent e : reversed) {
                behind.processBroadcastElement(e, e.at());
            }
            assertSameCopies(ahead, behind, CatalogHistory.DESCRIPTOR);
            assertSameCopies(ahead, behind, StoreStock.DESCRIPTOR);
        }
    }

    /**
     * An input later than {@code input.max-delay} (live) is applied after the watermark passed it:
     * its decision still reads the catalog and the home store's stock of its own instant, although
     * newer versions arrived once the watermark was past that instant.
     */
    @Test
    void aLateDecisionReadsTheVersionsOfItsOwnInstantWithinTheRetention() throws Exception {
        try (var harness = DeliveryOperatorTest.harness(ONE_HOUR)) {
            Consent email = new Consent(true, false, false, false, false);
            CustomerProfile p = new CustomerProfile("c-1", "c-1@example.com", null, null, null, null, email, "UTC", null, null,
                    "waw-01", 0L);
            harness.processElement(profile(p, "08:00"), t("08:00"));
            harness.processBroadcastElement(catalogEntry("mug", "Stoneware mug", 11.5, "09:30"), t("09:30"));
            harness.processBroadcastElement(stockReport("mug", "waw-01", 6, "09:45"), t("09:45"));
            harness.watermark(t("10:20"));
            harness.processBroadcastElement(catalogEntry("mug", "Renamed mug", 99.0, "10:10"), t("10:10"));
            harness.processBroadcastElement(stockReport("mug", "waw-01", 2, "10:15"), t("10:15"));
            harness.processBroadcastElement(catalogEntry("mug", "Mug, new glaze", 89.0, "10:30"), t("10:30"));
            CustomerInput late = cartStep("c-1", 1, "09:00", "10:00", 10, "mug");
            harness.processElement(late, late.key().at());
            harness.watermark(t("10:21"));
            List<OutputRecord> out = harness.extractOutputValues();
            assertThat(out).hasSize(1);
            JsonNode item = JSON.readTree(out.get(0).json()).path("items").get(0);
            assertThat(item.path("name").asText()).isEqualTo("Stoneware mug");
            assertThat(item.path("inStore").asLong()).isEqualTo(6);
        }
    }

    private static <V extends List<?>> void assertSameCopies(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> one,
            KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> other, MapStateDescriptor<String, V> state) throws Exception {
        Map<String, V> copy = copy(one, state);
        assertThat(copy).as(state.getName()).isNotEmpty().isEqualTo(copy(other, state));
        copy.forEach((key, versions) ->
                assertThat(versions).as(key + ": the newest and the one in force an hour before").hasSize(2));
    }

    private static <V> Map<String, V> copy(KeyedBroadcastOperatorTestHarness<String, ?, ?, ?> harness,
            MapStateDescriptor<String, V> state) throws Exception {
        Map<String, V> copy = new TreeMap<>();
        for (Map.Entry<String, V> e : harness.getBroadcastState(state).immutableEntries()) {
            copy.put(e.getKey(), e.getValue());
        }
        return copy;
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<T>> all = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T first = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>(List.of(first));
                p.addAll(tail);
                all.add(p);
            }
        }
        return all;
    }
}
