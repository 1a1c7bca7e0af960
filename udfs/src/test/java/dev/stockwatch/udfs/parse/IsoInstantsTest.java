package dev.stockwatch.udfs.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
    @Test
    void formatsLikeInstantToString() {
        List<Long> edges = List.of(0L, 1L, -1L, 999L, 1000L, -1000L, -1001L, 86_399_999L,
                Instant.parse("2026-11-22T10:15:30Z").toEpochMilli(), Instant.parse("2028-02-29T23:59:59.999Z").toEpochMilli(),
                Instant.parse("1000-01-01T00:00:00Z").toEpochMilli(), Instant.parse("1000-01-01T00:00:00Z").toEpochMilli() - 1,
                Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(), Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli() + 1,
                Long.MIN_VALUE, Long.MAX_VALUE);
        for (long t : edges) {
            assertThat(IsoInstants.format(t)).as("%d", t).isEqualTo(Instant.ofEpochMilli(t).toString());
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long t = random.nextLong(-40_000_000_000_000L, 260_000_000_000_000L);
            if (i % 3 == 0) {
                t -= Math.floorMod(t, 1000); // whole seconds: no fraction
            }
            assertThat(IsoInstants.format(t)).as("%d", t).isEqualTo(Instant.ofEpochMilli(t).toString());
        }
    }

    @Test
    void parsesThePlainUtcFormLikeJavaTime() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 200_000; i++) {
            long t = random.nextLong(-30_000_000_000_000L, 253_000_000_000_000L);
            if (i % 3 == 0) {
                t -= Math.floorMod(t, 1000);
            }
            String text = Instant.ofEpochMilli(t).toString();
            assertThat(IsoInstants.parseUtc(text)).as(text).isEqualTo(t);
        }
    }

    @Test
    void leavesEverythingElseToJavaTime() {
        for (String text : List.of("2026-11-22T10:15:30", "2026-11-22", "yesterday", "2026-13-40T10:15:30Z",
                "2026-02-29T10:15:30Z", "2026-04-31T10:15:30Z", "2026-11-22T24:00:00Z", "2026-11-22T10:60:30Z",
                "2026-11-22T10:15:60Z", "2026-11-22t10:15:30Z", "2026-11-22T10:15:30z", "2026-11-22T10:15:30+01:00",
                "2026-11-22T10:15:30.1Z", "2026-11-22T10:15:30.123456Z", "2026-11-22T10:15Z", "+2026-11-22T10:15:30Z",
                "2026-11-22T10:15:30,123Z", "２026-11-22T10:15:30Z", "2026-00-22T10:15:30Z", "2026-11-00T10:15:30Z")) {
            assertThat(IsoInstants.parseUtc(text)).as(text).isEqualTo(IsoInstants.NOT_PLAIN);
        }
        // what java.time accepts, the fast path either parses identically or leaves alone
        for (String text : List.of("2026-11-22T10:15:30Z", "2026-11-22T10:15:30.120Z", "2024-02-29T00:00:00Z")) {
            long javaTime = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
            assertThat(IsoInstants.parseUtc(text)).as(text).isEqualTo(javaTime);
        }
    }
}
