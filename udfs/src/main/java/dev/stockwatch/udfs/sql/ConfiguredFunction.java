package dev.stockwatch.udfs.sql;

import dev.stockwatch.udfs.config.ConfigKey;
import dev.stockwatch.udfs.config.StockwatchConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * A stockwatch SQL function that reads the job's configuration keys ({@code segment.rules},
 * {@code quiet-hours.*}, ...) from the Flink job parameters, with the job's defaults for those not
 * given: {@code SET 'pipeline.global-job-parameters' = 'quiet-hours.start:22:00'} in the SQL
 * client, or the parameters of the table environment's configuration.
 */
abstract class ConfiguredFunction extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    private transient StockwatchConfig config;

    @Override
    public void open(FunctionContext context) throws Exception {
        Map<String, String> given = new HashMap<>();
        for (ConfigKey key : ConfigKey.values()) {
            String value = context.getJobParameter(key.key(), null);
            if (value != null) {
                given.put(key.key(), value);
            }
        }
        config = StockwatchConfig.load(null, given);
        configure(config);
    }

    /** Builds what the function needs from the configuration; called once before the first call. */
    protected abstract void configure(StockwatchConfig config);

    /** For calls made without {@link #open} (constant folding at planning time): the defaults. */
    protected final void ensureConfigured() {
        if (config == null) {
            config = StockwatchConfig.defaults();
            configure(config);
        }
    }
}
