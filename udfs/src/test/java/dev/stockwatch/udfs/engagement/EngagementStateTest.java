package dev.stockwatch.udfs.engagement;

import static dev.stockwatch.udfs.engagement.Feedback.email;
import static dev.stockwatch.udfs.engagement.Feedback.hardBounce;
import static dev.stockwatch.udfs.engagement.Feedback.opened;
import static dev.stockwatch.udfs.engagement.Feedback.softBounce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.udfs.domain.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC §14: every rule of the engagement state, and that a record is written only on a change. */
class EngagementStateTest {
    private final EngagementState state = new EngagementState();
    private final EngagementRules rules = EngagementRules.DEFAULTS;

    private Optional<EngagementRecord> apply(FeedbackEvent event) {
        return state.apply(event, rules);
    }

    private static ChannelStanding standing(ChannelStatus status, String address) {
        return new ChannelStanding(status, address);
    }

    @Test
    void theFirstFeedbackOfAChannelWritesItAsOk() {
        EngagementRecord r = apply(email(FeedbackKind.DELIVERED, "a@x", "2026-11-20T10:00:00Z")).orElseThrow();
        assertThat(r.customerId()).isEqualTo("c-1");
        assertThat(r.channels()).containsExactly(Map.entry(Channel.EMAIL, standing(ChannelStatus.OK, "a@x")));
        assertThat(r.preferredHour()).isNull();
        assertThat(r.at()).isEqualTo(java.time.Instant.parse("2026-11-20T10:00:00Z").toEpochMilli());
    }

    @Test
    void nothingIsWrittenWhenNothingChanges() {
        apply(email(FeedbackKind.DELIVERED, "a@x", "2026-11-20T10:00:00Z"));
        assertThat(apply(email(FeedbackKind.DELIVERED, "a@x", "2026-11-20T11:00:00Z"))).isEmpty();
        assertThat(apply(email(FeedbackKind.CLICKED, "a@x", "2026-11-20T12:00:00Z"))).isEmpty();
        assertThat(apply(softBounce("a@x", "2026-11-20T13:00:00Z"))).isEmpty();
        assertThat(apply(email(FeedbackKind.RESUBSCRIBED, "a@x", "2026-11-20T14:00:00Z"))).isEmpty();
    }

    @Test
    void aHardBounceMakesTheAddressBounced() {
        apply(email(FeedbackKind.DELIVERED, "a@x", "2026-11-20T10:00:00Z"));
        EngagementRecord r = apply(hardBounce("a@x", "2026-11-20T11:00:00Z")).orElseThrow();
        assertThat(r.channels()).containsEntry(Channel.EMAIL, standing(ChannelStatus.BOUNCED, "a@x"));
    }

    @Test
    void threeSoftBouncesInARowMakeTheAddressBounced() {
        assertThat(apply(softBounce("a@x", "2026-11-20T10:00:00Z")).orElseThrow().channels())
                .containsEntry(Channel.EMAIL, standing(ChannelStatus.OK, "a@x"));
        assertThat(apply(softBounce("a@x", "2026-11-21T10:00:00Z"))).isEmpty();
        EngagementRecord r = apply(softBounce("a@x", "2026-11-22T10:00:00Z")).orElseThrow();
        assertThat(r.channels()).containsEntry(Channel.EMAIL, standing(ChannelStatus.BOUNCED, "a@x"));
    }

    @Test
    void aDeliveryBetweenSoftBouncesStartsTheCountAgain() {
        apply(softBounce("a@x", "2026-11-20T10:00:00Z"));
        apply(softBounce("a@x", "2026-11-21T10:00:00Z"));
        assertThat(apply(email(FeedbackKind.DELIVERED, "a@x", "2026-11-21T12:00:00Z"))).isEmpty();
        assertThat(apply(softBounce("a@x", "2026-11-22T10:00:00Z"))).isEmpty();
        assertThat(apply(softBounce("a@x", "2026-11-23T10:00:00Z"))).isEmpty();
        assertThat(state.standings()).containsEntry(Channel.EMAIL, standing(ChannelStatus.OK, "a@x"));
        assertThat(apply(softBounce("a@x", "2026-11-24T10:00:00Z")).orElseThrow().channels())
                .containsEntry(Channel.EMAIL, standing(ChannelStatus.BOUNCED, "a@x"));
    }

    @Test
    void theSoftBounceLimitIsConfigurable() {
        EngagementRules one = new EngagementRules(1, Duration.ofDays(90), 3);
        assertThat(state.apply(softBounce("a@x", "2026-11-20T10:00:00Z"), one).orElseThrow().channels())
                .containsEntry(Channel.EMAIL, standing(ChannelStatus.BOUNCED, "a@x"));
    }

    @Test
    void aLaterDeliveryToTheBouncedAddressMakesItOk() {
        apply(hardBounce("a@x", "2026-11-20T10:00:00Z"));
        EngagementRecord r = apply(email(FeedbackKind.DELIVERED, "a@x", "2026-11-25T10:00:00Z")).orElseThrow();
        assertThat(r.channels()).containsEntry(Channel.EMAIL, standing(ChannelStatus.OK, "a@x"));
    }

    @Test
    void aNewAddressAfterABounceIsOkAndTheStatusFollowsIt() {
        apply(hardBounce("old@x", "2026-11-20T10:00:00Z"));
        EngagementRecord r = apply(email(FeedbackKind.DELIVERED, "new@x", "2026-11-21T10:00:00Z")).orElseThrow();
        assertThat(r.channels()).containsEntry(Channel.EMAIL, standing(ChannelStatus.OK, "new@x"));
        r = apply(hardBounce("new@x", "2026-11-22T10:00:00Z")).orElseThrow();
        assertThat(r.channels()).containsEntry(Channel.EMAIL, standing(ChannelStatus.BOUNCED, "new@x"));
    }

    @Test
    void aBouncedAddressStaysBouncedWhenTheChannelComesBackToIt() {
        apply(hardBounce("a@x", "2026-11-20T10:00:00Z"));
        apply(email(FeedbackKind.DELIVERED, "b@x", "2026-11-20T11:00:00Z"));
        EngagementRecord r = apply(softBounce("a@x", "2026-11-20T12:00:00Z")).orElseThrow();
        assertThat(r.channels()).containsEntry(Channel.EMAIL, standing(ChannelStatus.BOUNCED, "a@x"));
        r = apply(email(FeedbackKind.OPENED, "b@x", "2026-11-20T13:00:00Z")).orElseThrow();
        assertThat(r.channels()).as("b@x never bounced").containsEntry(Channel.EMAIL, standing(ChannelStatus.OK, "b@x"));
        r = apply(email(FeedbackKind.DELIVERED, "a@x", "2026-11-20T14:00:00Z")).orElseThrow();
        assertThat(r.channels()).containsEntry(Channel.EMAIL, standing(ChannelStatus.OK, "a@x"));
    }

    @Test
    void aDeliveryStampedBeforeTheBounceDoesNotUndoIt() {
        apply(hardBounce("a@x", "2026-11-20T10:00:00Z"));
        assertThat(apply(email(FeedbackKind.DELIVERED, "a@x", "2026-11-20T09:00:00Z"))).isEmpty();
        assertThat(state.standings()).containsEntry(Channel.EMAIL, standing(ChannelStatus.BOUNCED, "a@x"));
    }

    @Test
    void feedbackArrivingOutOfOrderWritesRecordsStampedWithTheLatestFeedbackSeen() {
        apply(softBounce("a@x", "2026-11-20T08:00:00Z"));
        apply(softBounce("a@x", "2026-11-20T06:00:00Z"));
        EngagementRecord r = apply(softBounce("a@x", "2026-11-20T07:00:00Z")).orElseThrow();
        assertThat(r.channels()).containsEntry(Channel.EMAIL, standing(ChannelStatus.BOUNCED, "a@x"));
        assertThat(r.at()).as("the job keeps the record with the latest at").isEqualTo(Instant.parse("2026-11-20T08:00:00Z").toEpochMilli());
    }

    @Test
    void aChannelRemembersItsLatestBouncedAddressesOnly() {
        for (int i = 0; i <= ChannelState.REMEMBERED; i++) {
            apply(hardBounce("a" + i + "@x", "2026-11-20T10:00:0" + i + "Z"));
        }
        apply(email(FeedbackKind.DELIVERED, "new@x", "2026-11-20T11:00:00Z"));
        EngagementRecord r = apply(softBounce("a1@x", "2026-11-20T12:00:00Z")).orElseThrow();
        assertThat(r.channels()).containsEntry(Channel.EMAIL, standing(ChannelStatus.BOUNCED, "a1@x"));
        r = apply(softBounce("a0@x", "2026-11-20T12:00:01Z")).orElseThrow();
        assertThat(r.channels()).as("the oldest was forgotten").containsEntry(Channel.EMAIL, standing(ChannelStatus.OK, "a0@x"));
    }

    @Test
    void softBouncesToAnotherAddressDoNotAddUp() {
        apply(softBounce("a@x", "2026-11-20T10:00:00Z"));
        apply(softBounce("a@x", "2026-11-21T10:00:00Z"));
        apply(softBounce("b@x", "2026-11-22T10:00:00Z"));
        assertThat(state.standings()).containsEntry(Channel.EMAIL, standing(ChannelStatus.OK, "b@x"));
    }

    @Test
    void complainedOrUnsubscribedOptOutUntilResubscribed() {
        apply(email(FeedbackKind.DELIVERED, "a@x", "2026-11-20T10:00:00Z"));
        assertThat(apply(email(FeedbackKind.COMPLAINED, "a@x", "2026-11-20T11:00:00Z")).orElseThrow().channels())
                .containsEntry(Channel.EMAIL, standing(ChannelStatus.OPTED_OUT, "a@x"));
        assertThat(apply(email(FeedbackKind.DELIVERED, "a@x", "2026-11-20T12:00:00Z"))).isEmpty();
        assertThat(apply(email(FeedbackKind.UNSUBSCRIBED, "a@x", "2026-11-20T13:00:00Z"))).isEmpty();
        assertThat(apply(email(FeedbackKind.RESUBSCRIBED, "a@x", "2026-11-21T10:00:00Z")).orElseThrow().channels())
                .containsEntry(Channel.EMAIL, standing(ChannelStatus.OK, "a@x"));
    }

    @Test
    void anOptOutHoldsForTheChannelWhateverTheAddress() {
        apply(email(FeedbackKind.UNSUBSCRIBED, "a@x", "2026-11-20T10:00:00Z"));
        EngagementRecord r = apply(email(FeedbackKind.DELIVERED, "b@x", "2026-11-21T10:00:00Z")).orElseThrow();
        assertThat(r.channels()).containsEntry(Channel.EMAIL, standing(ChannelStatus.OPTED_OUT, "b@x"));
    }

    @Test
    void channelsAreKeptApartAndListedInChannelOrder() {
        apply(Feedback.of(Channel.WHATSAPP, FeedbackKind.DELIVERED, "+48 1", "2026-11-20T10:00:00Z"));
        apply(Feedback.of(Channel.SMS, FeedbackKind.UNSUBSCRIBED, "+48 1", "2026-11-20T11:00:00Z"));
        EngagementRecord r = apply(hardBounce("a@x", "2026-11-20T12:00:00Z")).orElseThrow();
        assertThat(r.channels()).containsExactly(
                Map.entry(Channel.EMAIL, standing(ChannelStatus.BOUNCED, "a@x")),
                Map.entry(Channel.SMS, standing(ChannelStatus.OPTED_OUT, "+48 1")),
                Map.entry(Channel.WHATSAPP, standing(ChannelStatus.OK, "+48 1")));
    }

    @Test
    void thePreferredHourNeedsMinOpensOpensOrClicks() {
        apply(opened("2026-11-01T19:10:00Z")); // first record: the channel
        assertThat(apply(opened("2026-11-02T19:20:00Z"))).isEmpty();
        EngagementRecord r = apply(email(FeedbackKind.CLICKED, "a@x", "2026-11-03T19:30:00Z")).orElseThrow();
        assertThat(r.preferredHour()).isEqualTo(19);
    }

    @Test
    void theHourWithTheMostOpensWins() {
        apply(opened("2026-11-01T07:00:00Z"));
        apply(opened("2026-11-02T19:00:00Z"));
        assertThat(apply(opened("2026-11-03T19:59:59Z")).orElseThrow().preferredHour()).isEqualTo(19);
        assertThat(apply(opened("2026-11-04T07:30:00Z")).orElseThrow().preferredHour()).isEqualTo(7); // a tie
        assertThat(apply(opened("2026-11-05T19:01:00Z")).orElseThrow().preferredHour()).isEqualTo(19);
        assertThat(apply(opened("2026-11-06T07:01:00Z")).orElseThrow().preferredHour()).isEqualTo(7);
    }

    @Test
    void onATieTheEarliestHourWins() {
        apply(opened("2026-11-01T20:00:00Z"));
        apply(opened("2026-11-01T20:30:00Z"));
        assertThat(apply(opened("2026-11-02T09:00:00Z")).orElseThrow().preferredHour()).isEqualTo(20);
        assertThat(apply(opened("2026-11-03T09:00:00Z")).orElseThrow().preferredHour()).isEqualTo(9);
    }

    @Test
    void opensOlderThanTheWindowOfTheLatestFeedbackNoLongerCount() {
        apply(opened("2026-01-01T08:00:00Z"));
        apply(opened("2026-01-02T08:00:00Z"));
        assertThat(apply(opened("2026-01-03T08:00:00Z")).orElseThrow().preferredHour()).isEqualTo(8);
        // 90 days after the first open, it drops out: two are left, below min-opens
        EngagementRecord r = apply(email(FeedbackKind.DELIVERED, "a@x", "2026-04-01T08:00:00Z")).orElseThrow();
        assertThat(r.preferredHour()).isNull();
    }

    @Test
    void anOpenOlderThanTheWindowDoesNotCountAtAll() {
        apply(email(FeedbackKind.DELIVERED, "a@x", "2026-06-01T10:00:00Z"));
        apply(opened("2026-01-01T08:00:00Z"));
        apply(opened("2026-01-02T08:00:00Z"));
        assertThat(apply(opened("2026-01-03T08:00:00Z"))).isEmpty();
    }

    @Test
    void minOpensAndTheWindowAreConfigurable() {
        EngagementRules custom = new EngagementRules(3, Duration.ofDays(1), 1);
        assertThat(state.apply(opened("2026-11-01T06:00:00Z"), custom).orElseThrow().preferredHour()).isEqualTo(6);
        assertThat(state.apply(opened("2026-11-03T05:00:00Z"), custom).orElseThrow().preferredHour()).isEqualTo(5);
    }
}
