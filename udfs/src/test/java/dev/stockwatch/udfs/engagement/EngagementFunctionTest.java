package dev.stockwatch.udfs.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.output.OutputJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The step both runtimes run: feedback JSON and stored state in, state, record and dead letter
 * out; and the engagement record's exact JSON (SPEC §2).
 */
class EngagementFunctionTest {
    private final EngagementFunction function = new EngagementFunction(EngagementRules.DEFAULTS, "feedback");

    private static String feedback(String event, String extra, String at) {
        return "{\"notificationId\":\"n-1\",\"customerId\":\"c-1\",\"channel\":\"email\",\"event\":\"" + event
                + "\"" + extra + ",\"address\":\"a@x\",\"at\":\"" + at + "\"}";
    }

    @Test
    void writesTheEngagementRecordExactly() {
        EngagementFunction.Outcome first = function.apply("c-1", null, feedback("opened", "", "2026-11-18T19:00:00Z"), 0);
        EngagementFunction.Outcome second = function.apply("c-1", first.state(), feedback("opened", "", "2026-11-19T19:10:00+00:00"), 1);
        EngagementFunction.Outcome third = function.apply("c-1", second.state(), feedback("clicked", "", "2026-11-19T20:10:00+01:00"), 2);
        EngagementFunction.Outcome bounce = function.apply("c-1", third.state(),
                feedback("bounced", ",\"bounceType\":\"hard\"", "2026-11-20T10:00:00Z"), 3);

        assertThat(OutputJson.write(first.record())).isEqualTo(
                "{\"customerId\":\"c-1\",\"channels\":{\"email\":{\"status\":\"ok\",\"address\":\"a@x\"}},\"at\":\"2026-11-18T19:00:00Z\"}");
        assertThat(second.record()).isNull();
        assertThat(OutputJson.write(bounce.record())).isEqualTo(
                "{\"customerId\":\"c-1\",\"channels\":{\"email\":{\"status\":\"bounced\",\"address\":\"a@x\"}},"
                        + "\"preferredHour\":19,\"at\":\"2026-11-20T10:00:00Z\"}");
    }

    @Test
    void invalidFeedbackIsADeadLetterAndLeavesTheStateAlone() {
        EngagementFunction.Outcome ok = function.apply("c-1", null, feedback("delivered", "", "2026-11-18T19:00:00Z"), 0);
        EngagementFunction.Outcome bad = function.apply("c-1", ok.state(), feedback("bounced", "", "2026-11-18T20:00:00Z"), 7);
        assertThat(bad.record()).isNull();
        assertThat(bad.state()).isEqualTo(ok.state());
        assertThat(bad.deadLetter().reason()).isEqualTo("missing required field feedback.bounceType");
        assertThat(OutputJson.write(bad.deadLetter())).startsWith(
                "{\"reason\":\"missing required field feedback.bounceType\",\"source\":\"feedback\",\"offset\":7,\"payload\":");
    }

    @Test
    void feedbackAddressedToAnotherCustomerIsADeadLetter() {
        EngagementFunction.Outcome bad = function.apply("c-2", null, feedback("delivered", "", "2026-11-18T19:00:00Z"), -1);
        assertThat(bad.deadLetter().reason())
                .isEqualTo("feedback.customerId \"c-1\" does not match the record key \"c-2\"");
        assertThat(bad.state()).isNull();
    }

    /** Storing and reading the state between steps changes nothing: random feedback, both ways. */
    @Test
    void theStoredStateBehavesLikeTheLiveOne() {
        Random random = new Random(42);
        FeedbackKind[] kinds = FeedbackKind.values();
        String[] addresses = {"a@x", "b@x", "c@x"};
        for (int run = 0; run < 200; run++) {
            EngagementState live = new EngagementState();
            String stored = null;
            long at = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
            List<Optional<EngagementRecord>> expected = new ArrayList<>();
            List<Optional<EngagementRecord>> actual = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                at += random.nextInt(20 * 86_400) * 1000L - 86_400_000L; // at times out of order
                FeedbackKind kind = kinds[random.nextInt(kinds.length)];
                FeedbackEvent event = new FeedbackEvent("n-" + i, "c-1", Channel.values()[random.nextInt(2)], kind,
                        random.nextBoolean(), addresses[random.nextInt(addresses.length)], at);
                expected.add(live.apply(event, EngagementRules.DEFAULTS));
                EngagementState restored = EngagementStateCodec.read(stored);
                actual.add(restored.apply(event, EngagementRules.DEFAULTS));
                stored = EngagementStateCodec.write(restored);
            }
            assertThat(actual).isEqualTo(expected);
            assertThat(EngagementStateCodec.read(stored).standings()).isEqualTo(live.standings());
        }
    }
}
