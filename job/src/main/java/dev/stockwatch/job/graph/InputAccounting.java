package dev.stockwatch.job.graph;

import dev.stockwatch.job.metrics.DeadLetterReasons;
import dev.stockwatch.job.metrics.LabeledCounters;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.udfs.event.Topic;
import dev.stockwatch.udfs.output.OutputJson;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Counts every record of one input and routes it: valid events go on, rejected ones to the
 * dead-letter output, events after the replay's {@code --until} are counted and left out.
 */
public class InputAccounting extends ProcessFunction<ShopEvent, ShopEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<OutputRecord> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final Topic topic;
    private final long until;
    private transient LongCounter read;
    private transient LongCounter processed;
    private transient LongCounter deadLettered;
    private transient LongCounter afterUntil;
    private transient LabeledCounters records;
    private transient LabeledCounters deadLetters;

    public InputAccounting(Topic topic, long until) {
        this.topic = topic;
        this.until = until;
    }

    @Override
    public void open(OpenContext openContext) {
        read = counter(Accounting.READ);
        processed = counter(Accounting.PROCESSED);
        deadLettered = counter(Accounting.DEAD_LETTERED);
        afterUntil = counter(Accounting.AFTER_UNTIL);
        records = new LabeledCounters(getRuntimeContext().getMetricGroup(), "records", "input", "outcome");
        deadLetters = new LabeledCounters(getRuntimeContext().getMetricGroup(), "deadLetters", "source", "reason");
    }

    private LongCounter counter(String what) {
        LongCounter c = new LongCounter();
        getRuntimeContext().addAccumulator(Accounting.counter(what, topic), c);
        return c;
    }

    @Override
    public void processElement(ShopEvent event, Context ctx, Collector<ShopEvent> out) {
        read.add(1);
        if (event.isDeadLetter()) {
            deadLettered.add(1);
            records.inc(topic.defaultName(), Accounting.DEAD_LETTERED);
            deadLetters.inc(topic.defaultName(), DeadLetterReasons.category(event.deadLetter().reason()));
            ctx.output(DEAD_LETTERS, new OutputRecord(OutputRecord.DLQ, event.deadLetter().source(), null,
                    Long.MIN_VALUE, OutputJson.write(event.deadLetter())));
        } else if (event.at() > until) {
            afterUntil.add(1);
            records.inc(topic.defaultName(), Accounting.AFTER_UNTIL);
        } else {
            processed.add(1);
            records.inc(topic.defaultName(), Accounting.PROCESSED);
            out.collect(event);
        }
    }
}
