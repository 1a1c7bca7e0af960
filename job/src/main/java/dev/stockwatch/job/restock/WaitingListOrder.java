package dev.stockwatch.job.restock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/** The fair order of a waiting list (SPEC §4): earliest subscription first, ties by customer id. */
final class WaitingListOrder {
    static final Comparator<Map.Entry<String, Waiter>> FIFO =
            Comparator.<Map.Entry<String, Waiter>>comparingLong(e -> e.getValue().placeAt())
                    .thenComparing(Map.Entry::getKey);

    private WaitingListOrder() {}

    /** The first {@code n} waiters in list order. */
    static List<Map.Entry<String, Waiter>> firstN(Iterable<Map.Entry<String, Waiter>> waiting, long n) {
        if (n <= 0) {
            return List.of();
        }
        PriorityQueue<Map.Entry<String, Waiter>> worstFirst = new PriorityQueue<>(FIFO.reversed());
        for (Map.Entry<String, Waiter> e : waiting) {
            worstFirst.add(Map.entry(e.getKey(), e.getValue()));
            if (worstFirst.size() > n) {
                worstFirst.poll();
            }
        }
        List<Map.Entry<String, Waiter>> out = new ArrayList<>(worstFirst);
        out.sort(FIFO);
        return out;
    }
}
