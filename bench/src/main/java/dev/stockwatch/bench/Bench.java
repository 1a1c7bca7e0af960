package dev.stockwatch.bench;

import dev.stockwatch.job.cli.LocalEnvironment;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import dev.stockwatch.udfs.output.Kind;
import dev.stockwatch.udfs.output.Notification;
import dev.stockwatch.udfs.output.OutputJson;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The benchmarks of {@code docs/BENCHMARKS.md}: each figure is measured side by side in one run,
 * min / median / max over several runs, on an embedded MiniCluster of this machine.
 *
 * <p>{@code bench/run.sh [--events N] [--runs R] [--parallelism P]}
 */
public final class Bench {
    private final long events;
    /** Customers of the shop of figures 1 and 6 (fewer customers: more events per customer, as in a session). */
    private final int customers;
    private final int runs;
    private final int parallelism;
    private final Path tmp;
    private final Map<String, String> options;

    private Bench(Map<String, String> options, Path tmp) {
        this.options = options;
        this.events = Long.parseLong(options.getOrDefault("events", "300000"));
        this.customers = Integer.parseInt(options.getOrDefault("customers", "100000"));
        this.runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        this.parallelism = Integer.parseInt(options.getOrDefault("parallelism", "2"));
        this.tmp = tmp;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Path out = Path.of(a.getOrDefault("out", "docs/BENCHMARKS.md"));
        Path tmp = Files.createDirectories(Path.of(a.getOrDefault("tmp", "bench/target/tmp")).toAbsolutePath());
        extraConf = a.getOrDefault("flink-conf", "");
        Bench bench = new Bench(a, tmp);
        java.util.Set<String> figures = java.util.Set.of(a.getOrDefault("figures", "1,2,3,4,5,6").split(","));
        List<String> backends = List.of(a.getOrDefault("backends", "hashmap,rocksdb").split(","));
        String commit = a.getOrDefault("commit", "unknown");
        Report report = new Report(commit, bench.parallelism, bench.runs);
        long started = System.nanoTime();
        String loadBefore = loadAverage();
        bench.warm = !"0".equals(a.get("warm-up")); // --warm-up 0 skips it (a profile of one backend, say)
        if (bench.warm) {
            bench.warmUp();
        }
        // the report is written after every figure, so a failure late in a long run keeps the figures before it
        if (figures.contains("1")) {
            bench.throughput(report, backends);
            write(a, out, report);
        }
        if (figures.contains("2")) {
            bench.fanOut(report, Integer.parseInt(a.getOrDefault("subscribers", "100000")));
            write(a, out, report);
        }
        if (figures.contains("3")) {
            new KafkaLatency(bench.parallelism, bench.runs, tmp, a).measure(report);
            write(a, out, report);
        }
        if (figures.contains("4")) {
            new StateScale(bench.parallelism, bench.runs, tmp, a).measure(report);
            write(a, out, report);
        }
        if (figures.contains("5")) {
            new Soak(bench.parallelism, tmp, a).measure(report);
            write(a, out, report);
        }
        if (figures.contains("6")) {
            bench.nearestStore(report, Integer.parseInt(a.getOrDefault("stores", "50")));
        }
        report.note(String.format("The whole bench run took %.1f min. Load average of the machine (1, 5, 15 min) at the start: %s; "
                + "at the end: %s (above the core count means other work shared the cores, and the figures are noisy).",
                (System.nanoTime() - started) / 60e9, loadBefore, loadAverage()));
        write(a, out, report);
        System.exit(0);
    }

    private static void write(Map<String, String> a, Path out, Report report) throws java.io.IOException {
        if (!a.containsKey("no-report")) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report.render(Files.exists(out) ? Files.readString(out) : ""));
            System.out.println("wrote " + out);
        }
    }

    /**
     * Untimed runs first, so the timed runs see a warm JIT: the pipeline kept getting faster over its
     * first million and a half events (eighth round), and on the heap still after four warm-up runs
     * (tenth round).
     */
    private boolean warm;
    /** Untimed pipeline runs before a backend's timed ones, the same number for every backend. */
    private static final int WARM_UP_RUNS = 6;

    private void warmUp() throws Exception {
        ShopStream shop = new ShopStream(events, customers, 20_000);
        run("hashmap", env -> passthrough(env, GeneratedInputs.of(shop)));
        for (int r = 0; r < WARM_UP_RUNS; r++) {
            run("hashmap", env -> pipeline(env, GeneratedInputs.of(shop)));
        }
    }

    // --- figure 1 -------------------------------------------------------------------------------

    private void throughput(Report report, List<String> backends) throws Exception {
        ShopStream shop = new ShopStream(events, customers, 20_000);
        // the passthrough gets through its events an order of magnitude faster: more of them keep
        // its runs long enough to measure (same sources, same mix, same customers and skus)
        long passEvents = events * 4;
        ShopStream passShop = new ShopStream(passEvents, customers, 20_000);
        for (String backend : backends) {
            if (!backend.equals("hashmap")) {
                // the same events as on the heap by default: a shorter run hides what grows with it (RocksDB
                // tombstones made the pipeline 4x slower over 300,000 events than over 60,000, eighth round)
                long n = Long.parseLong(options.getOrDefault("rocksdb-events", Long.toString(events)));
                ShopStream backendShop = n == events ? shop : new ShopStream(n, customers, 20_000);
                // the backend's own code paths warm up as long as the heap's did: one untimed run left
                // RocksDB still getting faster over its next three (36k, 40k, 43k, 45k events/s; ninth round)
                for (int r = 0; warm && r < WARM_UP_RUNS; r++) {
                    run(backend, env -> pipeline(env, GeneratedInputs.of(backendShop)));
                }
                throughput(report, backend, backendShop, passShop, n, passEvents);
                continue;
            }
            heapFull = throughput(report, backend, shop, passShop, events, passEvents);
        }
    }

    /** Figure 1's verdict on a ratio: both of its ratios have the target 0.5. */
    private static final java.util.function.Function<Double, String> HALF_OR_MORE =
            r -> r >= 0.5 ? "**met** (target >= 0.5)" : "**missed** (target >= 0.5)";

    /** The heap's full-pipeline runs of figure 1, once measured: the other backends are compared with them. */
    private List<Double> heapFull = List.of();

    private List<Double> throughput(Report report, String backend, ShopStream shop, ShopStream passShop, long events,
            long passEvents) throws Exception {
        {
            List<Double> pass = new ArrayList<>();
            List<Double> full = new ArrayList<>();
            List<Double> ratio = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                double p = passEvents / run(backend, env -> passthrough(env, GeneratedInputs.of(passShop)));
                double f = events / run(backend, env -> pipeline(env, GeneratedInputs.of(shop)));
                pass.add(p);
                full.add(f);
                ratio.add(f / p);
                System.out.printf("throughput %s run %d: passthrough %.0f ev/s, full %.0f ev/s, ratio %.2f%n",
                        backend, r + 1, p, f, f / p);
            }
            var figure = report.figure("1", "Throughput, " + backend + " state (" + events + " events through the pipeline, "
                            + passEvents + " through the passthrough; " + String.format("%,d", customers) + " customers, 20,000 skus)")
                    .row("passthrough events/s", pass, null)
                    .row("full pipeline events/s", full, null)
                    .row("ratio full / passthrough", ratio, HALF_OR_MORE);
            if (!backend.equals("hashmap") && heapFull.size() == full.size()) {
                List<Double> toHeap = new ArrayList<>();
                for (int r = 0; r < full.size(); r++) {
                    toHeap.add(full.get(r) / heapFull.get(r));
                }
                figure.row("full pipeline / the heap's full pipeline, run by run", toHeap, HALF_OR_MORE);
            }
            return full;
        }
    }

    // --- figure 2 -------------------------------------------------------------------------------

    private void fanOut(Report report, int subscribers) throws Exception {
        List<Double> rates = new ArrayList<>();
        List<Double> spans = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            double load = run("hashmap", env -> pipeline(env, FanOut.inputs(subscribers, false)));
            double all = run("hashmap", env -> pipeline(env, FanOut.inputs(subscribers, true)));
            double rate = subscribers / Math.max(all - load, 1e-3);
            rates.add(rate);
            spans.add(all - load);
            System.out.printf("fan-out run %d: load %.2f s, load+restock %.2f s: %.0f notifications/s%n", r + 1, load, all, rate);
        }
        report.figure("2", "Restock fan-out: one sku, " + subscribers + " waiting subscribers (email), one restock, hashmap state")
                .row("seconds from the restock to the last notification (run with it - run without it)", spans, null)
                .row("notifications/s", rates,
                        v -> v >= 50_000 ? "**met** (target >= 50,000)" : "**missed** (target >= 50,000)");
    }

    // --- figure 6 -------------------------------------------------------------------------------

    /**
     * The cost of {@code inStore} (SPEC §7): the figure-1 mix with and without a store shelf next
     * to each online stock event and a home store in every profile, side by side in each run.
     */
    private void nearestStore(Report report, int stores) throws Exception {
        ShopStream shop = new ShopStream(events, customers, 20_000);
        ShopStream withStores = shop.withStores(stores);
        long shelves = NearestStore.shelves(withStores);
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        List<Double> perShelf = new ArrayList<>();
        List<Double> cpuPerShelf = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            // the order alternates between runs, so that neither variant always runs on the other's garbage
            double a;
            double b;
            double cpuA;
            double cpuB;
            if (r % 2 == 0) {
                a = run("hashmap", env -> pipeline(env, GeneratedInputs.of(shop)));
                cpuA = lastCpuSeconds;
                b = run("hashmap", env -> pipeline(env, NearestStore.inputs(withStores)));
                cpuB = lastCpuSeconds;
            } else {
                b = run("hashmap", env -> pipeline(env, NearestStore.inputs(withStores)));
                cpuB = lastCpuSeconds;
                a = run("hashmap", env -> pipeline(env, GeneratedInputs.of(shop)));
                cpuA = lastCpuSeconds;
            }
            without.add(events / a);
            with.add((events + shelves) / b);
            perShelf.add((b - a) / shelves * 1e6);
            cpuPerShelf.add((cpuB - cpuA) / shelves * 1e6);
            rate.add(shelves / Math.max(b - a, 1e-3));
            System.out.printf("nearest store run %d: %.2f s without stores, %.2f s with %d shelves: %.1f us per shelf%n",
                    r + 1, a, b, shelves, (b - a) / shelves * 1e6);
        }
        report.figure("6", "Nearest store (inStore) join: the figure-1 mix (" + events + " events), then the same with "
                        + shelves + " store shelves of " + stores + " stores and a home store in every profile, hashmap state")
                .row("full pipeline events/s, no stores", without, null)
                .row("full pipeline events/s, with the store shelves (all events counted)", with, null)
                .row("wall time per store shelf (run with - run without), microseconds", perShelf, null)
                .row("process CPU per store shelf (all threads, run with - run without), microseconds", cpuPerShelf, null)
                .row("store shelves/s the join absorbs (shelves / extra wall time)", rate, null)
                .note("Each shelf is parsed once and broadcast to every delivery subtask (" + parallelism
                        + " here), where it is added to the `store-stock` versions of its (sku, store); a cart reminder"
                        + " of a customer with a home store reads one version per item.");
    }

    // --- jobs ----------------------------------------------------------------------------------

    private static void pipeline(StreamExecutionEnvironment env, GeneratedInputs inputs) {
        new StockwatchPipeline(StockwatchConfig.defaults(), inputs, StockwatchPipeline.NO_END)
                .build(env)
                .sinkTo(new DiscardingSink<>())
                .uid("bench-sink")
                .name("discard");
    }

    /** The same sources and parsing, one serialized output per event, nothing else. */
    private static void passthrough(StreamExecutionEnvironment env, GeneratedInputs inputs) {
        env.configure(StockwatchPipeline.pipelineSettings());
        DataStream<ShopEvent> all = null;
        for (Topic topic : Topic.values()) {
            DataStream<ShopEvent> s = inputs.open(env, topic);
            if (s != null) {
                all = all == null ? s : all.union(s);
            }
        }
        all.map(Bench::echo)
                .returns(TypeInformation.of(OutputRecord.class))
                .uid("bench-echo")
                .name("serialize")
                .sinkTo(new DiscardingSink<>())
                .uid("bench-sink")
                .name("discard");
    }

    private static OutputRecord echo(ShopEvent e) {
        Notification n = new Notification("id", Kind.BACK_IN_STOCK, "c", "email", "a@example.com", null,
                List.of(), null, null, null, null, null, e.at(), e.at());
        return new OutputRecord("email", "c", "back_in_stock", e.at(), OutputJson.write(n));
    }

    /** Runs a bounded job; seconds from its first parsed record until it finished. */
    private double run(String backend, java.util.function.Consumer<StreamExecutionEnvironment> job) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, flinkConf(tmp, backend));
        job.accept(env);
        // the garbage of the runs before is collected now, not during this one: a run that paid for
        // an earlier one's collection was up to a third slower on the heap (tenth round)
        System.gc();
        Timing.reset();
        long cpu = processCpuNanos();
        long submitted = System.nanoTime();
        env.execute("bench");
        long done = System.nanoTime();
        lastCpuSeconds = (processCpuNanos() - cpu) / 1e9;
        double seconds = (done - Timing.firstRecord(submitted)) / 1e9;
        System.out.printf("  run: %.2f s wall from first record, %.2f s process cpu%n", seconds, lastCpuSeconds);
        return seconds;
    }

    private double lastCpuSeconds;

    static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean b ? b.getProcessCpuTime() : 0;
    }

    /** Extra Flink settings of every bench job, {@code --flink-conf "key: value; key: value"}. */
    private static String extraConf = "";

    /** The MiniCluster configuration of every bench job. */
    static Configuration flinkConf(Path tmp, String backend) {
        Configuration conf = LocalEnvironment.localOnly(tmp);
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        conf.setString("taskmanager.memory.managed.size", "512m");
        conf.setString("state.backend.rocksdb.localdir", tmp.resolve("rocksdb").toString());
        for (String setting : extraConf.split(";")) {
            int colon = setting.indexOf(':');
            if (colon > 0) {
                conf.setString(setting.substring(0, colon).trim(), setting.substring(colon + 1).trim());
            }
        }
        return conf;
    }

    static String machine() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long mem = os instanceof com.sun.management.OperatingSystemMXBean b ? b.getTotalMemorySize() : -1;
        return Runtime.getRuntime().availableProcessors() + " cores, " + (mem >> 30) + " GiB memory, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB";
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }


    static String now() {
        return Instant.now().toString();
    }
}
