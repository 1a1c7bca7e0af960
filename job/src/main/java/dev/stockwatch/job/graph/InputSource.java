package dev.stockwatch.job.graph;

import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.event.Topic;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the pipeline's inputs come from: files in a replay, Kafka topics live, collections in
 * tests. Each stream carries parsed events (or dead letters) with timestamps and watermarks.
 */
@FunctionalInterface
public interface InputSource {
    /** The stream of one input topic, or null when there is none (an absent replay file). */
    DataStream<ShopEvent> open(StreamExecutionEnvironment env, Topic topic);

    /**
     * Whether event time stands still until every input has been read, as in a replay of files:
     * then every input, the whole catalog included, arrives before the first decision, any version
     * of the catalog or of store stock may still be read, and none is dropped. Otherwise (live)
     * versions are kept for {@code broadcast.retention} behind the newest one.
     */
    default boolean holdsEventTimeUntilTheEnd() {
        return false;
    }
}
