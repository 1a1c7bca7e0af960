package dev.stockwatch.job.io;

import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;

/** Polls a running job's counters every few seconds so long replays show progress. */
final class ProgressReporter {
    private static final long PERIOD_SECONDS = 5;

    private final ScheduledExecutorService timer;

    private ProgressReporter(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static ProgressReporter start(JobClient job, Consumer<Map<String, Object>> sink) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "replay-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> {
            try {
                sink.accept(job.getAccumulators().get(PERIOD_SECONDS, TimeUnit.SECONDS));
            } catch (Exception ignored) {
                // the job may be finishing; the next tick or the final summary tells
            }
        }, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
        return new ProgressReporter(timer);
    }

    void stop() {
        timer.shutdownNow();
    }
}
