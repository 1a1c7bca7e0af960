package dev.stockwatch.bench;

import dev.stockwatch.job.io.InputParsing;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.graph.InputSource;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.event.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Figure 5, the soak: {@code days} of event time of a steady shop (the same customers and skus,
 * the same event rate every day) through the whole pipeline on RocksDB. Every {@code step} days of
 * event time the sources pause, a canonical savepoint is taken, and its state size per operator is
 * printed: bounded state is flat once its longest window has passed.
 */
final class Soak {
    /** Per topic: the event time up to which its source may go on; it idles at that point. */
    static final AtomicLong OPEN_UNTIL = new AtomicLong();
    static final Map<Topic, Long> REACHED = new ConcurrentHashMap<>();
    /** Notifications sent (not suppressed) so far. */
    static final AtomicLong SENT = new AtomicLong();

    /** Not a state: the notifications sent in the period before a sample (a count, not KB). */
    static final String SENT_IN_PERIOD = "notifications sent in the period (count)";

    private final int parallelism;
    private final Path tmp;
    private final int days;
    private final int step;
    private final long perDay;
    private final int customers;
    private final int skus;

    Soak(int parallelism, Path tmp, Map<String, String> options) {
        this.parallelism = parallelism;
        this.tmp = tmp;
        this.days = Integer.parseInt(options.getOrDefault("soak-days", "60"));
        this.step = Integer.parseInt(options.getOrDefault("soak-step", "5"));
        this.perDay = Long.parseLong(options.getOrDefault("soak-events-per-day", "5000"));
        this.customers = Integer.parseInt(options.getOrDefault("soak-customers", "2000"));
        this.skus = Integer.parseInt(options.getOrDefault("soak-skus", "500"));
    }

    void measure(Report report) throws Exception {
        long dayMillis = Duration.ofDays(1).toMillis();
        ShopStream shop = new ShopStream(perDay * days, customers, skus, (double) dayMillis / perDay);
        Path checkpoints = Files.createDirectories(tmp.resolve("soak-" + System.nanoTime()));
        Configuration conf = Bench.flinkConf(tmp, "rocksdb");
        conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, false);
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.setString("execution.checkpointing.interval", "1 h"); // triggered by hand
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(parallelism).build());
        cluster.start();
        Map<Integer, Map<String, Long>> curve = new LinkedHashMap<>();
        try {
            OPEN_UNTIL.set(ShopStream.START);
            SENT.set(0);
            long sentBefore = 0;
            REACHED.clear();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setParallelism(parallelism);
            new StockwatchPipeline(StockwatchConfig.defaults(), paused(shop), StockwatchPipeline.NO_END)
                    .build(env)
                    .map(record -> {
                        if (!record.topic().equals(OutputRecord.SUPPRESSED) && !record.topic().equals(OutputRecord.DLQ)) {
                            SENT.incrementAndGet();
                        }
                        return record;
                    })
                    .returns(TypeInformation.of(OutputRecord.class))
                    .uid("bench-count-sent")
                    .name("count sent")
                    .sinkTo(new DiscardingSink<>())
                    .uid("bench-sink")
                    .name("discard");
            JobID job = cluster.submitJob(env.getStreamGraph().getJobGraph()).get().getJobID();
            long t0 = System.nanoTime();
            for (int day = step; day <= days; day += step) {
                long until = ShopStream.START + day * dayMillis;
                OPEN_UNTIL.set(until);
                while (!allReached(until)) {
                    Thread.sleep(50);
                }
                Thread.sleep(500); // the watermark past the last record of the period
                // a canonical savepoint holds the live state: a full RocksDB checkpoint copies the SST
                // files, which also hold what was overwritten or deleted since their last compaction
                String path = cluster.triggerSavepoint(job, checkpoints.resolve("day-" + day).toUri().toString(), false,
                        SavepointFormatType.CANONICAL).get();
                Path dir = Path.of(java.net.URI.create(path.startsWith("file:") ? path : "file://" + path));
                Map<String, Long> sizes = StateScale.stateSizes(dir);
                sizes.put(SENT_IN_PERIOD, SENT.get() - sentBefore);
                sentBefore = SENT.get();
                curve.put(day, sizes);
                System.out.printf("soak day %d (%.0f s): state by operator %s%n", day, (System.nanoTime() - t0) / 1e9, sizes);
            }
            cluster.cancelJob(job).get();
        } finally {
            cluster.close();
        }
        Report.Figure figure = report.figure("5", "Soak: " + days + " days of a steady shop (" + customers + " customers, " + skus
                + " skus, " + perDay + " events a day in the realistic mix), RocksDB, a canonical savepoint every " + step
                + " days of event time");
        List<String> operators = new ArrayList<>(curve.values().iterator().next().keySet());
        StringBuilder table = new StringBuilder("State per operator in the savepoint, KB, by day of event time:\n\n| day | ")
                .append(String.join(" | ", operators)).append(" |\n|---|").append("---:|".repeat(operators.size())).append('\n');
        for (Map.Entry<Integer, Map<String, Long>> e : curve.entrySet()) {
            table.append("| ").append(e.getKey());
            for (String op : operators) {
                long value = e.getValue().getOrDefault(op, 0L);
                table.append(" | ").append(String.format("%,.0f", op.equals(SENT_IN_PERIOD) ? value : value / 1024.0));
            }
            table.append(" |\n");
        }
        int last = days - days % step;
        int middle = last / 2 - (last / 2) % step;
        for (String op : operators) {
            if (op.equals(StateScale.OPERATOR_STATE) || op.equals(SENT_IN_PERIOD)) {
                continue; // a part of the operators above, not an operator
            }
            double ratio = curve.get(last).getOrDefault(op, 0L) / (double) Math.max(1L, curve.get(middle).getOrDefault(op, 0L));
            figure.fact(op + ": state at day " + last + " / at day " + middle, String.format("%.2f", ratio)
                    + (Math.abs(ratio - 1) <= 0.10 ? " **met**" : " **missed**") + " (target within 10 %)");
        }
        // the conversions pattern holds one partial match per notification sent in the last
        // attribution window (5 days): its state follows how many the shop sends
        double perSentLast = curve.get(last).getOrDefault("conversion-pattern", 0L)
                / (double) Math.max(1L, curve.get(last).getOrDefault(SENT_IN_PERIOD, 0L));
        double perSentMiddle = curve.get(middle).getOrDefault("conversion-pattern", 0L)
                / (double) Math.max(1L, curve.get(middle).getOrDefault(SENT_IN_PERIOD, 0L));
        figure.fact("conversion-pattern: state per notification sent in the period before, day " + last + " / day " + middle
                + String.format(" (%.0f B / %.0f B)", perSentLast, perSentMiddle), String.format("%.2f", perSentLast / perSentMiddle)
                + (Math.abs(perSentLast / perSentMiddle - 1) <= 0.10 ? " **met**" : " **missed**") + " (target within 10 %)");
        figure.note(table.toString());
    }

    private static boolean allReached(long until) {
        for (Topic topic : List.of(Topic.CART, Topic.STOCK, Topic.INTEREST, Topic.ORDERS, Topic.CUSTOMERS)) {
            if (REACHED.getOrDefault(topic, Long.MIN_VALUE) < until) {
                return false;
            }
        }
        return true;
    }

    /** The shop's topics, each source idling (dead letters only, no event time) at {@link #OPEN_UNTIL}. */
    private static InputSource paused(ShopStream shop) {
        return (env, topic) -> {
            long n = shop.count(topic);
            if (n == 0) {
                return null;
            }
            DataGeneratorSource<ShopEvent> source = new DataGeneratorSource<>(new Paused(shop, topic), Long.MAX_VALUE,
                    TypeInformation.of(ShopEvent.class));
            DataStream<ShopEvent> events = env.fromSource(source, WatermarkStrategy.<ShopEvent>forMonotonousTimestamps()
                            .withTimestampAssigner((e, previous) -> e.at() == Long.MIN_VALUE ? previous : e.at()),
                            "generate " + topic.defaultName())
                    .uid("bench-source-" + topic.defaultName())
                    .setParallelism(1);
            return events;
        };
    }

    private static final class Paused implements GeneratorFunction<Long, ShopEvent> {
        private static final long serialVersionUID = 1L;
        private final ShopStream shop;
        private final Topic topic;
        private transient long next;
        private transient ShopEvent idle;

        Paused(ShopStream shop, Topic topic) {
            this.shop = shop;
            this.topic = topic;
        }

        @Override
        public ShopEvent map(Long ignored) throws Exception {
            if (idle == null) {
                idle = InputParsing.parse(topic, topic.defaultName(), 0, -1, "{}", Long.MAX_VALUE);
            }
            long at = next < shop.count(topic) ? shop.at(topic, next) : Long.MAX_VALUE;
            if (at >= OPEN_UNTIL.get()) {
                REACHED.put(topic, OPEN_UNTIL.get());
                Thread.sleep(5); // never blocking for long, so the source still takes part in checkpoints
                return idle;
            }
            ShopEvent e = InputParsing.parse(topic, topic.defaultName(), 0, next, shop.json(topic, next), Long.MAX_VALUE);
            next++;
            return e;
        }
    }
}
