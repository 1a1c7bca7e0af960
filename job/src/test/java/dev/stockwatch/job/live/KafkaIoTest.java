package dev.stockwatch.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.io.KafkaInputs;
import dev.stockwatch.job.io.KafkaOutputs;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The Kafka edges of the live job without a broker: records in, records out, client settings. */
class KafkaIoTest {
    private static final StockwatchConfig CONFIG = StockwatchConfig.load(null, Map.of(
            "kafka.bootstrap-servers", "broker-1:9093,broker-2:9093",
            "kafka.group-id", "sw-test",
            "kafka.properties.security.protocol", "SASL_SSL",
            "kafka.properties.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required password=\"s3cret\";",
            "topic.cart", "shop.cart.v1",
            "sink.topic-prefix", "out."));

    @Test
    void aValidRecordBecomesAnEventStampedWithItsAt() {
        ShopEvent e = read(Topic.CART, 2, 41, "{\"type\":\"clear\",\"customerId\":\"c-1\",\"at\":\"2026-11-20T12:00:00Z\"}");
        assertThat(e.isDeadLetter()).isFalse();
        assertThat(e.at()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z").toEpochMilli());
        assertThat(e.key().seq()).as("input order: partition, then offset").isEqualTo((2L << 40) | 41);
    }

    @Test
    void badRecordsBecomeDeadLettersWithTopicPartitionAndOffset() {
        ShopEvent garbage = read(Topic.CART, 1, 7, "not json");
        assertThat(garbage.isDeadLetter()).isTrue();
        assertThat(garbage.at()).isEqualTo(Long.MIN_VALUE);
        assertThat(garbage.deadLetter().source()).isEqualTo("shop.cart.v1");
        assertThat(garbage.deadLetter().partition()).isEqualTo(1);
        assertThat(garbage.deadLetter().offset()).isEqualTo(7);
        assertThat(garbage.deadLetter().payload()).isEqualTo("not json");

        ShopEvent tombstone = read(Topic.CART, 0, 3, null);
        assertThat(tombstone.deadLetter().reason()).contains("tombstone");
        assertThat(tombstone.deadLetter().offset()).isEqualTo(3);
    }

    @Test
    void anAtTooFarAheadOfTheWallClockIsRejected() {
        Instant soon = Instant.now().plus(Duration.ofHours(23));
        Instant tooLate = Instant.now().plus(Duration.ofHours(25));
        assertThat(read(Topic.CART, 0, 1, clear(soon)).isDeadLetter()).isFalse();
        assertThat(read(Topic.CART, 0, 2, clear(tooLate)).deadLetter().reason()).contains("input.max-future");
    }

    @Test
    void outputRecordsGoToThePrefixedTopicWithKeyKindHeaderAndPayload() {
        var serializer = new KafkaOutputs.OutputRecordSerializer(CONFIG.sinkTopicPrefix);
        ProducerRecord<byte[], byte[]> n = serializer.serialize(
                new OutputRecord("email", "c-1", "back_in_stock", 5L, "{\"a\":1}"), null, 99L);
        assertThat(n.topic()).isEqualTo("out.email");
        assertThat(new String(n.key(), StandardCharsets.UTF_8)).isEqualTo("c-1");
        assertThat(new String(n.value(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
        assertThat(new String(n.headers().lastHeader("kind").value(), StandardCharsets.UTF_8)).isEqualTo("back_in_stock");
        assertThat(n.timestamp()).as("left to the producer").isNull();
        assertThat(n.partition()).isNull();

        ProducerRecord<byte[], byte[]> dead = serializer.serialize(
                new OutputRecord(OutputRecord.DLQ, "cart", null, Long.MIN_VALUE, "{}"), null, null);
        assertThat(dead.topic()).isEqualTo("out.dlq");
        assertThat(dead.headers().lastHeader("kind")).isNull();
    }

    @Test
    void kafkaPropertiesReachTheConsumerAndTheProducer() throws Exception {
        KafkaSource<ShopEvent> source = KafkaInputs.source(CONFIG, Topic.CART);
        Method getConfiguration = KafkaSource.class.getDeclaredMethod("getConfiguration");
        getConfiguration.setAccessible(true);
        Map<String, String> consumer = ((Configuration) getConfiguration.invoke(source)).toMap();
        assertThat(consumer)
                .containsEntry("bootstrap.servers", "broker-1:9093,broker-2:9093")
                .containsEntry("group.id", "sw-test")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsKey("sasl.jaas.config");

        KafkaSink<OutputRecord> sink = KafkaOutputs.sink(CONFIG);
        Method getProducerConfig = KafkaSink.class.getDeclaredMethod("getKafkaProducerConfig");
        getProducerConfig.setAccessible(true);
        Properties producer = (Properties) getProducerConfig.invoke(sink);
        assertThat(producer.getProperty("bootstrap.servers")).isEqualTo("broker-1:9093,broker-2:9093");
        assertThat(producer.getProperty("security.protocol")).isEqualTo("SASL_SSL");
        assertThat(producer.getProperty("transaction.timeout.ms")).isEqualTo("900000");

        KafkaSink<OutputRecord> lower = KafkaOutputs.sink(StockwatchConfig.load(null,
                Map.of("kafka.properties.transaction.timeout.ms", "300000")));
        assertThat(((Properties) getProducerConfig.invoke(lower)).getProperty("transaction.timeout.ms")).isEqualTo("300000");

        assertThat(CONFIG.describe().get("kafka.properties.sasl.jaas.config")).doesNotContain("s3cret");
    }

    private static String clear(Instant at) {
        return "{\"type\":\"clear\",\"customerId\":\"c-1\",\"at\":\"" + at + "\"}";
    }

    private static ShopEvent read(Topic topic, int partition, long offset, String payload) {
        var deserializer = new KafkaInputs.ShopEventDeserializer(topic, CONFIG.inputMaxFuture);
        List<ShopEvent> out = new ArrayList<>();
        deserializer.deserialize(new ConsumerRecord<>(CONFIG.topic(topic), partition, offset, null,
                payload == null ? null : payload.getBytes(StandardCharsets.UTF_8)), new Collector<>() {
                    @Override
                    public void collect(ShopEvent record) {
                        out.add(record);
                    }

                    @Override
                    public void close() {}
                });
        assertThat(out).hasSize(1);
        return out.get(0);
    }
}
