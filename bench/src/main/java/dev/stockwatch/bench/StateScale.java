package dev.stockwatch.bench;

import dev.stockwatch.job.io.InputParsing;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.graph.InputSource;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.shaded.guava33.com.google.common.hash.Hashing;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * Figure 4: state at scale in RocksDB. (a) Loads {@code scale-max} waiting subscriptions and
 * {@code carts} open carts, then takes full (non-incremental) checkpoints of it and restores the
 * job from one: bytes per waiting subscription in the checkpoint, checkpoint size and time,
 * restore time. (b) Events/s of the same realistic mix after 10k, 100k and 1M subscriptions were
 * loaded: the per-event cost as the state grows.
 */
final class StateScale {
    /** Subscriptions go to skus and customers of their own, so the mix afterwards neither releases nor touches them. */
    private static final int WAIT_SKUS = 10_000;
    static final AtomicLong EMITTED = new AtomicLong();
    static final AtomicLong MIX_STARTED = new AtomicLong();
    static final AtomicLong MIX_DONE = new AtomicLong();
    /** The run whose load has been emitted, and whether its mix may start (after the checkpoint of the load). */
    static final AtomicInteger LOADED = new AtomicInteger();
    static final AtomicLong MIX_RELEASED = new AtomicLong();
    /** The flatness run under way: a source of an earlier, cancelled run leaves the marks alone. */
    static final java.util.concurrent.atomic.AtomicInteger RUN = new java.util.concurrent.atomic.AtomicInteger();

    private final int parallelism;
    private final int runs;
    private final Path tmp;
    private final int scaleMax;
    private final int carts;
    private final int mixEvents;
    private final List<Integer> sizes;

    StateScale(int parallelism, int runs, Path tmp, Map<String, String> options) {
        this.parallelism = parallelism;
        this.runs = runs;
        this.tmp = tmp;
        this.scaleMax = Integer.parseInt(options.getOrDefault("scale-max", "1000000"));
        this.carts = Integer.parseInt(options.getOrDefault("carts", "200000"));
        this.mixEvents = Integer.parseInt(options.getOrDefault("mix-events", "10000"));
        List<Integer> s = new ArrayList<>();
        for (int size = 10_000; size < scaleMax; size *= 10) {
            s.add(size);
        }
        s.add(scaleMax);
        this.sizes = s;
    }

    void measure(Report report) throws Exception {
        checkpointAndRestore(report);
        flatness(report);
    }

    // --- (a) checkpoint and restore ---------------------------------------------------------

    /**
     * RocksDB with incremental checkpoints into {@code checkpoints}, as deployed, triggered by hand
     * only (a full one is asked for as such).
     */
    private Configuration checkpointed(Path checkpoints) {
        Configuration conf = Bench.flinkConf(tmp, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.setString("execution.checkpointing.interval", "1 h");
        return conf;
    }

    private void checkpointAndRestore(Report report) throws Exception {
        Path checkpoints = Files.createDirectories(tmp.resolve("checkpoints-" + System.nanoTime()));
        Configuration conf = checkpointed(checkpoints);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2 * runs + 3);
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).build());
        cluster.start();
        try {
            long total = (long) scaleMax + carts;
            EMITTED.set(0);
            long t0 = System.nanoTime();
            JobID job = cluster.submitJob(loadJob(conf, total, null)).get().getJobID();
            double startup = awaitRunning(cluster, job);
            while (EMITTED.get() < total) {
                Thread.sleep(100);
            }
            Thread.sleep(1000); // the watermark past the last record
            // a first, untimed checkpoint: its barrier follows every loaded record and the watermark
            // past them, so when it completes the whole load is applied and the job is idle
            checkpoint(cluster, job, checkpoints, CheckpointType.FULL);
            double loadSeconds = (System.nanoTime() - t0) / 1e9 - startup;
            System.out.printf("state: %d subscriptions + %d carts loaded in %.1f s%n", scaleMax, carts, loadSeconds);

            List<Double> sizeMb = new ArrayList<>();
            List<Double> seconds = new ArrayList<>();
            List<Double> perSubscription = new ArrayList<>();
            List<Double> perCart = new ArrayList<>();
            String path = null;
            for (int r = 0; r < runs; r++) {
                long c0 = System.nanoTime();
                path = checkpoint(cluster, job, checkpoints, CheckpointType.FULL);
                seconds.add((System.nanoTime() - c0) / 1e9);
                Path dir = Path.of(java.net.URI.create(path.startsWith("file:") ? path : "file://" + path));
                Map<String, Long> byUid = stateSizes(dir);
                // from the metadata: with incremental checkpoints configured, the files of a full one
                // are not all in its own directory
                sizeMb.add(byUid.entrySet().stream().filter(e -> !e.getKey().equals(OPERATOR_STATE))
                        .mapToLong(Map.Entry::getValue).sum() / 1e6);
                perSubscription.add(byUid.getOrDefault("waiting-list", 0L) / (double) scaleMax);
                perCart.add(byUid.getOrDefault("cart-ladder", 0L) / (double) carts);
                System.out.printf("checkpoint %d: %.1f MB in %.2f s, state by operator %s%n", r + 1, sizeMb.get(r), seconds.get(r), byUid);
            }
            // incremental, after the full ones: what changed since (the job is idle here)
            List<Double> incremental = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                long c0 = System.nanoTime();
                String incrementalPath = checkpoint(cluster, job, checkpoints, CheckpointType.INCREMENTAL);
                incremental.add((System.nanoTime() - c0) / 1e9);
                System.out.printf("incremental checkpoint %d: %.2f s (%s)%n", r + 1, incremental.get(r), incrementalPath);
            }
            cluster.cancelJob(job).get();
            awaitEnd(cluster, job);

            List<Double> restore = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                JobID restored = cluster.submitJob(loadJob(conf, total, path)).get().getJobID();
                restore.add(awaitRunning(cluster, restored));
                System.out.printf("restore %d: %.2f s to all subtasks running%n", r + 1, restore.get(r));
                cluster.cancelJob(restored).get();
                awaitEnd(cluster, restored);
            }
            report.figure("4", "State scale, RocksDB: " + scaleMax + " waiting subscriptions and " + carts
                            + " open carts, full checkpoints (and incremental ones)")
                    .fact("load (subscriptions + carts), events/s", Report.Figure.fmt(total / loadSeconds))
                    .row("bytes per waiting subscription in the checkpoint (waiting-list operator)", perSubscription,
                            v -> v <= 150 ? "**met** (target <= 150 B)" : "**missed** (target <= 150 B)")
                    .row("bytes per open cart in the checkpoint (cart ladder)", perCart, null)
                    .row("full checkpoint size, MB (state in the metadata)", sizeMb, null)
                    .row("full checkpoint time, s (trigger to completed)", seconds,
                            v -> v <= 2 ? "**met** (target <= 2 s)" : "**missed** (target <= 2 s)")
                    .row("incremental checkpoint time, s (after the full ones, idle job)", incremental,
                            v -> v <= 2 ? "**met** (target <= 2 s)" : "**missed** (target <= 2 s)")
                    .row("restore time, s (submit to every subtask running, state read back)", restore, null)
                    .fact("the same job without state, s (submit to every subtask running)", String.format("%.2f", startup));
        } finally {
            cluster.close();
        }
    }

    private StreamGraph loadJob(Configuration conf, long total, String restoreFrom) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(parallelism);
        Load load = new Load(scaleMax, total);
        new StockwatchPipeline(StockwatchConfig.defaults(), single(load, Long.MAX_VALUE, "load"), StockwatchPipeline.NO_END)
                .build(env)
                .sinkTo(new DiscardingSink<>())
                .uid("bench-sink")
                .name("discard");
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("bench-state");
        if (restoreFrom != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(restoreFrom, false));
        }
        return graph;
    }

    /** Subscription k, then cart k; the source then blocks, so the job keeps running for its checkpoints. */
    private static final class Load implements GeneratorFunction<Long, ShopEvent> {
        private static final long serialVersionUID = 1L;
        private static final ShopEvent IDLE = InputParsing.parse(Topic.INTEREST, "interest", 0, -1, "{}", Long.MAX_VALUE);
        private final long subscriptions;
        private final long total;

        Load(long subscriptions, long total) {
            this.subscriptions = subscriptions;
            this.total = total;
        }

        @Override
        public ShopEvent map(Long k) throws Exception {
            if (k >= total) {
                // idle until the job is cancelled: a dead letter now and then (no event time, no state),
                // never blocking for long, so the source task still takes part in checkpoints
                EMITTED.set(total);
                Thread.sleep(5);
                return IDLE;
            }
            if (k % 10_000 == 0) {
                EMITTED.set(k);
            }
            return k < subscriptions ? subscription(k) : cart(k - subscriptions, ShopStream.START + k);
        }
    }

    static ShopEvent subscription(long k) {
        return InputParsing.parse(Topic.INTEREST, "interest", 0, k, "{\"type\":\"subscribe\",\"customerId\":\"w-" + k
                + "\",\"sku\":\"w-" + (k % WAIT_SKUS) + "\",\"at\":\"" + Instant.ofEpochMilli(ShopStream.START + k) + "\"}", Long.MAX_VALUE);
    }

    static ShopEvent cart(long k, long at) {
        return InputParsing.parse(Topic.CART, "cart", 0, k, "{\"type\":\"add\",\"customerId\":\"k-" + k + "\",\"sku\":\"s-"
                + (k % 20_000) + "\",\"quantity\":1,\"unitPrice\":19.5,\"currency\":\"PLN\",\"at\":\""
                + Instant.ofEpochMilli(at) + "\"}", Long.MAX_VALUE);
    }

    /** All events from one generator source (registered as the interest input), in the order given. */
    private static InputSource single(GeneratorFunction<Long, ShopEvent> events, long count, String name) {
        return (env, topic) -> {
            if (topic != Topic.INTEREST) {
                return null;
            }
            DataGeneratorSource<ShopEvent> source = new DataGeneratorSource<>(events, count, TypeInformation.of(ShopEvent.class));
            return env.fromSource(source, WatermarkStrategy.<ShopEvent>forMonotonousTimestamps()
                            .withTimestampAssigner((e, previous) -> e.at()), "generate " + name)
                    .uid("bench-source-" + name)
                    .setParallelism(1);
        };
    }

    /** A checkpoint, tried again while a task is not running yet (a busy machine deploys slowly). */
    /** A checkpoint of the given type; its directory under {@code checkpoints}. */
    static String checkpoint(MiniCluster cluster, JobID job, Path checkpoints, CheckpointType type) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                long id = cluster.triggerCheckpoint(job, type).get(30, TimeUnit.MINUTES);
                return checkpoints.resolve(job.toHexString()).resolve("chk-" + id).toString();
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt >= 20) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }

    private static double awaitRunning(MiniCluster cluster, JobID job) throws Exception {
        long t0 = System.nanoTime();
        while (true) {
            AccessExecutionGraph graph = cluster.getExecutionGraph(job).get();
            if (graph.getState().isGloballyTerminalState()) {
                throw new IllegalStateException("bench job ended: " + graph.getState() + " " + graph.getFailureInfo());
            }
            boolean all = graph.getAllExecutionVertices().iterator().hasNext();
            for (AccessExecutionVertex v : graph.getAllExecutionVertices()) {
                all &= v.getExecutionState() == ExecutionState.RUNNING;
            }
            if (all) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(20);
        }
    }

    private static void awaitEnd(MiniCluster cluster, JobID job) throws Exception {
        while (!cluster.getJobStatus(job).get().isGloballyTerminalState()) {
            Thread.sleep(50);
        }
    }

    /** State size per operator uid of interest, from the checkpoint's metadata. */
    /**
     * The operator state (not keyed) within the operators above: the inputs waiting for the
     * watermark, the delivery's broadcast catalog and store stock, the gauges.
     */
    static final String OPERATOR_STATE = "of which operator state";

    static Map<String, Long> stateSizes(Path checkpoint) throws IOException {
        Map<OperatorID, String> uids = new LinkedHashMap<>();
        for (String uid : List.of("waiting-list", "cart-ladder", "delivery", "sold-out-again", "conversion-pattern", "attribution")) {
            uids.put(new OperatorID(Hashing.murmur3_128(0).newHasher().putString(uid, StandardCharsets.UTF_8).hash().asBytes()), uid);
        }
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(checkpoint.resolve("_metadata"))) {
            CheckpointMetadata metadata = Checkpoints.loadCheckpointMetadata(
                    new DataInputStream(in), StateScale.class.getClassLoader(), checkpoint.toString());
            long other = 0;
            long operatorState = 0;
            for (OperatorState state : metadata.getOperatorStates()) {
                String uid = uids.get(state.getOperatorID());
                if (uid != null) {
                    sizes.put(uid, state.getStateSize());
                    for (var subtask : state.getStates()) {
                        operatorState += subtask.getManagedOperatorState().stream().mapToLong(h -> h.getStateSize()).sum();
                    }
                } else {
                    other += state.getStateSize();
                }
            }
            sizes.put("other", other);
            sizes.put(OPERATOR_STATE, operatorState);
        }
        return sizes;
    }

    // --- (b) per-event cost as the state grows ------------------------------------------------

    private void flatness(Report report) throws Exception {
        Report.Figure figure = report.figure("4", "Events/s of the realistic mix (" + mixEvents
                + " events) after loading N waiting subscriptions and N / 5 open carts, RocksDB state, incremental checkpoints");
        List<Double> medians = new ArrayList<>();
        for (int size : sizes) {
            List<Double> rates = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                Path checkpoints = Files.createDirectories(tmp.resolve("checkpoints-" + System.nanoTime()));
                Configuration conf = checkpointed(checkpoints);
                StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
                env.setParallelism(parallelism);
                int run = RUN.incrementAndGet();
                new StockwatchPipeline(StockwatchConfig.defaults(), single(new LoadThenMix(size, size / 5, mixEvents, run), Long.MAX_VALUE, "load-then-mix"),
                        StockwatchPipeline.NO_END)
                        .build(env)
                        .sinkTo(new DiscardingSink<>())
                        .uid("bench-sink")
                        .name("discard");
                MIX_STARTED.set(0);
                MIX_DONE.set(0);
                MIX_RELEASED.set(0);
                long t0 = System.nanoTime();
                double rate;
                try (MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                        .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).build())) {
                    cluster.start();
                    JobID job = cluster.submitJob(env.getStreamGraph()).get().getJobID();
                    awaitRunning(cluster, job);
                    while (LOADED.get() != run) {
                        Thread.sleep(20);
                    }
                    Thread.sleep(250); // a periodic watermark past the last loaded event
                    // the first incremental checkpoint uploads the loaded state, so the one at the end
                    // of the mix uploads only what the mix changed, as in a job that has run for a while
                    checkpoint(cluster, job, checkpoints, CheckpointType.INCREMENTAL);
                    MIX_RELEASED.set(1);
                    while (MIX_DONE.get() == 0) {
                        if (cluster.getJobStatus(job).get().isGloballyTerminalState()) {
                            throw new IllegalStateException("flatness job ended early");
                        }
                        Thread.sleep(20);
                    }
                    Thread.sleep(250); // a periodic watermark past the last mix event
                    // the checkpoint's barrier follows every mix event and that watermark: when it
                    // completes, every operator has applied the whole mix
                    checkpoint(cluster, job, checkpoints, CheckpointType.INCREMENTAL);
                    long done = System.nanoTime();
                    rate = mixEvents / ((done - MIX_STARTED.get()) / 1e9);
                    System.out.printf("flatness %d subscriptions run %d: load %.1f s, mix %.0f ev/s%n", size, r + 1,
                            (MIX_STARTED.get() - t0) / 1e9, rate);
                    cluster.cancelJob(job).get();
                    awaitEnd(cluster, job);
                }
                rates.add(rate);
            }
            medians.add(Bench.median(rates));
            figure.row("after " + String.format("%,d", size) + " subscriptions and " + String.format("%,d", size / 5)
                    + " carts, events/s", rates, null);
        }
        double first = medians.get(0);
        double last = medians.get(medians.size() - 1);
        figure.note(String.format("Median at %,d subscriptions is %.0f %% of the median at %,d (%s; target >= 70 %%). Each "
                        + "run's time ends when an incremental checkpoint taken after the last mix event completes (one was taken "
                        + "after the load, so this one uploads what the mix changed).",
                sizes.get(sizes.size() - 1), 100 * last / first, sizes.get(0), last >= 0.7 * first ? "**met**" : "**missed**"));
    }

    /**
     * N subscriptions, then the realistic mix stamped after them, then idle (see {@link Load}).
     * Marks when the mix starts and when the source has handed on its last mix event: the source
     * is back-pressured, so it runs only a few network buffers ahead of the keyed operators, and
     * the job is cancelled there, before the end of input would fire every timer at once.
     */
    private static final class LoadThenMix implements GeneratorFunction<Long, ShopEvent> {
        private static final long serialVersionUID = 1L;
        private final long subscriptions;
        private final long carts;
        private final long mixEvents;
        private final ShopStream shop = new ShopStream(0, 100_000, 20_000);
        private final int run;
        private transient long next;

        LoadThenMix(long subscriptions, long carts, long mixEvents, int run) {
            this.subscriptions = subscriptions;
            this.carts = carts;
            this.mixEvents = mixEvents;
            this.run = run;
        }

        @Override
        public ShopEvent map(Long ignored) throws Exception {
            long k = next;
            long load = subscriptions + carts;
            if (k < subscriptions) {
                next++;
                return subscription(k);
            }
            if (k < load) {
                next++;
                return cart(k - subscriptions, ShopStream.START + k);
            }
            if (RUN.get() != run || MIX_RELEASED.get() == 0) {
                // the load is out: idle (never blocking for long, so checkpoints go through) until the
                // checkpoint of the loaded state is done
                LOADED.set(run);
                Thread.sleep(5);
                return Load.IDLE;
            }
            long n = k - load;
            if (n >= mixEvents) {
                if (MIX_DONE.get() == 0) {
                    MIX_DONE.set(System.nanoTime());
                }
                Thread.sleep(5);
                return Load.IDLE;
            }
            if (n == 0) {
                MIX_STARTED.set(System.nanoTime());
            }
            next++;
            int r = (int) Math.floorMod(ShopStream.mix(n), 100L);
            Topic topic = r < 60 ? Topic.CART : r < 80 ? Topic.STOCK : r < 90 ? Topic.INTEREST : r < 98 ? Topic.ORDERS : Topic.CUSTOMERS;
            return InputParsing.parse(topic, topic.defaultName(), 0, n, shop.json(topic, n, ShopStream.START + k), Long.MAX_VALUE);
        }
    }
}
