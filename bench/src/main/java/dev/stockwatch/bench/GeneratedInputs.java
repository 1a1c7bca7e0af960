package dev.stockwatch.bench;

import dev.stockwatch.job.io.InputParsing;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.graph.InputSource;
import dev.stockwatch.udfs.event.Topic;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Generator sources for the benchmarks: the JSON of a {@link ShopStream} (or any per-topic
 * function), parsed exactly as Kafka and file inputs are, with monotonous event-time watermarks.
 */
final class GeneratedInputs implements InputSource {
    interface Events extends java.io.Serializable {
        /** How many events the topic has. */
        long count(Topic topic);

        /** The JSON of event k of the topic. */
        String json(Topic topic, long k);
    }

    private final Events events;

    GeneratedInputs(Events events) {
        this.events = events;
    }

    static GeneratedInputs of(ShopStream shop) {
        return new GeneratedInputs(new Events() {
            @Override
            public long count(Topic topic) {
                return shop.count(topic);
            }

            @Override
            public String json(Topic topic, long k) {
                return shop.json(topic, k);
            }
        });
    }

    @Override
    public DataStream<ShopEvent> open(StreamExecutionEnvironment env, Topic topic) {
        long n = events.count(topic);
        if (n == 0) {
            return null;
        }
        Events source = events;
        GeneratorFunction<Long, String> json = k -> source.json(topic, k);
        DataGeneratorSource<String> generator = new DataGeneratorSource<>(json, n, Types.STRING);
        return env.fromSource(generator, WatermarkStrategy.noWatermarks(), "generate " + topic.defaultName())
                .uid("bench-source-" + topic.defaultName())
                .setParallelism(1)
                .map(text -> {
                    Timing.recordSeen();
                    return InputParsing.parse(topic, topic.defaultName(), 0, 0, text, Long.MAX_VALUE);
                })
                .returns(TypeInformation.of(ShopEvent.class))
                .uid("bench-parse-" + topic.defaultName())
                .name("parse " + topic.defaultName())
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<ShopEvent>forMonotonousTimestamps()
                        .withTimestampAssigner((e, previous) -> e.at()))
                .uid("bench-watermarks-" + topic.defaultName())
                .setParallelism(1);
    }

}
