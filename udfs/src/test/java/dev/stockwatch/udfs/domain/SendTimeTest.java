package dev.stockwatch.udfs.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.udfs.output.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §7 send time: the next start of the preferred UTC hour, if within sendtime.max-hold. */
class SendTimeTest {
    private static final long H = 3_600_000L;
    private static final SendTime DEFAULT = new SendTime(List.of("abandoned_cart:2", "abandoned_cart:3"), 12 * H);

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void appliesToTheListedKindsAndSteps() {
        assertThat(DEFAULT.appliesTo(Kind.ABANDONED_CART, 2)).isTrue();
        assertThat(DEFAULT.appliesTo(Kind.ABANDONED_CART, 3)).isTrue();
        assertThat(DEFAULT.appliesTo(Kind.ABANDONED_CART, 1)).isFalse();
        assertThat(DEFAULT.appliesTo(Kind.BACK_IN_STOCK, 0)).isFalse();
        SendTime everyStep = new SendTime(List.of("abandoned_cart", "back_in_stock"), 12 * H);
        assertThat(everyStep.appliesTo(Kind.ABANDONED_CART, 1)).isTrue();
        assertThat(everyStep.appliesTo(Kind.BACK_IN_STOCK, 0)).isTrue();
        assertThat(everyStep.appliesTo(Kind.SOLD_OUT_AGAIN, 0)).isFalse();
    }

    @Test
    void insideThePreferredHourNothingIsHeld() {
        assertThat(DEFAULT.goesOutAt(at("2026-11-20T19:00:00Z"), 19)).isEqualTo(at("2026-11-20T19:00:00Z"));
        assertThat(DEFAULT.goesOutAt(at("2026-11-20T19:59:59.999Z"), 19)).isEqualTo(at("2026-11-20T19:59:59.999Z"));
    }

    @Test
    void outsideItTheNextStartOfTheHour() {
        assertThat(DEFAULT.goesOutAt(at("2026-11-20T10:00:00Z"), 19)).isEqualTo(at("2026-11-20T19:00:00Z"));
        // the end of the hour is outside it: the next start is tomorrow, 23 h away, too far
        assertThat(DEFAULT.goesOutAt(at("2026-11-20T20:00:00Z"), 19)).isEqualTo(at("2026-11-20T20:00:00Z"));
        // across midnight
        assertThat(DEFAULT.goesOutAt(at("2026-11-20T22:30:00Z"), 6)).isEqualTo(at("2026-11-21T06:00:00Z"));
        assertThat(DEFAULT.goesOutAt(at("2026-11-20T23:30:00Z"), 0)).isEqualTo(at("2026-11-21T00:00:00Z"));
    }

    @Test
    void theLongestHoldIsInclusive() {
        assertThat(DEFAULT.goesOutAt(at("2026-11-20T07:00:00Z"), 19)).as("exactly 12 h").isEqualTo(at("2026-11-20T19:00:00Z"));
        assertThat(DEFAULT.goesOutAt(at("2026-11-20T06:59:59Z"), 19)).as("12 h and 1 s").isEqualTo(at("2026-11-20T06:59:59Z"));
    }

    @Test
    void withoutAPreferredHourNothingIsHeld() {
        assertThat(DEFAULT.goesOutAt(at("2026-11-20T10:00:00Z"), null)).isEqualTo(at("2026-11-20T10:00:00Z"));
    }
}
