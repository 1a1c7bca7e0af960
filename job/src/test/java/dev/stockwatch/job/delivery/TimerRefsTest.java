package dev.stockwatch.job.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refs of the delivery's timers and keys: they read back as written, and sort in creation order. */
class TimerRefsTest {
    @Test
    void decisionRefsReadBackAsWrittenWhateverTheNotificationIdHolds() {
        for (DecisionRef r : List.of(DecisionRef.batch(0), DecisionRef.batch(1_763_632_800_000L),
                DecisionRef.hold(1_763_632_800_000L, 0, "n-1"), DecisionRef.hold(5, 12, "odd/id|with b"),
                DecisionRef.hold(5, 3, "b"))) {
            assertThat(DecisionRef.parse(r.ref())).isEqualTo(r);
        }
        assertThat(DecisionRef.parse(DecisionRef.hold(5, 3, "b").ref()).isBatch()).isFalse();
        assertThat(DecisionRef.parse(DecisionRef.batch(5).ref()).isBatch()).isTrue();
    }

    @Test
    void decisionRefsSortByCreationThenBatchBeforeHoldsThenHoldNumber() {
        List<DecisionRef> created = List.of(DecisionRef.batch(999), DecisionRef.hold(999, 0, "z"),
                DecisionRef.hold(999, 1, "a"), DecisionRef.hold(999, 10, "a"), DecisionRef.batch(1000),
                DecisionRef.hold(1000, 0, "a"));
        List<String> refs = new ArrayList<>(created.stream().map(DecisionRef::ref).toList());
        refs.sort(null);
        assertThat(refs).containsExactlyElementsOf(created.stream().map(DecisionRef::ref).toList());
    }

    @Test
    void aSentReleaseKeyKeepsASkuThatHoldsTheSeparator() {
        SentRelease r = new SentRelease("SKU|7|red", 1_763_632_800_000L);
        assertThat(r.key()).isEqualTo("SKU|7|red|1763632800000");
        assertThat(SentRelease.parse(r.key())).isEqualTo(r);
        assertThat(r.watchRef(2)).isNotEqualTo(r.watchRef(1));
        assertThat(SentRelease.ofWatchRef(r.watchRef(12))).isEqualTo(r);
        assertThat(SentRelease.ofWatchRef(r.key())).as("a timer of the version before").isEqualTo(r);
        SentRelease hashed = new SentRelease("SKU#7", 5);
        assertThat(SentRelease.ofWatchRef(hashed.watchRef(3))).isEqualTo(hashed);
        assertThat(SentRelease.ofWatchRef(hashed.key())).isEqualTo(hashed);
    }
}
