package dev.stockwatch.udfs.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §6: cartHash is a stable hash of the sorted (sku, quantity) lines. */
class CartHashTest {

    @Test
    void independentOfInsertionOrder() {
        Map<String, Integer> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Integer> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);
        assertThat(CartHash.of(ab)).isEqualTo(CartHash.of(ba));
    }

    @Test
    void sensitiveToQuantity() {
        assertThat(CartHash.of(Map.of("a", 1, "b", 2))).isNotEqualTo(CartHash.of(Map.of("a", 1, "b", 3)));
        assertThat(CartHash.of(Map.of("a", 1))).isNotEqualTo(CartHash.of(Map.of("a", 2)));
    }

    @Test
    void sensitiveToLines() {
        assertThat(CartHash.of(Map.of("a", 1, "b", 2))).isNotEqualTo(CartHash.of(Map.of("a", 1)));
        assertThat(CartHash.of(Map.of("a", 1))).isNotEqualTo(CartHash.of(Map.of("b", 1)));
        assertThat(CartHash.of(Map.of("a", 1))).isNotEqualTo(CartHash.of(Map.of()));
    }

    @Test
    void skuAndQuantityCannotBeConfused() {
        assertThat(CartHash.of(Map.of("a1", 1))).isNotEqualTo(CartHash.of(Map.of("a", 11)));
        assertThat(CartHash.of(Map.of("a=1;b", 1))).isNotEqualTo(CartHash.of(Map.of("a", 1, "b", 1)));
    }

    @Test
    void stableAcrossRunsAndMachines() {
        String hash = CartHash.of(Map.of("5KSM175-ER", 1, "KHB2351", 2));
        assertThat(hash).matches("[0-9a-f]{16}");
        // pinned: a change here changes every cartHash, incentive code and notificationId of a running job
        assertThat(hash).isEqualTo("84f7ce7703a07eb3");
        assertThat(CartHash.of(Map.of())).isEqualTo(Hashing.digest(16, "cart", ""));
    }
}
