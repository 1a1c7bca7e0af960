package dev.stockwatch.udfs.domain;

import static dev.stockwatch.udfs.domain.Channel.EMAIL;
import static dev.stockwatch.udfs.domain.Channel.PUSH;
import static dev.stockwatch.udfs.domain.Channel.SMS;
import static dev.stockwatch.udfs.domain.Channel.VIBER;
import static dev.stockwatch.udfs.domain.Channel.WHATSAPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockwatch.udfs.event.ChannelEngagement;
import dev.stockwatch.udfs.event.Consent;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.EngagementEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §7 channel: the first preferred channel with an address and consent. */
class ChannelChoiceTest {
    private static final List<Channel> ALL = List.of(EMAIL, PUSH, VIBER, WHATSAPP, SMS);

    private static CustomerProfile profile(String email, String phone, String push, Consent consent) {
        return new CustomerProfile("c1", email, phone, push, null, null, consent, "UTC", null, null, null, 0L);
    }

    @Test
    void theFirstReachableChannelWins() {
        CustomerProfile p = TestProfiles.everyAddress(TestProfiles.all(), "UTC");
        assertThat(ChannelChoice.choose(ALL, p, true)).isEqualTo(EMAIL);
        assertThat(ChannelChoice.choose(List.of(VIBER, EMAIL), p, true)).isEqualTo(VIBER);
    }

    @Test
    void consentWithoutAnAddressIsNotReachable() {
        CustomerProfile p = profile(null, null, "tok", TestProfiles.all());
        assertThat(ChannelChoice.choose(ALL, p, true)).isEqualTo(PUSH);
    }

    @Test
    void anAddressWithoutConsentIsNotReachable() {
        CustomerProfile p = profile("a@example.com", null, "tok", new Consent(false, false, true, false, false));
        assertThat(ChannelChoice.choose(ALL, p, true)).isEqualTo(PUSH);
    }

    @Test
    void aBlankAddressIsNotReachable() {
        CustomerProfile p = profile("   ", null, "", TestProfiles.all());
        assertThat(EMAIL.address(p)).isNull();
        assertThat(EMAIL.reachable(p)).isFalse();
        assertThat(ChannelChoice.choose(ALL, p, true)).isNull();
    }

    @Test
    void smsIsSkippedWhenNotAllowed() {
        CustomerProfile smsOnly = TestProfiles.only(SMS, "UTC");
        assertThat(ChannelChoice.choose(ALL, smsOnly, true)).isEqualTo(SMS);
        assertThat(ChannelChoice.choose(ALL, smsOnly, false)).isNull();
        CustomerProfile smsAndWhatsapp = TestProfiles.everyAddress(new Consent(false, true, false, false, true), "UTC");
        assertThat(ChannelChoice.choose(List.of(SMS, WHATSAPP), smsAndWhatsapp, false)).isEqualTo(WHATSAPP);
        assertThat(ChannelChoice.choose(List.of(SMS, WHATSAPP), smsAndWhatsapp, true)).isEqualTo(SMS);
    }

    @Test
    void nothingReachable() {
        assertThat(ChannelChoice.choose(ALL, TestProfiles.everyAddress(Consent.NONE, "UTC"), true)).isNull();
        assertThat(ChannelChoice.choose(List.of(), TestProfiles.everyAddress(TestProfiles.all(), "UTC"), true)).isNull();
    }

    @Test
    void everyChannelReadsItsOwnAddressAndConsent() {
        for (Channel c : Channel.values()) {
            CustomerProfile p = TestProfiles.only(c, "UTC");
            assertThat(ChannelChoice.choose(ALL, p, true)).isEqualTo(c);
        }
        CustomerProfile p = TestProfiles.everyAddress(TestProfiles.all(), "UTC");
        assertThat(EMAIL.address(p)).isEqualTo("ania@example.com");
        assertThat(SMS.address(p)).isEqualTo("+48600100200");
        assertThat(PUSH.address(p)).isEqualTo("push-token");
        assertThat(VIBER.address(p)).isEqualTo("viber-id");
        assertThat(WHATSAPP.address(p)).isEqualTo("whatsapp-id");
    }

    @ParameterizedTest(name = "value {0}, min {1}, segment {2} -> {3}")
    @CsvSource({
            "200, 200, regular, true",
            "250, 200, regular, true",
            "199.99, 200, regular, false",
            "10, 200, cant_lose, true",
            "10, 200, at_risk, true",
            "10, 200, champions, false",
            "10, 200, loyal, false",
            "10, 200, , false",
            "0, 0, regular, true",
    })
    void smsAllowedForCart(double value, double min, String segment, boolean allowed) {
        assertThat(ChannelChoice.smsAllowedForCart(value, min, segment)).isEqualTo(allowed);
    }

    @Test
    void channelIds() {
        assertThat(Channel.fromId("whatsapp")).isEqualTo(WHATSAPP);
        assertThat(EMAIL.id()).isEqualTo("email");
        assertThatThrownBy(() -> Channel.fromId("Email")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Channel.fromId("pigeon")).hasMessageContaining("pigeon");
    }

    // ---------------------------------------------------------------- engagement (SPEC §7)

    private static EngagementEvent engagement(ChannelEngagement email, ChannelEngagement viber) {
        return new EngagementEvent("c1", email, null, null, viber, null, null, 0L);
    }

    private static final List<Channel> EMAIL_THEN_VIBER = List.of(Channel.EMAIL, Channel.VIBER, Channel.SMS);

    @Test
    void anEmailThatBouncedForTheCurrentAddressFallsBackToViber() {
        CustomerProfile p = TestProfiles.everyAddress(TestProfiles.all(), "UTC");
        EngagementEvent bounced = engagement(new ChannelEngagement("bounced", "ania@example.com"), null);
        assertThat(ChannelChoice.choose(EMAIL_THEN_VIBER, p, bounced, true)).isEqualTo(Channel.VIBER);
    }

    @Test
    void aBounceOfAnOldAddressDoesNotCount() {
        CustomerProfile p = TestProfiles.everyAddress(TestProfiles.all(), "UTC");
        EngagementEvent bounced = engagement(new ChannelEngagement("bounced", "old@example.com"), null);
        assertThat(ChannelChoice.choose(EMAIL_THEN_VIBER, p, bounced, true)).isEqualTo(Channel.EMAIL);
    }

    @Test
    void aBounceWithoutAnAddressCountsForAnyAddress() {
        CustomerProfile p = TestProfiles.everyAddress(TestProfiles.all(), "UTC");
        assertThat(ChannelChoice.choose(EMAIL_THEN_VIBER, p, engagement(new ChannelEngagement("bounced", null), null), true))
                .isEqualTo(Channel.VIBER);
    }

    @Test
    void optedOutRulesTheChannelOutWhateverTheAddress() {
        CustomerProfile p = TestProfiles.everyAddress(TestProfiles.all(), "UTC");
        EngagementEvent optedOut = engagement(new ChannelEngagement("opted_out", "old@example.com"),
                new ChannelEngagement("opted_out", null));
        assertThat(ChannelChoice.choose(EMAIL_THEN_VIBER, p, optedOut, true)).isEqualTo(Channel.SMS);
        assertThat(ChannelChoice.choose(EMAIL_THEN_VIBER, p, optedOut, false)).as("sms not allowed").isNull();
    }

    @Test
    void okAndNoRecordLeaveTheListAsItIs() {
        CustomerProfile p = TestProfiles.everyAddress(TestProfiles.all(), "UTC");
        assertThat(ChannelChoice.choose(EMAIL_THEN_VIBER, p, engagement(new ChannelEngagement("ok", "ania@example.com"), null), true))
                .isEqualTo(Channel.EMAIL);
        assertThat(ChannelChoice.choose(EMAIL_THEN_VIBER, p, null, true)).isEqualTo(Channel.EMAIL);
    }
}
