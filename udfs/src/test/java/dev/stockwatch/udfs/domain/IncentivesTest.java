package dev.stockwatch.udfs.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockwatch.udfs.config.StockwatchConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §6 incentives per step and segment, and their notation in cart.incentives. */
class IncentivesTest {
    private static final List<Map<String, Incentive>> DEFAULTS = StockwatchConfig.defaults().cartIncentives;

    @ParameterizedTest(name = "\"{0}\" -> {1}% free shipping {2}")
    @CsvSource({
            "none, 0, false",
            "'', 0, false",
            "'  ', 0, false",
            "NONE, 0, false",
            "10%, 10, false",
            "0%, 0, false",
            "100%, 100, false",
            "free-shipping, 0, true",
            "free-shipping 10%, 10, true",
            "'  Free-Shipping   20%  ', 20, true",
            "10% + free-shipping, 10, true",
            "'free-shipping, 15%', 15, true",
    })
    void parse(String text, int percent, boolean freeShipping) {
        assertThat(Incentive.parse(text)).isEqualTo(new Incentive(percent, freeShipping));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "ten percent", "101%", "-5%", "free shipping", "10%%", "1000%"})
    void badIncentivesAreRejected(String text) {
        assertThatThrownBy(() -> Incentive.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringReadsBack() {
        for (Incentive i : List.of(Incentive.NONE, new Incentive(10, false), new Incentive(0, true), new Incentive(20, true))) {
            assertThat(Incentive.parse(i.toString())).isEqualTo(i);
        }
        assertThat(new Incentive(20, true).toString()).isEqualTo("free-shipping 20%");
        assertThat(Incentive.NONE.isNone()).isTrue();
        assertThat(new Incentive(0, true).isNone()).isFalse();
    }

    @ParameterizedTest(name = "step {0}, {1} -> {2}% free shipping {3}")
    @CsvSource({
            "1, regular, 0, false",
            "1, cant_lose, 0, false",
            "1, champions, 0, false",
            "2, regular, 10, false",
            "2, loyal, 10, false",
            "2, at_risk, 10, false",
            "2, cant_lose, 15, false",
            "2, vip, 10, false",
            "3, regular, 10, true",
            "3, new, 10, true",
            "3, cant_lose, 20, true",
            "0, cant_lose, 0, false",
            "4, cant_lose, 0, false",
    })
    void specDefaults(int step, String segment, int percent, boolean freeShipping) {
        assertThat(Incentives.forStep(DEFAULTS, step, segment)).isEqualTo(new Incentive(percent, freeShipping));
    }

    @Test
    void withoutADefaultEntryOtherSegmentsGetNone() {
        List<Map<String, Incentive>> table = List.of(Map.of("cant_lose", new Incentive(5, false)));
        assertThat(Incentives.forStep(table, 1, "cant_lose")).isEqualTo(new Incentive(5, false));
        assertThat(Incentives.forStep(table, 1, "regular")).isEqualTo(Incentive.NONE);
    }
}
