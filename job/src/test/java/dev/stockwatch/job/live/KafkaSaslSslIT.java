package dev.stockwatch.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.cli.LiveCommand;
import dev.stockwatch.job.io.KafkaPreflight;
import dev.stockwatch.job.io.Replay;
import dev.stockwatch.job.io.ReplayOutput;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample day through a secured broker: {@code deploy/local/kafka.sh start --sasl-ssl} (a
 * SASL_SSL listener, SCRAM-SHA-512, a CA and broker certificate made with keytool), the day
 * published by {@code publish.sh} and the live job connected with nothing but the
 * {@code kafka.properties.*} that the script wrote. The committed output equals the replay; a
 * wrong password stops the submission within seconds with a message that says so; no password
 * is in any log or printed configuration.
 */
class KafkaSaslSslIT {
    private static final Path SAMPLE = LocalScripts.ROOT.resolve("sample-data").resolve("day-in-the-shop");
    private static final Path RUN = Path.of("target", "sasl-ssl-run").toAbsolutePath();
    private static final Path SECURE = RUN.resolve("kafka").resolve("secure");
    private static final Map<String, String> ENV = Map.of("STOCKWATCH_RUN_DIR", RUN.toString(),
            "KAFKA_PORT", "19192", "KAFKA_CONTROLLER_PORT", "19193", "KAFKA_SASL_PORT", "19194");

    @BeforeAll
    static void startSecuredBroker() throws Exception {
        assertThat(LocalScripts.DIR.resolve("lib").resolve("kafka")).as("run deploy/local/setup.sh first").isDirectory();
        LocalScripts.run(ENV, "kafka.sh", "reset");
        LocalScripts.run(ENV, "kafka.sh", "start", "--sasl-ssl");
        LocalScripts.run(ENV, "topics.sh");
    }

    @AfterAll
    static void stopBroker() throws Exception {
        LocalScripts.run(ENV, "kafka.sh", "stop");
    }

    @Test
    void theSampleDayThroughSaslSslGivesTheReplayAndNoPasswordIsLoggedOrPrinted() throws Exception {
        Path settings = SECURE.resolve("stockwatch-sasl-ssl.yaml");
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("kafka.group-id", "stockwatch-sasl");
        keys.put("kafka.transactional-id-prefix", "stockwatch-sasl");
        keys.put("input.idle-timeout", "10 min");
        keys.put("checkpoint.interval", "1 s");
        StockwatchConfig config = StockwatchConfig.load(settings, keys);
        assertThat(config.kafkaBootstrapServers).isEqualTo("127.0.0.1:19194");

        StreamExecutionEnvironment replayEnv = StreamExecutionEnvironment.createLocalEnvironment(2, LiveEndToEndTest.localOnly());
        Replay.Result replay = Replay.run(replayEnv, SAMPLE, StockwatchConfig.defaults(), null, null);
        long expected = replay.output().byTopic().values().stream().mapToLong(List::size).sum();

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            config.describe().forEach((k, v) -> out.println(k + ": " + v));
            KafkaPreflight.check(config, out);
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("connected, every input topic exists");

        Map<String, String> publishEnv = new LinkedHashMap<>(ENV);
        publishEnv.put("STOCKWATCH_CONFIG", settings.toString());
        printed.writeBytes(LocalScripts.run(publishEnv, "publish.sh", SAMPLE.toString()).getBytes(StandardCharsets.UTF_8));
        publishClock(config, replay.until() + config.inputMaxDelay.toMillis() + 1);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, LiveEndToEndTest.localOnly());
        LiveCommand.define(env, config);
        JobClient job = env.executeAsync("stockwatch over SASL_SSL");
        List<ConsumerRecord<String, String>> live;
        try (KafkaConsumer<String, String> reader = EmbeddedKafka.committedReader(config.kafkaBootstrapServers,
                config.kafkaProperties(), LiveEndToEndTest.outputTopics(config))) {
            live = EmbeddedKafka.readUntil(reader, Duration.ofSeconds(90), all -> all.size() >= expected);
            live.addAll(EmbeddedKafka.readUntil(reader, Duration.ofSeconds(3), all -> false));
        } finally {
            job.cancel().get();
        }
        Map<String, List<String>> byTopic = live.stream().collect(Collectors.groupingBy(
                ConsumerRecord::topic, Collectors.mapping(r -> withoutPosition(LiveEndToEndTest.describe(r)), Collectors.toList())));
        for (String suffix : ReplayOutput.TOPICS) {
            assertThat(byTopic.getOrDefault(LiveEndToEndTest.outputTopic(config, suffix), List.of()))
                    .as(suffix).containsExactlyInAnyOrderElementsOf(replay.output().records(suffix).stream()
                            .map(r -> withoutPosition(LiveEndToEndTest.describe(r))).toList());
        }
        System.out.printf("SASL_SSL: %d committed records, the replay's exactly%n", live.size());

        List<String> secrets = secrets();
        assertThat(secrets).hasSize(3);
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(secrets).as("passwords in the printed configuration and output").noneMatch(text::contains);
        List<Path> logs = new ArrayList<>(List.of(Path.of("target", "live-test-jvm.log").toAbsolutePath()));
        try (Stream<Path> files = Files.list(RUN.resolve("kafka"))) {
            logs.addAll(files.filter(p -> p.toString().endsWith(".log")).toList());
        }
        try (Stream<Path> files = Files.list(SECURE)) {
            logs.addAll(files.filter(p -> p.toString().endsWith(".log")).toList());
        }
        assertThat(PersonalData.leaks(new java.util.TreeSet<>(secrets), logs)).as("passwords in logs").isEmpty();
    }

    @Test
    void aWrongPasswordStopsTheSubmissionWithinSecondsAndSaysWhy() throws Exception {
        Path settings = SECURE.resolve("stockwatch-sasl-ssl.yaml");
        String wrong = "not-the-password-4711";
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"stockwatch\" password=\""
                + wrong + "\";";
        Path jar = LocalScripts.ROOT.resolve("job/target/stockwatch.jar");
        ProcessBuilder pb = new ProcessBuilder("java", "-cp", jar.toString(), LiveCommand.class.getName(),
                "--config", settings.toString(), "--kafka.properties.sasl.jaas.config", jaas).redirectErrorStream(true);
        long started = System.nanoTime();
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("SASL_SSL, wrong password: stopped after %.1f s%n", seconds);
        assertThat(p.exitValue()).as(output).isNotZero();
        assertThat(output).contains("refused this job's credentials").contains("sasl.jaas.config")
                .doesNotContain(wrong);
        assertThat(secrets()).noneMatch(output::contains);
        assertThat(seconds).as("fails fast").isLessThan(30);
    }

    /**
     * A dead letter names where its record was read: a Kafka partition and offset live, a line
     * number in the replay. The rest (source, reason, payload) must be the same.
     */
    private static String withoutPosition(String described) {
        return described.replaceFirst("\"partition\":\\d+,", "").replaceFirst("\"offset\":\\d+,", "");
    }

    /** The SASL, keystore and truststore passwords that kafka.sh made. */
    private static List<String> secrets() throws Exception {
        return Files.readAllLines(SECURE.resolve("passwords")).stream()
                .filter(l -> l.contains("=")).map(l -> l.substring(l.indexOf('=') + 1)).toList();
    }

    /** Event time to the replay's final instant on every partition (see LiveEndToEndTest). */
    private static void publishClock(StockwatchConfig config, long clockAt) throws Exception {
        try (KafkaProducer<String, String> producer = EmbeddedKafka.producer(config.kafkaBootstrapServers, config.kafkaProperties())) {
            for (Topic t : Topic.values()) {
                int partitions = producer.partitionsFor(config.topic(t)).size();
                for (int p = 0; p < partitions; p++) {
                    producer.send(new ProducerRecord<>(config.topic(t), p, "clock", LiveEndToEndTest.clockRecord(t, clockAt)));
                }
            }
            producer.flush();
        }
    }
}
