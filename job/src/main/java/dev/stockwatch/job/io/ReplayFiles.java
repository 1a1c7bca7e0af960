package dev.stockwatch.job.io;

import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.graph.InputSource;
import dev.stockwatch.udfs.event.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Replay input: {@code DIR/<topic>.jsonl} per topic; a missing file is an empty stream. Event time
 * advances only when every file is read, so a replay applies everything in exact event-time order
 * however the files are ordered inside.
 */
public final class ReplayFiles implements InputSource {
    private final Path dir;

    public ReplayFiles(Path dir) {
        this.dir = dir;
    }

    public static Path fileOf(Path dir, Topic topic) {
        return dir.resolve(topic.defaultName() + ".jsonl");
    }

    public static WatermarkStrategy<ShopEvent> replayWatermarks() {
        return WatermarkStrategy.<ShopEvent>noWatermarks().withTimestampAssigner((e, previous) -> e.at());
    }

    /** An empty stream (Flink's sources of a collection fail on an empty one). */
    private static DataStream<ShopEvent> nothing(StreamExecutionEnvironment env, Topic topic) {
        return env.fromSequence(0, 0)
                .uid("source-" + topic.defaultName())
                .name("no input files")
                .setParallelism(1)
                .flatMap((Long n, org.apache.flink.util.Collector<ShopEvent> out) -> { })
                .returns(TypeInformation.of(ShopEvent.class))
                .uid("nothing-" + topic.defaultName())
                .name("nothing")
                .setParallelism(1);
    }

    private boolean noFileAtAll() {
        for (Topic topic : Topic.values()) {
            if (Files.isRegularFile(fileOf(dir, topic))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean holdsEventTimeUntilTheEnd() {
        return true;
    }

    /**
     * The topic's file as a stream, or null when it is missing (nothing to read). A directory with
     * no file at all still has one stream, empty, so that the replay runs and writes empty outputs
     * and a summary of zeros.
     */
    @Override
    public DataStream<ShopEvent> open(StreamExecutionEnvironment env, Topic topic) {
        Path file = fileOf(dir, topic);
        if (!Files.isRegularFile(file)) {
            return topic == Topic.values()[0] && noFileAtAll() ? nothing(env, topic) : null;
        }
        FileSource<ShopEvent> source = FileSource.forRecordStreamFormat(
                        new JsonLinesFormat(topic), new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
                .build();
        return env.fromSource(source, replayWatermarks(), "read " + topic.defaultName() + ".jsonl")
                .uid("source-" + topic.defaultName())
                .setParallelism(1);
    }
}
