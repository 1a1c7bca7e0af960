package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.cart;
import static dev.stockwatch.job.TestEvents.cartStep;
import static dev.stockwatch.job.TestEvents.catalogEntry;
import static dev.stockwatch.job.TestEvents.order;
import static dev.stockwatch.job.TestEvents.posOrder;

import static dev.stockwatch.job.TestEvents.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockwatch.job.HarnessState;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.udfs.event.Consent;
import dev.stockwatch.udfs.event.CustomerProfile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Abandoned-cart steps through the delivery policy: segments, incentives, channels, quiet hours. */
class CartDeliveryTest extends DeliveryOperatorTest {
    private static CustomerProfile profile(String id, String email, String phone, String push, String viber, String zone,
            Consent consent, String segment) {
        return new CustomerProfile(id, email, phone, push, viber, null, consent, zone, null, segment, null, 0L);
    }

    private static final Consent ALL = new Consent(true, true, true, true, true);

    /** Five orders 100–140 days before 2026-11-20: R > 90 and F >= 5 make the customer cant_lose. */
    private void cantLoseHistory(String customer) throws Exception {
        for (int d = 100; d <= 140; d += 10) {
            send(order(customer, "old-" + d, java.time.Instant.ofEpochMilli(t("10:00") - d * 86_400_000L).toString()));
        }
    }

    @Test
    void championsGetNoLadderOneSuppressionAndTheLaterStepsAreDropped() throws Exception {
        send(profileInput(profile("c-ch", "ch@example.com", null, null, null, "UTC", ALL, "champions")),
                cartStep("c-ch", 1, "10:00", "11:00", 50, "mug"), cartStep("c-ch", 2, "10:00", "2026-11-21T10:00:00Z", 50, "mug"));
        harness.watermark(t("2026-11-22T00:00:00Z"));
        assertThat(outputs()).singleElement().satisfies(n -> {
            assertThat(n.path("reason").asText()).isEqualTo("segment_excluded");
            assertThat(n.path("step").asInt()).isEqualTo(1);
        });
        assertThat(HarnessState.keyedStateEntries(harness)).as("the profile, the excluded ladder and its timer").isEqualTo(3);
        harness.watermark(t("2026-11-23T10:00:00Z"));
        assertThat(HarnessState.keyedStateEntries(harness)).as("the excluded ladder is forgotten after its last step").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void cantLoseGets15PercentAtStep2BoundToTheCartHash() throws Exception {
        cantLoseHistory("c-cl");
        send(profileInput(profile("c-cl", "cl@example.com", null, null, null, "UTC", ALL, null)),
                cartStep("c-cl", 2, "2026-11-19T10:00:00Z", "10:00", 50, "mug", "tea"));
        harness.watermark(t("10:00"));
        JsonNode n = outputs().get(0);
        assertThat(n.path("segment").asText()).isEqualTo("cant_lose");
        assertThat(n.path("incentive").path("percentOff").asInt()).isEqualTo(15);
        assertThat(n.path("incentive").path("cartHash").asText()).isEqualTo(n.path("cart").path("cartHash").asText());
        assertThat(n.path("incentive").path("expiresAt").asText()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(n.path("incentive").path("code").asText()).startsWith("SW-");
        assertThat(n.path("cart").path("value").asDouble()).isEqualTo(100.0);
    }

    @Test
    void smsIsUsedForStep3OnlyForValuableCartsOrCustomersAtRisk() throws Exception {
        Consent smsOnly = new Consent(false, true, false, false, false);
        send(profileInput(profile("c-cheap", null, "+48100", null, null, "UTC", smsOnly, null)),
                profileInput(profile("c-rich", null, "+48200", null, null, "UTC", smsOnly, null)),
                profileInput(profile("c-risk", null, "+48300", null, null, "UTC", smsOnly, "at_risk")),
                cartStep("c-cheap", 3, "2026-11-17T10:00:00Z", "10:00", 199.99, "mug"),
                cartStep("c-rich", 3, "2026-11-17T10:00:00Z", "10:00", 200, "mixer"),
                cartStep("c-risk", 3, "2026-11-17T10:00:00Z", "10:00", 20, "mug"));
        harness.watermark(t("10:00"));
        assertThat(outputs()).extracting(n -> n.path("customerId").asText() + " " + n.path("_topic").asText()
                        + " " + n.path("reason").asText(""))
                .containsExactlyInAnyOrder("c-cheap suppressed no_reachable_channel", "c-rich sms ", "c-risk sms ");
    }

    @Test
    void aCustomerWithoutEmailFallsBackToViber() throws Exception {
        send(profileInput(profile("c-v", null, null, null, "viber-42", "UTC", ALL, null)),
                cartStep("c-v", 1, "09:00", "10:00", 50, "mug"));
        harness.watermark(t("10:00"));
        assertThat(outputs()).singleElement().satisfies(n -> {
            assertThat(n.path("channel").asText()).isEqualTo("viber");
            assertThat(n.path("address").asText()).isEqualTo("viber-42");
        });
    }

    @Test
    void aHeldCartReminderIsCancelledByAPosOrderAndLeavesNothingHeld() throws Exception {
        Consent pushOnly = new Consent(false, false, true, false, false);
        // step 3 (push first) at 22:00 Warsaw time is held until 08:00; the customer buys in a store at 07:30
        send(profileInput(profile("c-p", null, null, "tok", null, "Europe/Warsaw", pushOnly, null)),
                cartStep("c-p", 3, "2026-11-17T21:00:00Z", "21:00", 50, "mug"),
                posOrder("c-p", "mug", "2026-11-21T06:30:00Z"));
        harness.watermark(t("2026-11-21T07:00:00Z"));
        assertThat(outputs()).singleElement().satisfies(n -> {
            assertThat(n.path("reason").asText()).isEqualTo("ordered");
            assertThat(n.path("eventTime").asText()).isEqualTo("2026-11-21T07:00:00Z");
        });
        assertThat(HarnessState.keyedStateEntries(harness)).as("nothing held: the profile, the order history for RFM and its timer")
                .isEqualTo(3);
        harness.watermark(t("2027-11-22T00:00:00Z"));
        assertThat(HarnessState.keyedStateEntries(harness)).as("the order left the RFM year: only the profile").isEqualTo(1);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aHeldCartReminderIsCancelledWhenTheCartChanges() throws Exception {
        Consent pushOnly = new Consent(false, false, true, false, false);
        send(profileInput(profile("c-p", null, null, "tok", null, "Europe/Warsaw", pushOnly, null)),
                cartStep("c-p", 3, "2026-11-17T21:00:00Z", "21:00", 50, "mug"),
                cart("c-p", "tea", "23:00"));
        harness.watermark(t("2026-11-21T07:00:00Z"));
        assertThat(outputs()).singleElement().satisfies(n -> assertThat(n.path("reason").asText()).isEqualTo("cart_changed"));
    }

    @Test
    void newYorkQuietHoursAndTheNightOfTheDaylightSavingChange() throws Exception {
        Consent pushOnly = new Consent(false, false, true, false, false);
        // 2026-11-01: New York leaves daylight saving at 02:00 local; 22:00 EDT on Oct 31 = 02:00Z Nov 1
        send(profileInput(profile("c-ny", null, null, "tok", null, "America/New_York", pushOnly, null)),
                cartStep("c-ny", 1, "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", 50, "mug"));
        harness.watermark(t("2026-11-01T12:59:59Z"));
        assertThat(outputs()).isEmpty();
        // 08:00 EST (UTC-5) on Nov 1 = 13:00Z
        harness.watermark(t("2026-11-01T13:00:00Z"));
        assertThat(outputs()).singleElement()
                .satisfies(n -> assertThat(n.path("eventTime").asText()).isEqualTo("2026-11-01T13:00:00Z"));
    }

    @Test
    void cartItemsCarryTheCatalogEntryInForceAtTheDecision() throws Exception {
        long before = t("09:30");
        long after = t("10:30");
        harness.processBroadcastElement(catalogEntry("mug", "Stoneware mug", 11.5, "09:30"), before);
        harness.processBroadcastElement(catalogEntry("mug", "Renamed mug", 99.0, "10:30"), after);
        send(profileInput(profile("c-m", "m@example.com", null, null, null, "UTC", ALL, null)),
                cartStep("c-m", 1, "09:00", "10:00", 10, "mug", "tea"));
        harness.watermark(t("10:00"));
        JsonNode items = outputs().get(0).path("items");
        assertThat(items.get(0).path("name").asText()).isEqualTo("Stoneware mug");
        assertThat(items.get(0).path("price").asDouble()).isEqualTo(11.5);
        assertThat(items.get(1).path("sku").asText()).isEqualTo("tea");
        assertThat(items.get(1).has("name")).isFalse();
        assertThat(items.get(1).path("price").asDouble()).as("the cart's unit price without a catalog entry").isEqualTo(10.0);
        assertThat(items.get(1).path("url").asText()).isEqualTo("https://shop.example/p/tea");
    }

    private CustomerInput profileInput(CustomerProfile p) {
        return dev.stockwatch.job.TestEvents.profile(p, "2026-01-01T00:00:00Z");
    }
}
