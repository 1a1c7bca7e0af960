package dev.stockwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stockwatch.job.cli.LiveCommand;
import dev.stockwatch.job.io.KafkaInputs;
import dev.stockwatch.job.io.KafkaOutputs;
import dev.stockwatch.job.live.EmbeddedKafka;
import dev.stockwatch.job.metrics.CollectedMetrics;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Figure 3: restock event to notification record, over a real Kafka broker (KRaft, in this JVM)
 * and the live job's Kafka sources, at a steady input rate in the realistic mix. Every event is
 * stamped with the wall clock when it is sent; a back-in-stock notification carries the restock's
 * event time as {@code triggeredAt}, and its latency is the moment a {@code read_committed}
 * consumer receives it minus that. Measured with the at-least-once sink and with the job's
 * exactly-once (transactional) sink.
 */
final class KafkaLatency {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> CHANNELS = List.of("email", "sms", "push", "viber", "whatsapp");
    private static final int CUSTOMERS = 20_000;
    private static final int SKUS = 2_000;

    private final int parallelism;
    private final int runs;
    private final Path tmp;
    private final int rate;
    private final int seconds;
    private final int warmUpSeconds;
    /** The state backend: hashmap (the low-latency setting) or rocksdb (incremental checkpoints, as deployed). */
    private final String backend;
    /** Whether the state changes also go to Flink's changelog (the low-latency setting: incremental checkpoints of heap state). */
    private final boolean changelog;
    private final Duration checkpointInterval;
    private final Duration bufferTimeout;
    private final Duration watermarkInterval;
    private final Duration maxDelay;
    private final Duration idleTimeout;
    private int runId;

    KafkaLatency(int parallelism, int runs, Path tmp, Map<String, String> options) {
        this.parallelism = parallelism;
        this.runs = runs;
        this.tmp = tmp;
        this.rate = Integer.parseInt(options.getOrDefault("rate", "5000"));
        this.seconds = Integer.parseInt(options.getOrDefault("latency-seconds", "40"));
        this.warmUpSeconds = Integer.parseInt(options.getOrDefault("latency-warm-up", "15"));
        this.checkpointInterval = Duration.ofMillis(Long.parseLong(options.getOrDefault("checkpoint-ms", "1000")));
        this.bufferTimeout = Duration.ofMillis(Long.parseLong(options.getOrDefault("buffer-timeout-ms", "5")));
        this.watermarkInterval = Duration.ofMillis(Long.parseLong(options.getOrDefault("watermark-interval-ms", "10")));
        this.maxDelay = Duration.ofMillis(Long.parseLong(options.getOrDefault("max-delay-ms", "0")));
        this.idleTimeout = Duration.ofMillis(Long.parseLong(options.getOrDefault("idle-timeout-ms", "1000")));
        this.backend = options.getOrDefault("latency-backend", "hashmap");
        this.changelog = Boolean.parseBoolean(options.getOrDefault("latency-changelog", "true"));
    }

    /** Latencies of one run, in milliseconds. */
    record Result(List<Long> latencies, List<Long> inJob, double inputRate, long lateInputs, JsonNode checkpoints) {
        double percentile(double p) {
            return percentile(latencies, p);
        }

        static double percentile(List<Long> values, double p) {
            List<Long> sorted = new ArrayList<>(values);
            sorted.sort(null);
            if (sorted.isEmpty()) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
        }
    }

    void measure(Report report) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka-" + System.nanoTime()))) {
            // the first job in this JVM runs while the JIT compiles the broker, the clients and the
            // job: one untimed run first, so that the first measured run is like the others
            Result warmUp = once(kafka, false, 10);
            System.out.printf("latency warm-up run: p50 %.0f ms, p99 %.0f ms (not reported)%n",
                    warmUp.percentile(50), warmUp.percentile(99));
            for (boolean exactlyOnce : List.of(false, true)) {
                List<Double> p50 = new ArrayList<>();
                List<Double> p99 = new ArrayList<>();
                List<Double> max = new ArrayList<>();
                List<Double> samples = new ArrayList<>();
                List<Double> rates = new ArrayList<>();
                List<Double> late = new ArrayList<>();
                List<Double> jobP50 = new ArrayList<>();
                List<Double> jobP99 = new ArrayList<>();
                List<Double> checkpointP50 = new ArrayList<>();
                List<Double> checkpointMax = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    Result result = once(kafka, exactlyOnce, seconds);
                    p50.add(result.percentile(50));
                    p99.add(result.percentile(99));
                    max.add(result.percentile(100));
                    samples.add((double) result.latencies().size());
                    rates.add(result.inputRate());
                    late.add((double) result.lateInputs());
                    double inJob50 = Result.percentile(result.inJob(), 50);
                    double inJob99 = Result.percentile(result.inJob(), 99);
                    jobP50.add(inJob50);
                    jobP99.add(inJob99);
                    checkpointP50.add(result.checkpoints().path("p50").asDouble(Double.NaN));
                    checkpointMax.add(result.checkpoints().path("max").asDouble(Double.NaN));
                    System.out.println("  checkpoint end-to-end durations, ms: " + result.checkpoints());
                    System.out.printf("latency %s run %d: %d notifications, p50 %.0f ms, p99 %.0f ms, max %.0f ms, input %.0f ev/s, %d late inputs, in the job p50 %.0f ms p99 %.0f ms max %.0f ms%n",
                            exactlyOnce ? "exactly-once" : "at-least-once", r + 1, result.latencies().size(),
                            result.percentile(50), result.percentile(99), result.percentile(100), result.inputRate(),
                            result.lateInputs(), inJob50, inJob99, Result.percentile(result.inJob(), 100));
                }
                long limit = exactlyOnce ? checkpointInterval.toMillis() + 500 : 100;
                String target = "p99 <= " + limit + " ms" + (exactlyOnce ? " (checkpoint interval + 500 ms)" : "");
                report.figure("3", "Latency over real Kafka, " + (exactlyOnce ? "exactly-once" : "at-least-once")
                                + " sink, " + backend + " state" + (changelog ? " with the changelog" : "") + ", checkpoint every " + checkpointInterval.toMillis() + " ms: restock event to notification record in notify.*")
                        .row("input events/s (steady, realistic mix)", rates, null)
                        .row("notifications measured", samples, null)
                        .row("p50 ms", p50, null)
                        .row("p99 ms", p99, v -> (v <= limit ? "**met** (" : "**missed** (") + target + ")")
                        .row("max ms", max, null)
                        .row("of which in the job (Kafka timestamp of the notification record - restock), p50 ms", jobP50, null)
                        .row("of which in the job, p99 ms", jobP99, null)
                        .row("checkpoint duration (trigger to completed), p50 ms", checkpointP50, null)
                        .row("checkpoint duration, max ms", checkpointMax, null)
                        .row("late inputs (arrived behind the watermark, applied out of order)", late, null);
            }
        }
    }

    private Result once(EmbeddedKafka kafka, boolean exactlyOnce, int seconds) throws Exception {
        String suffix = "-r" + (++runId);
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        overrides.put("kafka.group-id", "bench" + suffix);
        overrides.put("kafka.transactional-id-prefix", "bench" + suffix);
        overrides.put("kafka.properties.linger.ms", "0");
        for (Topic topic : Topic.values()) {
            overrides.put("topic." + topic.defaultName(), topic.defaultName() + suffix);
        }
        overrides.put("sink.topic-prefix", "notify" + suffix + ".");
        overrides.put("input.max-delay", maxDelay.toMillis() + " ms");
        overrides.put("input.idle-timeout", idleTimeout.toMillis() + " ms");
        overrides.put("notify.batch-window", "0 s");
        overrides.put("checkpoint.interval", checkpointInterval.toMillis() + " ms");
        StockwatchConfig config = StockwatchConfig.load(null, overrides);

        Map<String, Integer> topics = new HashMap<>();
        for (Topic topic : Topic.values()) {
            topics.put(config.topic(topic), parallelism);
        }
        List<String> notifyTopics = new ArrayList<>();
        for (String channel : CHANNELS) {
            notifyTopics.add(config.sinkTopicPrefix + channel);
        }
        for (String out : dev.stockwatch.job.io.ReplayOutput.TOPICS) { // every output topic the job writes
            topics.put(config.sinkTopicPrefix + out, 1);
        }
        kafka.createTopics(topics);

        ShopStream shop = new ShopStream(0, CUSTOMERS, SKUS);
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            // every customer has a profile with an email address and email consent before the clock starts
            long now = System.currentTimeMillis();
            for (int c = 0; c < CUSTOMERS; c++) {
                producer.send(new ProducerRecord<>(config.topic(Topic.CUSTOMERS), c % parallelism, null,
                        "{\"customerId\":\"c-" + c + "\",\"email\":\"c" + c + "@example.com\",\"consent\":{\"email\":true},"
                                + "\"at\":\"" + Instant.ofEpochMilli(now) + "\"}"));
            }
            producer.flush();

            Configuration conf = Bench.flinkConf(tmp, backend);
            conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true); // as deployed (RocksDB; the heap backend ignores it)
            if (changelog) {
                conf.addAll(changelogSettings(tmp.resolve("changelog" + suffix)));
            }
            int restPort = EmbeddedKafka.freePort();
            conf.set(RestOptions.BIND_PORT, Integer.toString(restPort));
            conf.addAll(CollectedMetrics.reporterConfig());
            CollectedMetrics.clear();
            conf.addAll(LiveCommand.liveSettings(config));
            conf.setString("execution.buffer-timeout.interval", bufferTimeout.toMillis() + " ms");
            conf.setString("pipeline.auto-watermark-interval", watermarkInterval.toMillis() + " ms");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
            DataStream<OutputRecord> out = new StockwatchPipeline(config, new KafkaInputs(config), StockwatchPipeline.NO_END).build(env);
            if (exactlyOnce) {
                KafkaOutputs.attach(out, config);
            } else {
                out.sinkTo(KafkaOutputs.sink(config, DeliveryGuarantee.AT_LEAST_ONCE)).uid("sink-kafka").name("kafka (at least once)");
            }
            JobClient job = env.executeAsync("bench-latency");

            List<long[]> received = new ArrayList<>();
            AtomicBoolean stop = new AtomicBoolean();
            Thread reader = new Thread(() -> read(kafka, notifyTopics, received, stop), "latency-reader");
            reader.start();

            long start = System.currentTimeMillis();
            long measureFrom = start + warmUpSeconds * 1000L;
            long end = measureFrom + seconds * 1000L;
            long sent = 0;
            long sentInWindow = 0;
            Map<Topic, Long> counters = new EnumMap<>(Topic.class);
            long t;
            while ((t = System.currentTimeMillis()) < end) {
                long due = (t - start) * rate / 1000;
                for (; sent < due; sent++) {
                    Topic topic = pick(sent);
                    long k = counters.merge(topic, 1L, Long::sum);
                    long at = System.currentTimeMillis();
                    producer.send(new ProducerRecord<>(config.topic(topic), (int) (k % parallelism), null, shop.json(topic, k, at)));
                    if (at >= measureFrom) {
                        sentInWindow++;
                    }
                }
                Thread.sleep(1);
            }
            producer.flush();
            // the last notifications: exactly once, they become visible with the next checkpoint
            Thread.sleep(exactlyOnce ? checkpointInterval.toMillis() + 3000 : 3000);
            stop.set(true);
            reader.join();
            JsonNode checkpoints = checkpointDurations(restPort, job.getJobID().toHexString());
            printBusyTime(restPort, job.getJobID().toHexString());
            job.cancel().get(60, TimeUnit.SECONDS);

            List<Long> latencies = new ArrayList<>();
            List<Long> inJob = new ArrayList<>();
            synchronized (received) {
                for (long[] r : received) {
                    if (r[1] >= measureFrom && r[1] < end) {
                        latencies.add(r[0] - r[1]);
                        inJob.add(r[2] - r[1]);
                    }
                }
            }
            return new Result(latencies, inJob, sentInWindow / (double) seconds, CollectedMetrics.count("lateInputs"), checkpoints);
        }
    }

    /**
     * Flink's changelog of state changes (FLIP-158), as the README's low-latency setting has it: a
     * checkpoint uploads the changes since the previous one, and the state itself is written in
     * the background every {@code state.changelog.periodic-materialize.interval}: here every
     * 10 s instead of the default 10 min, so that each measured run includes a few.
     */
    static Configuration changelogSettings(Path dir) {
        Configuration conf = new Configuration();
        conf.setString("state.changelog.enabled", "true");
        conf.setString("state.changelog.storage", "filesystem");
        conf.setString("state.changelog.dstl.dfs.base-path", dir.toUri().toString());
        conf.setString("state.changelog.periodic-materialize.interval", "10 s");
        return conf;
    }

    /**
     * The end-to-end durations of the job's completed checkpoints (Flink's REST summary, ms). Also
     * prints, for the latest completed checkpoint, where each operator's subtasks spent the time.
     */
    private static JsonNode checkpointDurations(int restPort, String jobId) throws Exception {
        JsonNode overview = rest(restPort, "/jobs/" + jobId + "/checkpoints");
        JsonNode latest = overview.path("latest").path("completed");
        if (latest.has("id")) {
            JsonNode vertices = rest(restPort, "/jobs/" + jobId).path("vertices");
            for (JsonNode vertex : vertices) {
                String id = vertex.path("id").asText();
                JsonNode subtasks = rest(restPort, "/jobs/" + jobId + "/checkpoints/details/"
                        + latest.path("id").asLong() + "/subtasks/" + id).path("subtasks");
                StringBuilder line = new StringBuilder("    " + vertex.path("name").asText());
                for (JsonNode sub : subtasks) {
                    line.append(String.format(" | e2e %d start-delay %d align %d sync %d async %d",
                            sub.path("end_to_end_duration").asLong(), sub.path("start_delay").asLong(),
                            sub.path("alignment").path("duration").asLong(), sub.path("checkpoint").path("sync").asLong(),
                            sub.path("checkpoint").path("async").asLong()));
                }
                System.out.println(line);
            }
            System.out.println("  latest checkpoint: " + latest.path("end_to_end_duration").asLong() + " ms");
        }
        return overview.path("summary").path("end_to_end_duration");
    }

    /**
     * Prints, per operator chain, how much of each second its subtasks were busy and how much they
     * waited on back pressure (Flink's task metrics, the average of the subtasks at the end of the
     * run): the busiest chain that is not back-pressured is the bottleneck.
     */
    private static void printBusyTime(int restPort, String jobId) throws Exception {
        for (JsonNode vertex : rest(restPort, "/jobs/" + jobId).path("vertices")) {
            JsonNode metrics = rest(restPort, "/jobs/" + jobId + "/vertices/" + vertex.path("id").asText()
                    + "/subtasks/metrics?get=busyTimeMsPerSecond,backPressuredTimeMsPerSecond");
            StringBuilder line = new StringBuilder("  busy/back-pressured ms per s:");
            for (JsonNode metric : metrics) {
                line.append(String.format(" %s avg %.0f max %.0f;", metric.path("id").asText().replace("TimeMsPerSecond", ""),
                        metric.path("avg").asDouble(), metric.path("max").asDouble()));
            }
            System.out.println(line.append(' ').append(vertex.path("name").asText()));
        }
    }

    private static JsonNode rest(int restPort, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** The realistic mix: 60 % cart, 20 % stock, 10 % interest, 8 % orders, 2 % profiles. */
    private static Topic pick(long n) {
        int r = (int) Math.floorMod(ShopStream.mix(n), 100L);
        return r < 60 ? Topic.CART : r < 80 ? Topic.STOCK : r < 90 ? Topic.INTEREST : r < 98 ? Topic.ORDERS : Topic.CUSTOMERS;
    }

    private static void read(EmbeddedKafka kafka, List<String> topics, List<long[]> received, AtomicBoolean stop) {
        try (KafkaConsumer<String, String> consumer = kafka.committedReader(topics)) {
            while (!stop.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.currentTimeMillis();
                    Header kind = record.headers().lastHeader(KafkaOutputs.KIND_HEADER);
                    if (kind == null || !"back_in_stock".equals(new String(kind.value(), StandardCharsets.UTF_8))) {
                        continue;
                    }
                    JsonNode n = JSON.readTree(record.value());
                    long triggeredAt = Instant.parse(n.get("triggeredAt").asText()).toEpochMilli();
                    synchronized (received) {
                        received.add(new long[] {now, triggeredAt, record.timestamp()});
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("reading notify.* failed", e);
        }
    }

    /**
     * The bench's producer: not idempotent (acks from the leader only, no retries), so a request
     * that times out on a busy machine does not leave it retrying a batch with a reset
     * sequence number (OutOfOrderSequenceException, seen here under load).
     */
    private static KafkaProducer<String, String> producer(EmbeddedKafka kafka) {
        Properties p = new Properties();
        p.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        p.setProperty(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        p.setProperty(ProducerConfig.ACKS_CONFIG, "1");
        p.setProperty(ProducerConfig.RETRIES_CONFIG, "0");
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        p.setProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "60000");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }
}
