package dev.stockwatch.udfs.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.udfs.domain.CartHash;
import dev.stockwatch.udfs.domain.NotificationIds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/** The SQL functions called as the planner calls them, against the job's domain functions. */
class SqlFunctionsTest {

    @Test
    void segmentFollowsTheDefaultRulesAndAProfileSegmentWins() {
        SegmentFunction segment = new SegmentFunction();
        assertThat(segment.eval(5, 10L, 900.0)).isEqualTo("champions");
        assertThat(segment.eval(3, 60L, 90.0)).isEqualTo("loyal");
        assertThat(segment.eval(5, 200L, 900.0)).isEqualTo("cant_lose");
        assertThat(segment.eval(1, 0L, 10.0)).isEqualTo("new");
        assertThat(segment.eval(0, null, null)).isEqualTo("prospect");
        assertThat(segment.eval(1, 45L, 10.0)).isEqualTo("regular");
        assertThat(segment.eval(0, null, null, "champions")).isEqualTo("champions");
    }

    @Test
    void quietHoursHoldSmsAtNightInTheCustomersZoneButNeverEmail() {
        QuietHoursFunction quiet = new QuietHoursFunction();
        assertThat(quiet.eval("sms", "America/New_York", "2026-11-20T10:00:00Z")).isTrue(); // 05:00 there
        assertThat(quiet.eval("sms", "America/New_York", Instant.parse("2026-11-20T13:00:00Z"))).isFalse(); // 08:00
        assertThat(quiet.eval("email", "America/New_York", "2026-11-20T10:00:00Z")).isFalse();
        assertThat(quiet.eval("push", null, "2026-11-20T22:00:00Z")).isTrue();
        assertThat(quiet.eval("pigeon", "UTC", "2026-11-20T22:00:00Z")).isNull();
        assertThat(quiet.eval("sms", "Mars/Olympus", "2026-11-20T22:00:00Z")).isNull();
        assertThat(quiet.eval("sms", "UTC", "yesterday")).isNull();
    }

    @Test
    void cartHashOfItemsIsTheHashOfTheirLines() {
        CartHashFunction hash = new CartHashFunction();
        String expected = CartHash.of(Map.of("MUG-01", 2, "TEA-07", 1));
        assertThat(hash.eval(new Row[] {Row.of("TEA-07", 1), Row.of("MUG-01", 1), Row.of("MUG-01", 1)})).isEqualTo(expected);
        assertThat(hash.eval(Map.of("MUG-01", 2, "TEA-07", 1))).isEqualTo(expected);
        assertThat(hash.eval(new Row[] {Row.of("MUG-01", null)})).isNull();
    }

    @Test
    void notificationIdsAreTheJobsPerKind() {
        NotificationIdFunction id = new NotificationIdFunction();
        assertThat(id.eval("abandoned_cart", "c-1", "abc", 2)).isEqualTo(NotificationIds.abandonedCart("c-1", "abc", 2));
        assertThat(id.eval("sold_out_again", "c-1", "SKU", 1000L)).isEqualTo(NotificationIds.soldOutAgain("c-1", "SKU", 1000L));
        assertThat(id.eval("back_in_stock", "c-1", new String[] {"B", "A"}, 1000L))
                .isEqualTo(NotificationIds.backInStock("c-1", 1000L, List.of("A", "B")));
        assertThat(id.eval("back_in_stock", "c-1", "SKU", 1000L)).isNull();
        assertThat(id.eval("unknown", "c-1", "abc", 2)).isNull();
    }
}
