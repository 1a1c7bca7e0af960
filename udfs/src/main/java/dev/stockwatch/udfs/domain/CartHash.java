package dev.stockwatch.udfs.domain;

import java.util.Map;
import java.util.TreeMap;

/** A stable hash of a cart's contents: the sorted (sku, quantity) lines (SPEC §6). */
public final class CartHash {
    private CartHash() {}

    public static String of(Map<String, Integer> quantities) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Integer> line : new TreeMap<>(quantities).entrySet()) {
            sb.append(line.getKey().length()).append(':').append(line.getKey()).append('=').append(line.getValue()).append(';');
        }
        return Hashing.digest(16, "cart", sb);
    }
}
