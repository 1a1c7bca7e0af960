package dev.stockwatch.job.delivery;

import static dev.stockwatch.job.TestEvents.cartStep;
import static dev.stockwatch.job.TestEvents.engagement;
import static dev.stockwatch.job.TestEvents.order;
import static dev.stockwatch.job.TestEvents.t;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stockwatch.job.HarnessState;
import dev.stockwatch.job.TestEvents;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.udfs.event.ChannelEngagement;
import dev.stockwatch.udfs.event.Consent;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.Topic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §7 engagement, send time and nearest store in the delivery operator. */
class EngagementDeliveryTest extends DeliveryOperatorTest {
    private static final Consent EMAIL_AND_VIBER = new Consent(true, false, false, true, false);
    private static CustomerInput profile(String id, String homeStore) {
        return TestEvents.profile(new CustomerProfile(id, id + "@example.com", null, null, "vb-" + id, null, EMAIL_AND_VIBER,
                "Europe/Warsaw", null, null, homeStore, 0L), "2026-01-01T00:00:00Z");
    }

    @Test
    void anEmailBouncedForTheCurrentAddressFallsBackToViberAndANewAddressIsUsable() throws Exception {
        send(profile("c-1", null), engagement("c-1", new ChannelEngagement("bounced", "c-1@example.com"), null, "09:00"),
                cartStep("c-1", 1, "09:00", "10:00", 50, "mug"));
        harness.watermark(t("10:00"));
        assertThat(outputs()).singleElement().satisfies(n -> assertThat(n.path("_topic").asText()).isEqualTo("viber"));
        // the profile changes to a new address: email is usable again
        harness.getOutput().clear();
        send(TestEvents.profile(new CustomerProfile("c-1", "new@example.com", null, null, "vb-c-1", null, EMAIL_AND_VIBER,
                "Europe/Warsaw", null, null, null, 0L), "11:00"), cartStep("c-1", 1, "11:00", "12:00", 60, "cup"));
        harness.watermark(t("12:00"));
        assertThat(outputs()).singleElement().satisfies(n -> assertThat(n.path("address").asText()).isEqualTo("new@example.com"));
    }

    @Test
    void aStepHeldToThePreferredHourIsCancelledByAnOrderAndLeavesNothingHeld() throws Exception {
        send(profile("c-2", null), engagement("c-2", null, 19, "2026-11-19T00:00:00Z"),
                cartStep("c-2", 2, "2026-11-19T10:00:00Z", "10:00", 50, "mug"));
        harness.watermark(t("10:00"));
        assertThat(outputs()).as("held to 19:00 UTC").isEmpty();
        send(order("c-2", "mug", "12:00"));
        harness.watermark(t("19:00"));
        assertThat(outputs()).singleElement().satisfies(n -> {
            assertThat(n.path("reason").asText()).isEqualTo("ordered");
            assertThat(n.path("eventTime").asText()).isEqualTo("2026-11-20T19:00:00Z");
        });
        assertThat(harness.numEventTimeTimers()).as("only the order history's pruning, a year on").isEqualTo(1);
        harness.watermark(t("2027-11-21T00:00:00Z"));
        assertThat(HarnessState.keyedStateEntries(harness)).as("profile and engagement only").isEqualTo(2);
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aStepHeldToThePreferredHourGoesOutThen() throws Exception {
        send(profile("c-3", null), engagement("c-3", null, 19, "2026-11-19T00:00:00Z"),
                cartStep("c-3", 2, "2026-11-19T10:00:00Z", "10:00", 50, "mug"));
        harness.watermark(t("19:00"));
        assertThat(outputs()).singleElement().satisfies(n -> {
            assertThat(n.path("_topic").asText()).isEqualTo("email");
            assertThat(n.path("eventTime").asText()).isEqualTo("2026-11-20T19:00:00Z");
            assertThat(n.path("step").asInt()).isEqualTo(2);
        });
    }

    @Test
    void cartItemsCarryWhatTheHomeStoreReportedAtTheDecision() throws Exception {
        harness.processBroadcastElement(TestEvents.stockReport("mug", "waw-01", 4, "08:00"), t("08:00"));
        harness.processBroadcastElement(TestEvents.stockReport("mug", "krk-02", 9, "09:00"), t("09:00"));
        harness.processBroadcastElement(TestEvents.stockReport("mug", "waw-01", 0, "10:00"), t("10:00"));
        harness.processBroadcastElement(TestEvents.stockReport("mug", "waw-01", 7, "10:00:01"), t("10:00:01"));
        send(profile("c-4", "waw-01"), profile("c-5", null), cartStep("c-4", 1, "09:00", "10:00", 50, "mug", "tea"),
                cartStep("c-5", 1, "09:00", "10:00", 50, "mug"));
        harness.watermark(t("10:00"));
        List<JsonNode> out = outputs();
        JsonNode home = out.stream().filter(n -> n.path("customerId").asText().equals("c-4")).findFirst().orElseThrow();
        assertThat(home.path("items").get(0).path("inStore").asLong()).as("the report at the decision instant counts").isZero();
        assertThat(home.path("items").get(0).has("inStore")).isTrue();
        assertThat(home.path("items").get(1).has("inStore")).as("never reported there").isFalse();
        JsonNode noStore = out.stream().filter(n -> n.path("customerId").asText().equals("c-5")).findFirst().orElseThrow();
        assertThat(noStore.path("items").get(0).has("inStore")).isFalse();
    }
}
