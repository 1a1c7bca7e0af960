package dev.stockwatch.udfs.output;

/** A rejected input record (topic {@code notify.dlq}). Partition is -1 where there is none (files). */
public record DeadLetter(String reason, String source, int partition, long offset, String payload) {
    /** Payloads are cut at 64 KiB. */
    public static final int MAX_PAYLOAD_CHARS = 64 * 1024;

    public static DeadLetter of(String reason, String source, int partition, long offset, String payload) {
        String cut = payload == null ? "" : payload;
        if (cut.length() > MAX_PAYLOAD_CHARS) {
            cut = cut.substring(0, MAX_PAYLOAD_CHARS);
        }
        return new DeadLetter(reason, source, partition, offset, cut);
    }
}
