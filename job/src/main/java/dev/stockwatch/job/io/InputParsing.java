package dev.stockwatch.job.io;

import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.event.Topic;
import dev.stockwatch.udfs.output.DeadLetter;
import dev.stockwatch.udfs.parse.EventParser;
import dev.stockwatch.udfs.parse.InvalidEventException;
import dev.stockwatch.udfs.parse.Utf8Text;

/** Turns one raw input record into an event, or into a dead letter with the reason it was rejected. */
public final class InputParsing {
    private InputParsing() {}

    /** Reason of a dead letter whose bytes are not UTF-8 text. */
    public static final String NOT_UTF8 = "not valid UTF-8 text";

    /** A record as it came, bytes: rejected if they are not UTF-8, else as {@link #parse(Topic, String, int, long, String, long)}. */
    public static ShopEvent parse(Topic topic, String source, int partition, long offset, byte[] raw, int length,
            long latestAllowedAt) {
        Utf8Text.Decoded text = Utf8Text.decode(raw, 0, length);
        if (!text.valid()) {
            return ShopEvent.rejected(topic, DeadLetter.of(NOT_UTF8, source, partition, offset, text.text()));
        }
        return parse(topic, source, partition, offset, text.text(), latestAllowedAt);
    }

    /**
     * @param source the topic name as the dead letter should show it
     * @param partition the Kafka partition, or -1 for a file
     * @param offset the Kafka offset, or the line number in a file
     * @param latestAllowedAt see {@link EventParser#parse(Topic, String, long)}
     */
    public static ShopEvent parse(
            Topic topic, String source, int partition, long offset, String payload, long latestAllowedAt) {
        try {
            return ShopEvent.of(topic, EventParser.parse(topic, payload, latestAllowedAt), Math.max(partition, 0), offset);
        } catch (InvalidEventException e) {
            return ShopEvent.rejected(topic, DeadLetter.of(e.getMessage(), source, partition, offset, payload));
        }
    }
}
