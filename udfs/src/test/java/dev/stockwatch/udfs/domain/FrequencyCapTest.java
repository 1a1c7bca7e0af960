package dev.stockwatch.udfs.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §7 frequency cap: fewer than max emitted in (t − window, t]. */
class FrequencyCapTest {
    private static final long H = 3_600_000L;
    private static final long WINDOW = 24 * H;
    private static final long T0 = 1_790_000_000_000L;
    private static final List<Long> THREE = List.of(T0, T0 + H, T0 + 2 * H);

    @Test
    void aFourthWithin24HoursIsRefused() {
        assertThat(FrequencyCap.allows(THREE, T0 + 3 * H, 3, WINDOW)).isFalse();
    }

    @Test
    void aThirdIsAllowed() {
        assertThat(FrequencyCap.allows(List.of(T0, T0 + H), T0 + 2 * H, 3, WINDOW)).isTrue();
        assertThat(FrequencyCap.allows(List.of(), T0, 3, WINDOW)).isTrue();
    }

    @Test
    void aFourthExactly24HoursAfterTheFirstIsAllowed() {
        // the window is (t − 24 h, t]: the first, at t − 24 h, no longer counts
        assertThat(FrequencyCap.allows(THREE, T0 + WINDOW, 3, WINDOW)).isTrue();
    }

    @Test
    void aFourthOneMillisecondBefore24HoursIsRefused() {
        assertThat(FrequencyCap.allows(THREE, T0 + WINDOW - 1, 3, WINDOW)).isFalse();
    }

    @Test
    void anEmissionAtTheSameInstantCounts() {
        assertThat(FrequencyCap.allows(List.of(T0, T0, T0), T0, 3, WINDOW)).isFalse();
        assertThat(FrequencyCap.allows(List.of(T0), T0, 1, WINDOW)).isFalse();
    }

    @Test
    void emissionsAfterTheDecisionDoNotCount() {
        assertThat(FrequencyCap.allows(List.of(T0 + 1, T0 + 2, T0 + 3), T0, 3, WINDOW)).isTrue();
    }

    @Test
    void maxIsRespected() {
        assertThat(FrequencyCap.allows(List.of(T0), T0 + H, 1, WINDOW)).isFalse();
        assertThat(FrequencyCap.allows(List.of(T0), T0 + H, 2, WINDOW)).isTrue();
    }

    @Test
    void pruneKeepsOnlyWhatCanStillCount() {
        List<Long> emitted = List.of(T0 - WINDOW, T0 - WINDOW + 1, T0 - H, T0);
        assertThat(FrequencyCap.prune(emitted, T0, WINDOW)).containsExactly(T0 - WINDOW + 1, T0 - H, T0);
        // pruning does not change a decision at or after now
        for (long t : new long[] {T0, T0 + 1, T0 + H, T0 + WINDOW - 1}) {
            assertThat(FrequencyCap.allows(FrequencyCap.prune(emitted, T0, WINDOW), t, 3, WINDOW))
                    .isEqualTo(FrequencyCap.allows(emitted, t, 3, WINDOW));
        }
    }
}
