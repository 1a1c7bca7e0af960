package dev.stockwatch.udfs.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SPEC §8: F = orders in (t − 365 d, t], R = whole days since the latest of them, M = their total. */
class RfmTest {
    private static final long DAY = 24L * 3_600_000;
    private static final long T = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();

    @Test
    void theWindowIsOpenAtTheStartAndClosedAtTheEnd() {
        Rfm rfm = Rfm.at(T,
                new long[] {T - 365 * DAY, T - 365 * DAY + 1, T, T + 1},
                new double[] {1000, 10, 20, 4000});
        assertThat(rfm.frequency()).isEqualTo(2);
        assertThat(rfm.monetary()).isEqualTo(30.0);
        assertThat(rfm.recencyDays()).isZero();
    }

    @Test
    void recencyIsWholeDaysRoundedDown() {
        assertThat(Rfm.at(T, new long[] {T - 3 * DAY + 1}, new double[] {5}).recencyDays()).isEqualTo(2);
        assertThat(Rfm.at(T, new long[] {T - 3 * DAY}, new double[] {5}).recencyDays()).isEqualTo(3);
        assertThat(Rfm.at(T, new long[] {T - DAY + 1}, new double[] {5}).recencyDays()).isZero();
        assertThat(Rfm.at(T, new long[] {T - 31 * DAY + 3_600_000}, new double[] {5}).recencyDays()).isEqualTo(30);
    }

    @Test
    void recencyIsFromTheLatestOrderWhateverTheInputOrder() {
        Rfm rfm = Rfm.at(T, new long[] {T - 40 * DAY, T - 5 * DAY, T - 200 * DAY}, new double[] {1, 2, 3});
        assertThat(rfm).isEqualTo(new Rfm(5, 3, 6.0));
    }

    @Test
    void noOrdersInTheYear() {
        Rfm none = Rfm.at(T, new long[] {T - 400 * DAY}, new double[] {99});
        assertThat(none.frequency()).isZero();
        assertThat(none.monetary()).isZero();
        assertThat(none.recencyDays()).isEqualTo(Long.MAX_VALUE);
        assertThat(Rfm.at(T, new long[0], new double[0])).isEqualTo(none);
    }
}
