package dev.stockwatch.job.model;

/**
 * One record for an output topic: {@code topic} is the suffix after {@code sink.topic-prefix}
 * (email, sms, push, viber, whatsapp, suppressed, dlq), {@code key} the Kafka key (customerId, or
 * the source topic for dead letters), {@code kind} the header (null for dead letters), {@code
 * eventTime} epoch millis (Long.MIN_VALUE when absent) and {@code json} the payload.
 */
public record OutputRecord(String topic, String key, String kind, long eventTime, String json) {
    public static final String SUPPRESSED = "suppressed";
    public static final String DLQ = "dlq";
}
