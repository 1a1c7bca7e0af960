package dev.stockwatch.udfs.output;

import dev.stockwatch.udfs.parse.Utf8Text;

/** A rejected input record (topic {@code notify.dlq}). Partition is -1 where there is none (files). */
public record DeadLetter(String reason, String source, int partition, long offset, String payload) {
    /** Payloads are cut at 64 KiB of UTF-8, between characters. */
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    public static DeadLetter of(String reason, String source, int partition, long offset, String payload) {
        return new DeadLetter(reason, source, partition, offset, Utf8Text.cut(payload == null ? "" : payload, MAX_PAYLOAD_BYTES));
    }
}
