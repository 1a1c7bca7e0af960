package dev.stockwatch.job.io;

import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.graph.InputSource;
import dev.stockwatch.udfs.event.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
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

    @Override
    public boolean holdsEventTimeUntilTheEnd() {
        return true;
    }

    @Override
    public DataStream<ShopEvent> open(StreamExecutionEnvironment env, Topic topic) {
        Path file = fileOf(dir, topic);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        FileSource<ShopEvent> source = FileSource.forRecordStreamFormat(
                        new JsonLinesFormat(topic), new org.apache.flink.core.fs.Path(file.toAbsolutePath().toUri()))
                .build();
        return env.fromSource(source, replayWatermarks(), "read " + topic.defaultName() + ".jsonl")
                .uid("source-" + topic.defaultName())
                .setParallelism(1);
    }
}
