package dev.stockwatch.job.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Decision refs: the text is what it always was (timer refs and hold keys live in savepoints), and it parses back. */
class DecisionRefTest {
    @Test
    void zeroPaddingWritesWhatTheFormatterWrote() {
        SplittableRandom random = new SplittableRandom(7);
        long[] edges = {0, 1, -1, 9, 10, 999_999, 1_000_000, 1_763_640_000_000L, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE};
        for (long value : edges) {
            for (int width : new int[] {1, 6, 19, 21}) {
                assertThat(DecisionRef.zeroPadded(value, width)).isEqualTo(String.format("%0" + width + "d", value));
            }
        }
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextBoolean() ? random.nextLong() : random.nextLong(-1_000_000_000L, 4_000_000_000_000L);
            int width = 1 + random.nextInt(22);
            assertThat(DecisionRef.zeroPadded(value, width)).isEqualTo(String.format("%0" + width + "d", value));
        }
    }

    @Test
    void refsKeepTheirTextAndParseBack() {
        assertThat(DecisionRef.batch(1_763_640_000_000L).ref()).isEqualTo("0000001763640000000b");
        DecisionRef hold = DecisionRef.hold(1_763_640_000_000L, 3, "n-abc");
        assertThat(hold.ref()).isEqualTo("0000001763640000000h000003/n-abc");
        assertThat(DecisionRef.parse(hold.ref())).isEqualTo(hold);
        assertThat(DecisionRef.parse(DecisionRef.batch(5L).ref()).isBatch()).isTrue();
    }
}
