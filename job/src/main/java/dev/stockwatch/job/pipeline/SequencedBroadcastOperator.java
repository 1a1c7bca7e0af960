package dev.stockwatch.job.pipeline;

import dev.stockwatch.job.model.Sequenced;
import java.util.List;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.api.watermark.Watermark;

/**
 * The operator of an {@link EventTimeOrderedBroadcastFunction}: keyed input first, broadcast input
 * second; its watermarks apply the waiting inputs ({@link WatermarkDrive}).
 */
public final class SequencedBroadcastOperator<IN extends Sequenced, B, OUT> extends CoBroadcastWithKeyedOperator<String, IN, B, OUT> {
    private static final long serialVersionUID = 1L;

    private transient WatermarkDrive drive;

    public SequencedBroadcastOperator(EventTimeOrderedBroadcastFunction<IN, B, OUT> function,
            List<MapStateDescriptor<?, ?>> broadcastStates) {
        super(function, broadcastStates);
    }

    @Override
    public void open() throws Exception {
        super.open();
        drive = new WatermarkDrive(getTimeServiceManager().orElseThrow(), this, ((EventTimeOrderedBroadcastFunction<IN, B, OUT>) userFunction).sequencer());
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        drive.beforeWatermark(mark);
        super.processWatermark(mark);
    }
}
