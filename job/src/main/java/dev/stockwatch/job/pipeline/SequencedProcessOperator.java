package dev.stockwatch.job.pipeline;

import dev.stockwatch.job.model.Sequenced;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/** The operator of an {@link EventTimeOrderedFunction}: its watermarks apply the waiting inputs ({@link WatermarkDrive}). */
public final class SequencedProcessOperator<IN extends Sequenced, OUT> extends KeyedProcessOperator<String, IN, OUT> {
    private static final long serialVersionUID = 1L;

    private transient WatermarkDrive drive;

    public SequencedProcessOperator(EventTimeOrderedFunction<IN, OUT> function) {
        super(function);
    }

    @Override
    public void open() throws Exception {
        super.open();
        drive = new WatermarkDrive(getTimeServiceManager().orElseThrow(), this, ((EventTimeOrderedFunction<IN, OUT>) userFunction).sequencer());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        drive.beforeWatermark(mark);
        super.processWatermark(mark);
    }
}
