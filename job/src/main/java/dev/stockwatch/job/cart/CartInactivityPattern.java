package dev.stockwatch.job.cart;

import dev.stockwatch.job.model.CartInput;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.CEP;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.functions.TimedOutPartialMatchHandler;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Step 1 of the abandoned-cart ladder (SPEC §6) as a CEP pattern per customer: a cart activity
 * not followed by another activity or an order within the first {@code cart.steps} offset. The
 * partial match that times out is the abandoned cart.
 */
public final class CartInactivityPattern {
    static final OutputTag<CartInput> ABANDONED = new OutputTag<>("abandoned-carts") {};

    private CartInactivityPattern() {}

    public static Pattern<CartInput, ?> pattern(Duration firstStep) {
        return Pattern.<CartInput>begin("activity")
                .where(SimpleCondition.of(CartInput::isActivity))
                .followedBy("interrupted")
                .where(SimpleCondition.of(CartInput::interruptsInactivity))
                // an activity or order exactly at the step instant comes first (SPEC §9), so the
                // window includes its end
                .within(firstStep.plusMillis(1));
    }

    static EventComparator<CartInput> causeOrder() {
        return (a, b) -> a.key().compareTo(b.key());
    }

    /** The abandoned-cart news for the ladder: one per activity that saw no follow-up in time. */
    public static DataStream<CartInput> detect(KeyedStream<CartInput, String> touches, Duration firstStep, String uid) {
        SingleOutputStreamOperator<CartInput> matches = CEP.pattern(touches, pattern(firstStep), causeOrder())
                .process(new Abandonment(firstStep.toMillis()))
                .uid(uid)
                .name("cart inactivity (CEP)");
        return matches.getSideOutput(ABANDONED);
    }

    static final class Abandonment extends PatternProcessFunction<CartInput, CartInput>
            implements TimedOutPartialMatchHandler<CartInput> {
        private static final long serialVersionUID = 1L;
        private final long firstStepMillis;

        Abandonment(long firstStepMillis) {
            this.firstStepMillis = firstStepMillis;
        }

        @Override
        public void processMatch(Map<String, List<CartInput>> match, Context ctx, Collector<CartInput> out) {
            // activity followed in time by activity or an order: not abandoned
        }

        @Override
        public void processTimedOutMatch(Map<String, List<CartInput>> match, Context ctx) {
            CartInput activity = match.get("activity").get(0);
            long a = activity.key().at();
            ctx.output(ABANDONED, CartInput.abandoned(activity.customerId(), a, a + firstStepMillis));
        }
    }
}
