package dev.stockwatch.udfs.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockwatch.udfs.config.StockwatchConfig;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §8: the default RFM rules, first match wins, a profile segment overrides. */
class SegmentsTest {
    private static final List<SegmentRule> RULES = StockwatchConfig.defaults().segmentRules;
    private static final long DAY = 24L * 3_600_000;

    private static String segment(long r, int f) {
        return Segments.segment(null, new Rfm(r, f, 100.0 * f), RULES);
    }

    @ParameterizedTest(name = "R={0} F={1} -> {2}")
    @CsvSource({
            "0, 5, champions",
            "30, 5, champions",
            "30, 12, champions",
            "31, 5, loyal",
            "10, 4, loyal",
            "90, 3, loyal",
            "91, 3, at_risk",
            "30, 3, loyal",
            "91, 5, cant_lose",
            "400, 9, cant_lose",
            "91, 4, at_risk",
            "91, 2, at_risk",
            "90, 2, regular",
            "10, 2, regular",
            "0, 1, new",
            "30, 1, new",
            "31, 1, regular",
            "200, 1, regular",
    })
    void defaultRules(long r, int f, String expected) {
        assertThat(segment(r, f)).isEqualTo(expected);
    }

    @Test
    void noOrdersIsProspect() {
        assertThat(segment(Long.MAX_VALUE, 0)).isEqualTo("prospect");
        // whatever R says, F = 0 has no recency: never champions or new
        assertThat(segment(0, 0)).isEqualTo("prospect");
    }

    @Test
    void aProfileSegmentOverridesTheComputedOne() {
        Rfm champion = new Rfm(1, 10, 5000);
        assertThat(Segments.segment(null, champion, RULES)).isEqualTo("champions");
        assertThat(Segments.segment("cant_lose", champion, RULES)).isEqualTo("cant_lose");
        assertThat(Segments.segment("vip", new Rfm(Long.MAX_VALUE, 0, 0), RULES)).isEqualTo("vip");
        assertThat(Segments.segment("  ", champion, RULES)).isEqualTo("champions");
        assertThat(Segments.segment("", champion, RULES)).isEqualTo("champions");
    }

    @Test
    void firstMatchWinsAndNoMatchIsRegular() {
        List<SegmentRule> rules = List.of(SegmentRule.parse("big: M > 1000"), SegmentRule.parse("busy: F >= 2"));
        assertThat(Segments.segment(null, new Rfm(1, 3, 1500), rules)).isEqualTo("big");
        assertThat(Segments.segment(null, new Rfm(1, 3, 500), rules)).isEqualTo("busy");
        assertThat(Segments.segment(null, new Rfm(1, 1, 500), rules)).isEqualTo("regular");
        assertThat(Segments.segment(null, new Rfm(1, 1, 500), List.of())).isEqualTo("regular");
    }

    @Test
    void fromOrdersThroughRfm() {
        long t = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
        long[] five = {t - 100 * DAY, t - 80 * DAY, t - 60 * DAY, t - 40 * DAY, t - 31 * DAY + 1};
        double[] values = {10, 10, 10, 10, 10};
        assertThat(Segments.segment(null, Rfm.at(t, five, values), RULES)).isEqualTo("champions"); // R = 30
        five[4] = t - 31 * DAY;
        assertThat(Segments.segment(null, Rfm.at(t, five, values), RULES)).isEqualTo("loyal"); // R = 31
        assertThat(Segments.segment(null, Rfm.at(t, new long[0], new double[0]), RULES)).isEqualTo("prospect");
    }

    @Test
    void ruleParsing() {
        SegmentRule rule = SegmentRule.parse("champions: R <= 30 and F >= 5");
        assertThat(rule.segment()).isEqualTo("champions");
        assertThat(rule.conditions()).containsExactly(
                new SegmentRule.Condition('R', "<=", 30), new SegmentRule.Condition('F', ">=", 5));
        assertThat(SegmentRule.parse("  big :  m>100.5 AND f == 2 ").conditions()).containsExactly(
                new SegmentRule.Condition('M', ">", 100.5), new SegmentRule.Condition('F', "=", 2));
        SegmentRule regular = SegmentRule.parse("regular");
        assertThat(regular.conditions()).isEmpty();
        assertThat(regular.matches(new Rfm(Long.MAX_VALUE, 0, 0))).isTrue();
        assertThat(rule.toString()).isEqualTo("champions: R <= 30 and F >= 5");
        assertThat(SegmentRule.parse(rule.toString())).isEqualTo(rule);
    }

    @Test
    void strictComparisons() {
        SegmentRule lt = SegmentRule.parse("x: R < 30");
        assertThat(lt.matches(new Rfm(29, 1, 0))).isTrue();
        assertThat(lt.matches(new Rfm(30, 1, 0))).isFalse();
        SegmentRule gt = SegmentRule.parse("x: M > 100");
        assertThat(gt.matches(new Rfm(1, 1, 100))).isFalse();
        assertThat(gt.matches(new Rfm(1, 1, 100.01))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"champions: R <= 30 or F >= 5", "champions: X >= 5", "champions: R => 3", "9lives: F > 1",
            "champions: R <= -1", ""})
    void badRulesAreRejected(String text) {
        assertThatThrownBy(() -> SegmentRule.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
