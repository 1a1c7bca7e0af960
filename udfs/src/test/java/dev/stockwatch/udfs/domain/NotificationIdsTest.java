package dev.stockwatch.udfs.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §3: deterministic notification ids from the documented parts. */
class NotificationIdsTest {
    private static final long EPISODE = 1_790_000_000_000L;

    @Test
    void backInStockIsDeterministicAndIgnoresSkuOrder() {
        String id = NotificationIds.backInStock("c1", EPISODE, List.of("s2", "s1", "s3"));
        assertThat(id).matches("bis-[0-9a-f]{32}");
        assertThat(NotificationIds.backInStock("c1", EPISODE, List.of("s1", "s2", "s3"))).isEqualTo(id);
        assertThat(NotificationIds.backInStock("c1", EPISODE, List.of("s3", "s1", "s2"))).isEqualTo(id);
    }

    @Test
    void separatorsInsideIdsCannotMakeTwoNotificationsOne() {
        assertThat(NotificationIds.backInStock("c1", EPISODE, List.of("A,B")))
                .isNotEqualTo(NotificationIds.backInStock("c1", EPISODE, List.of("A", "B")));
        assertThat(NotificationIds.soldOutAgain("c|1", "s1", EPISODE)).isNotEqualTo(NotificationIds.soldOutAgain("c", "1|s1", EPISODE));
        assertThat(NotificationIds.backInStock("c1", EPISODE, List.of("A\\", "B")))
                .isNotEqualTo(NotificationIds.backInStock("c1", EPISODE, List.of("A\\,B")));
    }

    @Test
    void idsWithoutSeparatorsKeepTheIdsOfEarlierVersions() {
        assertThat(NotificationIds.backInStock("c1", EPISODE, List.of("s2", "s1"))).isEqualTo("bis-4edda616609a812eed6d1ee9db1d67fe");
        assertThat(NotificationIds.soldOutAgain("c1", "s1", EPISODE)).isEqualTo("soa-7923fd9b83e71c34848b311cb1226b1d");
    }

    @Test
    void backInStockDiffersByEveryPart() {
        String id = NotificationIds.backInStock("c1", EPISODE, List.of("s1", "s2"));
        assertThat(NotificationIds.backInStock("c2", EPISODE, List.of("s1", "s2"))).isNotEqualTo(id);
        assertThat(NotificationIds.backInStock("c1", EPISODE + 1, List.of("s1", "s2"))).isNotEqualTo(id);
        assertThat(NotificationIds.backInStock("c1", EPISODE, List.of("s1"))).isNotEqualTo(id);
        assertThat(NotificationIds.backInStock("c1", EPISODE, List.of("s1", "s3"))).isNotEqualTo(id);
    }

    @Test
    void soldOutAgainDiffersByEveryPart() {
        String id = NotificationIds.soldOutAgain("c1", "s1", EPISODE);
        assertThat(id).matches("soa-[0-9a-f]{32}");
        assertThat(NotificationIds.soldOutAgain("c1", "s1", EPISODE)).isEqualTo(id);
        assertThat(NotificationIds.soldOutAgain("c2", "s1", EPISODE)).isNotEqualTo(id);
        assertThat(NotificationIds.soldOutAgain("c1", "s2", EPISODE)).isNotEqualTo(id);
        assertThat(NotificationIds.soldOutAgain("c1", "s1", EPISODE + 1)).isNotEqualTo(id);
    }

    @Test
    void abandonedCartDiffersByStepAndContents() {
        String step1 = NotificationIds.abandonedCart("c1", "hash-a", 1);
        assertThat(step1).matches("cart-[0-9a-f]{32}");
        assertThat(NotificationIds.abandonedCart("c1", "hash-a", 1)).isEqualTo(step1);
        assertThat(NotificationIds.abandonedCart("c1", "hash-a", 2)).isNotEqualTo(step1);
        assertThat(NotificationIds.abandonedCart("c1", "hash-a", 3))
                .isNotEqualTo(step1)
                .isNotEqualTo(NotificationIds.abandonedCart("c1", "hash-a", 2));
        assertThat(NotificationIds.abandonedCart("c1", "hash-b", 1)).isNotEqualTo(step1);
        assertThat(NotificationIds.abandonedCart("c2", "hash-a", 1)).isNotEqualTo(step1);
    }

    @Test
    void kindsNeverShareAnId() {
        assertThat(NotificationIds.backInStock("c1", EPISODE, List.of("s1")))
                .isNotEqualTo(NotificationIds.soldOutAgain("c1", "s1", EPISODE));
    }

    @Test
    void incentiveCodeIsDeterministicPerCustomerCartAndStep() {
        String code = NotificationIds.incentiveCode("c1", "hash-a", 2);
        assertThat(code).matches("SW-[0-9A-F]{10}");
        assertThat(NotificationIds.incentiveCode("c1", "hash-a", 2)).isEqualTo(code);
        assertThat(NotificationIds.incentiveCode("c1", "hash-a", 3)).isNotEqualTo(code);
        assertThat(NotificationIds.incentiveCode("c1", "hash-b", 2)).isNotEqualTo(code);
        assertThat(NotificationIds.incentiveCode("c2", "hash-a", 2)).isNotEqualTo(code);
    }

    @Test
    void idsArePinned() {
        // replays and restored savepoints must produce the same ids as before: a change here breaks dedupe
        assertThat(NotificationIds.abandonedCart("c-1042", "0123456789abcdef", 2))
                .isEqualTo("cart-15c0d5adcc9f035c93a8186ad7184b41");
        assertThat(NotificationIds.backInStock("c-1042", EPISODE, List.of("KHB2351", "5KSM175-ER")))
                .isEqualTo("bis-d6a64c4dad6fc26f7f3b00b2e6f96afe");
        assertThat(NotificationIds.soldOutAgain("c-1042", "5KSM175-ER", EPISODE))
                .isEqualTo("soa-34f5a0d0ef66fbf2cf2b09f0581c5069");
        assertThat(NotificationIds.incentiveCode("c-1042", "0123456789abcdef", 2)).isEqualTo("SW-14B1E1DF3A");
        assertThat(Hashing.digest(8, "abc")).isEqualTo("ba7816bf"); // SHA-256("abc")
        assertThat(Hashing.digest(8, "a", "bc")).isEqualTo(Hashing.digest(8, "a|bc"));
    }
}
