package dev.stockwatch.job.cli;

import dev.stockwatch.job.graph.StockwatchPipeline;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** An embedded Flink MiniCluster bound to 127.0.0.1 with its temporary files in a directory of ours. */
public final class LocalEnvironment {
    private LocalEnvironment() {}

    static StreamExecutionEnvironment create(int parallelism, Path tmpDir) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, localOnly(tmpDir));
        env.setParallelism(parallelism);
        return env;
    }

    /** The pipeline settings plus every address on 127.0.0.1 and temporary files under {@code tmpDir}. */
    public static Configuration localOnly(Path tmpDir) {
        Configuration conf = StockwatchPipeline.pipelineSettings();
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.HOST, "127.0.0.1");
        conf.set(CoreOptions.TMP_DIRS, tmpDir.toAbsolutePath().toString());
        return conf;
    }
}
