package dev.stockwatch.udfs.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §4 waves: ceil(qty × subscribers-per-unit) per wave, 0 = all, never more than are waiting. */
class WavesTest {

    @ParameterizedTest(name = "qty {0} x {1}, {2} waiting -> {3}")
    @CsvSource({
            // perUnit 0 releases everyone
            "5, 0, 12, 12",
            "1, 0, 1000, 1000",
            "5, 0, 0, 0",
            // ceil(qty * k)
            "3, 1, 100, 3",
            "3, 2, 100, 6",
            "3, 0.5, 100, 2",
            "4, 0.5, 100, 2",
            "1, 0.5, 100, 1",
            "1, 0.1, 100, 1",
            "10, 0.3, 100, 3", // 10 * 0.3 is 3.0000000000000004 in doubles: still 3
            "7, 1.5, 100, 11",
            // however small a positive product, a wave releases someone
            "1, 0.0000000001, 5, 1",
            "3, 0.0000000001, 5, 1",
            // capped by those waiting
            "3, 2, 4, 4",
            "10, 1, 3, 3",
            "10, 1, 0, 0",
            "0, 1, 5, 0",
    })
    void waveSize(long qty, double perUnit, long waiting, long expected) {
        assertThat(Waves.waveSize(qty, perUnit, waiting)).isEqualTo(expected);
    }
}
