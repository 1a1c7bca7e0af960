package dev.stockwatch.job.io;

import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Live output (SPEC §3, §11): every {@link OutputRecord} goes to {@code sink.topic-prefix +
 * record.topic()} with the customer id as key, a {@code kind} header (not on dead letters) and
 * the JSON payload as value, through Kafka transactions ({@link DeliveryGuarantee#EXACTLY_ONCE}):
 * senders reading with {@code isolation.level=read_committed} see each record once, when the
 * checkpoint that covers it completes.
 *
 * <p>{@code transaction.timeout.ms} is 15 minutes, the broker's default maximum ({@code
 * transaction.max.timeout.ms}); it must exceed the longest expected checkpoint plus restart time.
 * A {@code kafka.properties.transaction.timeout.ms} wins, for brokers with a lower maximum. The
 * Kafka record timestamp is left to the producer (the time of writing): event times lie in the
 * payload, and old event times as record timestamps would make a backfill eligible for deletion
 * by time-based retention at once.
 */
public final class KafkaOutputs {
    /** 15 minutes: the broker's default {@code transaction.max.timeout.ms}. */
    public static final String TRANSACTION_TIMEOUT_MS = "900000";
    /** The header that carries the notification kind. */
    public static final String KIND_HEADER = "kind";

    private KafkaOutputs() {}

    /** Writes the records to Kafka; the sink's uid is {@code sink-kafka}. */
    public static DataStreamSink<OutputRecord> attach(DataStream<OutputRecord> records, StockwatchConfig config) {
        return records.sinkTo(sink(config))
                .uid("sink-kafka")
                .name("kafka " + config.sinkTopicPrefix + "*");
    }

    /** The live job's sink: exactly once, with Kafka transactions. */
    public static KafkaSink<OutputRecord> sink(StockwatchConfig config) {
        return sink(config, DeliveryGuarantee.EXACTLY_ONCE);
    }

    /** The sink with another delivery guarantee (the latency bench compares them). */
    public static KafkaSink<OutputRecord> sink(StockwatchConfig config, DeliveryGuarantee guarantee) {
        Properties properties = new Properties();
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            properties.setProperty(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, TRANSACTION_TIMEOUT_MS);
        }
        properties.putAll(config.kafkaProperties());
        var builder = KafkaSink.<OutputRecord>builder()
                .setKafkaProducerConfig(properties)
                .setBootstrapServers(config.kafkaBootstrapServers)
                .setDeliveryGuarantee(guarantee)
                .setRecordSerializer(new OutputRecordSerializer(config.sinkTopicPrefix));
        if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
            builder.setTransactionalIdPrefix(config.kafkaTransactionalIdPrefix);
        }
        return builder.build();
    }

    /** Topic from the record, key = customer id, header {@code kind}, value = the JSON payload. */
    public static final class OutputRecordSerializer implements KafkaRecordSerializationSchema<OutputRecord> {
        private static final long serialVersionUID = 1L;

        private final String topicPrefix;

        public OutputRecordSerializer(String topicPrefix) {
            this.topicPrefix = topicPrefix;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(OutputRecord record, KafkaSinkContext context, Long timestamp) {
            RecordHeaders headers = new RecordHeaders();
            if (record.kind() != null) {
                headers.add(KIND_HEADER, record.kind().getBytes(StandardCharsets.UTF_8));
            }
            return new ProducerRecord<>(
                    topicPrefix + record.topic(),
                    null,
                    null,
                    record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
                    record.json().getBytes(StandardCharsets.UTF_8),
                    headers);
        }
    }
}
