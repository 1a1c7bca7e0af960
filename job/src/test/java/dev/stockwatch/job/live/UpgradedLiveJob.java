package dev.stockwatch.job.live;

import dev.stockwatch.job.cli.LiveCommand;
import dev.stockwatch.job.io.KafkaInputs;
import dev.stockwatch.job.io.KafkaOutputs;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.graph.StockwatchPipeline;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The next version of the live job, as a savepoint upgrade meets it: the same stateful operators
 * under the same uids, and a changed code path without state (a new step that counts the output
 * before it goes to the sinks). {@link LiveClusterIT} packs it into a copy of the job jar and
 * restores a savepoint of the original job into it.
 */
public final class UpgradedLiveJob {
    private UpgradedLiveJob() {}

    /** {@code --config FILE}, as {@link LiveCommand}. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--config")) {
            throw new IllegalArgumentException("usage: --config FILE");
        }
        StockwatchConfig config = StockwatchConfig.load(Path.of(args[1]), Map.of());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(LiveCommand.liveSettings(config));
        DataStream<OutputRecord> output =
                new StockwatchPipeline(config, new KafkaInputs(config), StockwatchPipeline.NO_END).build(env);
        DataStream<OutputRecord> counted = output.map(new CountOutput()).returns(output.getType())
                .uid("upgrade-count-output").name("count output (added by the upgrade)");
        KafkaOutputs.attach(counted, config);
        env.execute(LiveCommand.JOB_NAME + " (upgraded)");
    }

    /** The new stateless step. */
    static final class CountOutput extends RichMapFunction<OutputRecord, OutputRecord> {
        private static final long serialVersionUID = 1L;
        private transient Counter records;

        @Override
        public void open(OpenContext openContext) {
            records = getRuntimeContext().getMetricGroup().addGroup("stockwatch").counter("upgradeOutputRecords");
        }

        @Override
        public OutputRecord map(OutputRecord value) {
            records.inc();
            return value;
        }
    }
}
