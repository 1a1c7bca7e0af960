package dev.stockwatch.udfs.policy;

import static dev.stockwatch.udfs.domain.Channel.EMAIL;
import static dev.stockwatch.udfs.domain.Channel.PUSH;
import static dev.stockwatch.udfs.domain.Channel.SMS;
import static dev.stockwatch.udfs.domain.Channel.VIBER;
import static dev.stockwatch.udfs.domain.Channel.WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.domain.Segments;
import dev.stockwatch.udfs.domain.TestProfiles;
import dev.stockwatch.udfs.domain.Verdict;
import dev.stockwatch.udfs.domain.Verdict.Outcome;
import dev.stockwatch.udfs.event.ChannelEngagement;
import dev.stockwatch.udfs.event.Consent;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.EngagementEvent;
import dev.stockwatch.udfs.output.Kind;
import dev.stockwatch.udfs.output.Reason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC §7 check order after "still applies": segment_excluded → unknown_customer →
 * no_reachable_channel → quiet hours (hold) → frequency_cap → duplicate → emit.
 */
class DeliveryPolicyTest {
    private static final DeliveryPolicy POLICY = new DeliveryPolicy(StockwatchConfig.defaults());
    private static final String WARSAW = "Europe/Warsaw";
    private static final long H = 3_600_000L;
    /** 13:00 in Warsaw: not quiet. */
    private static final long NOON = Instant.parse("2026-11-22T12:00:00Z").toEpochMilli();
    /** 22:30 in Warsaw: quiet. */
    private static final long NIGHT = Instant.parse("2026-11-22T21:30:00Z").toEpochMilli();
    private static final long NEXT_MORNING = Instant.parse("2026-11-23T07:00:00Z").toEpochMilli(); // 08:00 CET
    private static final List<Long> NONE_EMITTED = List.of();

    private static CustomerProfile only(Channel c) {
        return TestProfiles.only(c, WARSAW);
    }

    private static Verdict decide(Kind kind, int step, double cartValue, CustomerProfile p, String segment, long now,
            boolean atRelease, List<Long> emitted, boolean alreadyEmitted) {
        return POLICY.decide(new DeliveryPolicy.Decision(kind, step, cartValue, p, null, segment, now, atRelease, emitted, alreadyEmitted));
    }

    private static Verdict backInStock(CustomerProfile p, long now) {
        return decide(Kind.BACK_IN_STOCK, 0, 0, p, null, now, false, NONE_EMITTED, false);
    }

    private static Verdict cart(int step, double value, CustomerProfile p, String segment, long now) {
        return decide(Kind.ABANDONED_CART, step, value, p, segment, now, false, NONE_EMITTED, false);
    }

    private static void assertSuppressed(Verdict v, Reason reason) {
        assertThat(v.outcome()).isEqualTo(Outcome.SUPPRESS);
        assertThat(v.reason()).isEqualTo(reason);
        assertThat(v.channel()).isNull();
    }

    private static void assertEmitted(Verdict v, Channel channel) {
        assertThat(v.outcome()).isEqualTo(Outcome.EMIT);
        assertThat(v.channel()).isEqualTo(channel);
        assertThat(v.reason()).isNull();
    }

    // ---------------------------------------------------------------- each outcome

    @Test
    void emitsOnTheFirstReachableChannel() {
        assertEmitted(backInStock(TestProfiles.everyAddress(TestProfiles.all(), WARSAW), NOON), EMAIL);
        assertEmitted(backInStock(only(WHATSAPP), NOON), WHATSAPP);
        assertEmitted(cart(1, 50, only(VIBER), "regular", NOON), VIBER);
    }

    @Test
    void championsGetNoCartLadder() {
        assertSuppressed(cart(1, 500, only(EMAIL), Segments.CHAMPIONS, NOON), Reason.SEGMENT_EXCLUDED);
        assertSuppressed(cart(3, 500, only(EMAIL), Segments.CHAMPIONS, NOON), Reason.SEGMENT_EXCLUDED);
    }

    @Test
    void championsStillGetBackInStockAndSoldOutAgain() {
        assertEmitted(decide(Kind.BACK_IN_STOCK, 0, 0, only(EMAIL), Segments.CHAMPIONS, NOON, false, NONE_EMITTED, false), EMAIL);
        assertEmitted(decide(Kind.SOLD_OUT_AGAIN, 0, 0, only(EMAIL), Segments.CHAMPIONS, NOON, false, NONE_EMITTED, false), EMAIL);
    }

    @Test
    void noProfileIsUnknownCustomer() {
        assertSuppressed(backInStock(null, NOON), Reason.UNKNOWN_CUSTOMER);
        assertSuppressed(cart(1, 50, null, "prospect", NOON), Reason.UNKNOWN_CUSTOMER);
    }

    @Test
    void noUsableChannelIsNoReachableChannel() {
        assertSuppressed(backInStock(TestProfiles.everyAddress(Consent.NONE, WARSAW), NOON), Reason.NO_REACHABLE_CHANNEL);
        // step 1 prefers email, viber, whatsapp, push: sms is not on the list at all
        assertSuppressed(cart(1, 5000, only(SMS), "cant_lose", NOON), Reason.NO_REACHABLE_CHANNEL);
    }

    @Test
    void smsForACartNeedsValueOrASegmentAtRisk() {
        // step 3 prefers push, viber, whatsapp, sms
        assertSuppressed(cart(3, 199.99, only(SMS), "regular", NOON), Reason.NO_REACHABLE_CHANNEL);
        assertEmitted(cart(3, 200, only(SMS), "regular", NOON), SMS);
        assertEmitted(cart(3, 10, only(SMS), "cant_lose", NOON), SMS);
        assertEmitted(cart(3, 10, only(SMS), "at_risk", NOON), SMS);
        assertSuppressed(cart(3, 10, only(SMS), "loyal", NOON), Reason.NO_REACHABLE_CHANNEL);
    }

    @Test
    void smsIsNotLimitedForOtherKinds() {
        assertEmitted(backInStock(only(SMS), NOON), SMS);
        assertEmitted(decide(Kind.SOLD_OUT_AGAIN, 0, 0, only(SMS), null, NOON, false, NONE_EMITTED, false), SMS);
    }

    @Test
    void quietHoursHoldPushUntilTheLocalMorning() {
        Verdict v = backInStock(only(PUSH), NIGHT);
        assertThat(v.outcome()).isEqualTo(Outcome.HOLD);
        assertThat(v.channel()).isEqualTo(PUSH);
        assertThat(v.holdUntil()).isEqualTo(NEXT_MORNING);
    }

    @Test
    void quietHoursHoldSmsViberAndWhatsapp() {
        for (Channel c : List.of(SMS, VIBER, WHATSAPP)) {
            Verdict v = backInStock(only(c), NIGHT);
            assertThat(v.outcome()).as(c.id()).isEqualTo(Outcome.HOLD);
            assertThat(v.channel()).isEqualTo(c);
        }
    }

    @Test
    void quietHoursFollowTheCustomersZone() {
        // 22:30 in Warsaw is 16:30 in New York
        assertEmitted(backInStock(TestProfiles.only(PUSH, "America/New_York"), NIGHT), PUSH);
    }

    @Test
    void emailIsExemptFromQuietHours() {
        assertEmitted(backInStock(only(EMAIL), NIGHT), EMAIL);
        // the channel is chosen first: email is preferred, so nothing is held
        assertEmitted(backInStock(TestProfiles.everyAddress(TestProfiles.all(), WARSAW), NIGHT), EMAIL);
    }

    @Test
    void atReleaseTheHoldIsSkippedButTheRestStillRuns() {
        assertEmitted(decide(Kind.BACK_IN_STOCK, 0, 0, only(PUSH), null, NIGHT, true, NONE_EMITTED, false), PUSH);
        assertSuppressed(decide(Kind.BACK_IN_STOCK, 0, 0, only(PUSH), null, NIGHT, true, List.of(NIGHT - H, NIGHT - 2 * H,
                NIGHT - 3 * H), false), Reason.FREQUENCY_CAP);
        assertSuppressed(decide(Kind.BACK_IN_STOCK, 0, 0, only(PUSH), null, NIGHT, true, NONE_EMITTED, true), Reason.DUPLICATE);
        assertSuppressed(decide(Kind.BACK_IN_STOCK, 0, 0, null, null, NIGHT, true, NONE_EMITTED, false), Reason.UNKNOWN_CUSTOMER);
    }

    @Test
    void frequencyCap() {
        List<Long> three = List.of(NOON - 3 * H, NOON - 2 * H, NOON - H);
        assertSuppressed(decide(Kind.BACK_IN_STOCK, 0, 0, only(EMAIL), null, NOON, false, three, false), Reason.FREQUENCY_CAP);
        List<Long> twoRecent = List.of(NOON - 24 * H, NOON - 2 * H, NOON - H);
        assertEmitted(decide(Kind.BACK_IN_STOCK, 0, 0, only(EMAIL), null, NOON, false, twoRecent, false), EMAIL);
    }

    @Test
    void duplicate() {
        assertSuppressed(decide(Kind.BACK_IN_STOCK, 0, 0, only(EMAIL), null, NOON, false, NONE_EMITTED, true), Reason.DUPLICATE);
    }

    // ---------------------------------------------------------------- the order of the checks

    @Test
    void segmentExcludedComesBeforeUnknownCustomer() {
        assertSuppressed(cart(2, 500, null, Segments.CHAMPIONS, NOON), Reason.SEGMENT_EXCLUDED);
    }

    @Test
    void theFirstTwoChecksAloneAnswerAsTheWholeChainDoes() {
        CustomerProfile someone = TestProfiles.everyAddress(TestProfiles.all(), WARSAW);
        assertThat(POLICY.notForThisCustomer(Kind.ABANDONED_CART, Segments.CHAMPIONS, null)).isEqualTo(Reason.SEGMENT_EXCLUDED);
        assertThat(POLICY.notForThisCustomer(Kind.ABANDONED_CART, Segments.CHAMPIONS, someone)).isEqualTo(Reason.SEGMENT_EXCLUDED);
        assertThat(POLICY.notForThisCustomer(Kind.BACK_IN_STOCK, Segments.CHAMPIONS, someone)).isNull();
        assertThat(POLICY.notForThisCustomer(Kind.SOLD_OUT_AGAIN, null, null)).isEqualTo(Reason.UNKNOWN_CUSTOMER);
        assertThat(POLICY.notForThisCustomer(Kind.ABANDONED_CART, null, someone)).isNull();
    }

    @Test
    void unknownCustomerComesBeforeFrequencyCapAndDuplicate() {
        List<Long> three = List.of(NOON - 3 * H, NOON - 2 * H, NOON - H);
        assertSuppressed(decide(Kind.BACK_IN_STOCK, 0, 0, null, null, NOON, false, three, true), Reason.UNKNOWN_CUSTOMER);
    }

    @Test
    void noReachableChannelComesBeforeTheHold() {
        assertSuppressed(backInStock(TestProfiles.everyAddress(Consent.NONE, WARSAW), NIGHT), Reason.NO_REACHABLE_CHANNEL);
    }

    @Test
    void theHoldComesBeforeFrequencyCapAndDuplicate() {
        List<Long> three = List.of(NIGHT - 3 * H, NIGHT - 2 * H, NIGHT - H);
        Verdict v = decide(Kind.BACK_IN_STOCK, 0, 0, only(PUSH), null, NIGHT, false, three, true);
        assertThat(v.outcome()).isEqualTo(Outcome.HOLD);
        assertThat(v.holdUntil()).isEqualTo(NEXT_MORNING);
    }

    @Test
    void frequencyCapComesBeforeDuplicate() {
        List<Long> three = List.of(NOON - 3 * H, NOON - 2 * H, NOON - H);
        assertSuppressed(decide(Kind.BACK_IN_STOCK, 0, 0, only(EMAIL), null, NOON, false, three, true), Reason.FREQUENCY_CAP);
    }

    // ---------------------------------------------------------------- configuration

    @Test
    void preferenceListsComeFromTheConfig() {
        assertThat(POLICY.preference(Kind.BACK_IN_STOCK, 0)).containsExactly(EMAIL, PUSH, VIBER, WHATSAPP, SMS);
        assertThat(POLICY.preference(Kind.SOLD_OUT_AGAIN, 0)).containsExactly(EMAIL, PUSH, VIBER, WHATSAPP, SMS);
        assertThat(POLICY.preference(Kind.ABANDONED_CART, 1)).containsExactly(EMAIL, VIBER, WHATSAPP, PUSH);
        assertThat(POLICY.preference(Kind.ABANDONED_CART, 2)).containsExactly(EMAIL, VIBER, WHATSAPP, PUSH);
        assertThat(POLICY.preference(Kind.ABANDONED_CART, 3)).containsExactly(PUSH, VIBER, WHATSAPP, SMS);
        assertThat(POLICY.capWindowMillis()).isEqualTo(24 * H);
    }

    @Test
    void configuredCapQuietHoursAndSmsThresholdAreUsed() {
        DeliveryPolicy custom = new DeliveryPolicy(StockwatchConfig.load(null, Map.of(
                "cap.max", "1",
                "cap.window", "1 h",
                "quiet-hours.start", "12:00",
                "quiet-hours.end", "14:00",
                "quiet-hours.channels", "[email]",
                "cart.sms-min-value", "50")));
        CustomerProfile email = TestProfiles.only(EMAIL, "UTC");
        // 12:00 UTC is quiet now, and email is the held channel
        Verdict held = custom.decide(new DeliveryPolicy.Decision(Kind.BACK_IN_STOCK, 0, 0, email, null, null, NOON, false, NONE_EMITTED, false));
        assertThat(held.outcome()).isEqualTo(Outcome.HOLD);
        assertThat(held.holdUntil()).isEqualTo(NOON + 2 * H);
        // push is not held at 12:00 under this config
        Verdict push = custom.decide(new DeliveryPolicy.Decision(Kind.BACK_IN_STOCK, 0, 0, TestProfiles.only(PUSH, "UTC"), null, null, NOON,
                false, NONE_EMITTED, false));
        assertThat(push.outcome()).isEqualTo(Outcome.EMIT);
        // cap of 1 per hour
        Verdict capped = custom.decide(new DeliveryPolicy.Decision(Kind.BACK_IN_STOCK, 0, 0, email, null, null, NOON + 3 * H, false,
                List.of(NOON + 3 * H - H + 1), false));
        assertThat(capped.reason()).isEqualTo(Reason.FREQUENCY_CAP);
        Verdict allowed = custom.decide(new DeliveryPolicy.Decision(Kind.BACK_IN_STOCK, 0, 0, email, null, null, NOON + 3 * H, false,
                List.of(NOON + 3 * H - H), false));
        assertThat(allowed.outcome()).isEqualTo(Outcome.EMIT);
        // sms threshold 50
        Verdict sms = custom.decide(new DeliveryPolicy.Decision(Kind.ABANDONED_CART, 3, 60, TestProfiles.only(SMS, "UTC"), null, "regular",
                NOON + 3 * H, false, NONE_EMITTED, false));
        assertThat(sms.outcome()).isEqualTo(Outcome.EMIT);
        assertThat(sms.channel()).isEqualTo(SMS);
    }

    // ---------------------------------------------------------------- send time (SPEC §7)

    private static Verdict cartStep(int step, CustomerProfile p, Integer preferredHour, long now, boolean atRelease) {
        EngagementEvent e = new EngagementEvent("c1", null, null, null, null, null, preferredHour, 0L);
        return POLICY.decide(new DeliveryPolicy.Decision(Kind.ABANDONED_CART, step, 300, p, e, "regular", now, atRelease,
                NONE_EMITTED, false));
    }

    private static long utc(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void step2IsHeldToThePreferredHour() {
        Verdict v = cartStep(2, only(EMAIL), 19, utc("2026-11-22T10:00:00Z"), false);
        assertThat(v.outcome()).isEqualTo(Outcome.HOLD);
        assertThat(v.channel()).isEqualTo(EMAIL);
        assertThat(v.holdUntil()).isEqualTo(utc("2026-11-22T19:00:00Z"));
    }

    @Test
    void step1IsNotInSendtimeApplyTo() {
        assertThat(cartStep(1, only(EMAIL), 19, utc("2026-11-22T10:00:00Z"), false).outcome()).isEqualTo(Outcome.EMIT);
    }

    @Test
    void aSendTimeInQuietHoursIsHeldToTheEndOfThatQuietPeriodInstead() {
        // push, Warsaw: 21:00 UTC is 22:00 local, quiet until 08:00 local = 07:00 UTC
        Verdict v = cartStep(2, only(PUSH), 21, utc("2026-11-22T12:00:00Z"), false);
        assertThat(v.outcome()).isEqualTo(Outcome.HOLD);
        assertThat(v.holdUntil()).isEqualTo(utc("2026-11-23T07:00:00Z"));
        // email is not held in quiet hours: it goes out at the preferred hour
        assertThat(cartStep(2, only(EMAIL), 21, utc("2026-11-22T12:00:00Z"), false).holdUntil())
                .isEqualTo(utc("2026-11-22T21:00:00Z"));
    }

    @Test
    void aDecisionInQuietHoursWithAPreferredHourTooFarIsHeldByQuietHoursAlone() {
        // 22:30 local, preferred 21 UTC is 22.5 h away (> 12 h): quiet hours decide
        Verdict v = cartStep(2, only(PUSH), 21, NIGHT, false);
        assertThat(v.outcome()).isEqualTo(Outcome.HOLD);
        assertThat(v.holdUntil()).isEqualTo(NEXT_MORNING);
    }

    @Test
    void theReleaseRunsTheChainWithoutHolds() {
        assertThat(cartStep(2, only(PUSH), 21, utc("2026-11-23T07:00:00Z"), true).outcome()).isEqualTo(Outcome.EMIT);
        assertThat(cartStep(2, only(EMAIL), 19, utc("2026-11-22T10:00:00Z"), true).outcome()).isEqualTo(Outcome.EMIT);
    }

    @Test
    void aBouncedChannelIsSkippedBeforeTheHold() {
        CustomerProfile p = TestProfiles.everyAddress(new Consent(true, false, true, false, false), WARSAW);
        EngagementEvent bounced = new EngagementEvent("c1", new ChannelEngagement("bounced", "ania@example.com"),
                null, null, null, null, null, 0L);
        Verdict v = POLICY.decide(new DeliveryPolicy.Decision(Kind.BACK_IN_STOCK, 0, 0, p, bounced, null, NIGHT, false,
                NONE_EMITTED, false));
        assertThat(v.outcome()).as("push, the next channel, is held in quiet hours").isEqualTo(Outcome.HOLD);
        assertThat(v.channel()).isEqualTo(PUSH);
    }
}
