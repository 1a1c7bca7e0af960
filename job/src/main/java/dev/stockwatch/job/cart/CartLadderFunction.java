package dev.stockwatch.job.cart;

import dev.stockwatch.job.model.CartInput;
import dev.stockwatch.job.model.CartLine;
import dev.stockwatch.job.model.CartStepCandidate;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.pipeline.DomainTimer;
import dev.stockwatch.job.pipeline.EventTimeOrderedFunction;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.domain.CartHash;
import dev.stockwatch.udfs.event.CartEvent;
import dev.stockwatch.udfs.event.OrderItem;
import dev.stockwatch.udfs.event.OrderKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * The cart and its abandoned-cart ladder (SPEC §6), keyed by customer. Step k falls due at {@code
 * a + cart.steps[k]}, a being the last activity: the ladder's own event-time timer, one per
 * customer, moved by each activity, detects the inactivity. Any activity restarts the ladder from
 * step 1, any order ends it and takes the ordered skus out of the cart, an emptied cart ends it. An
 * activity or order at the very instant a step falls due comes first (SPEC §9), so it restarts or
 * ends the ladder before that step. Emits one {@link CartStepCandidate} per step due, for the
 * delivery policy.
 *
 * <p>The delivery policy also has to hear of a cart change while a step it was told of may still be
 * held there (quiet hours): the change cancels it ({@code cart_changed}). The ladder knows when that
 * can be, so it passes on the first cart event after each step it emitted, and no other: the
 * delivery policy does not see the cart stream itself. Orders reach the delivery policy directly.
 */
public class CartLadderFunction extends EventTimeOrderedFunction<CartInput, CustomerInput> {
    private static final long serialVersionUID = 1L;
    static final int STEP = 0;

    private final long[] steps;

    private transient MapState<String, CartLine> lines;
    private transient ValueState<String> currency;
    private transient ValueState<Long> ladderStart;
    private transient ValueState<Integer> nextStep;
    private transient ValueState<Boolean> stepSinceActivity;

    public CartLadderFunction(StockwatchConfig config, long until) {
        super(TypeInformation.of(CartInput.class), until, "openCartLadders");
        this.steps = config.cartSteps.stream().mapToLong(Duration::toMillis).toArray();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        lines = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("cart-lines", Types.STRING, TypeInformation.of(CartLine.class)));
        currency = getRuntimeContext().getState(new ValueStateDescriptor<>("cart-currency", Types.STRING));
        ladderStart = getRuntimeContext().getState(new ValueStateDescriptor<>("ladder-start", Types.LONG));
        nextStep = getRuntimeContext().getState(new ValueStateDescriptor<>("next-step", Types.INT));
        stepSinceActivity = getRuntimeContext().getState(new ValueStateDescriptor<>("step-since-activity", Types.BOOLEAN));
    }

    @Override
    protected void apply(CartInput input, long now, Collector<CustomerInput> out) throws Exception {
        if (input.cart() != null) {
            tellChangeAfterStep(input, out);
            endLadder();
            change(input.cart());
            if (lines.isEmpty()) {
                forgetCart();
            } else {
                startLadder(now);
            }
        } else if (input.order() != null) {
            stepSinceActivity.clear(); // the order itself ends every held step at the delivery policy
            endLadder();
            for (OrderItem item : input.order().items()) {
                lines.remove(item.sku());
            }
            if (lines.isEmpty()) {
                forgetCart();
            }
        }
    }

    @Override
    protected void fire(DomainTimer timer, long now, Collector<CustomerInput> out) throws Exception {
        Long start = ladderStart.value();
        Integer step = nextStep.value();
        if (start != null && step != null && step == Integer.parseInt(timer.ref())) {
            emitStep(step, start, out);
        }
    }

    /** The cart as an event changes it: add raises a line, remove lowers it (0 = gone), clear empties it. */
    private void change(CartEvent e) throws Exception {
        if (e.currency() != null) {
            currency.update(e.currency());
        }
        switch (e.action()) {
            case ADD -> {
                CartLine line = lines.get(e.sku());
                int quantity = (line == null ? 0 : line.quantity()) + e.quantity();
                lines.put(e.sku(), new CartLine(e.sku(), quantity, e.unitPrice()));
            }
            case REMOVE -> {
                CartLine line = lines.get(e.sku());
                if (line != null) {
                    int quantity = line.quantity() - e.quantity();
                    if (quantity <= 0) {
                        lines.remove(e.sku());
                    } else {
                        lines.put(e.sku(), new CartLine(e.sku(), quantity, line.unitPrice()));
                    }
                }
            }
            case CLEAR -> lines.clear();
            case CHECKOUT -> { }
        }
    }

    /** The first cart event after a step goes on to the delivery policy, where that step may be held. */
    private void tellChangeAfterStep(CartInput input, Collector<CustomerInput> out) throws Exception {
        if (stepSinceActivity.value() != null) {
            out.collect(CustomerInput.cart(input.key(), input.cart()));
            stepSinceActivity.clear();
        }
    }

    private void emitStep(int step, long start, Collector<CustomerInput> out) throws Exception {
        List<CartLine> contents = new ArrayList<>();
        Map<String, Integer> quantities = new TreeMap<>();
        for (CartLine line : lines.values()) {
            contents.add(line);
            quantities.put(line.sku(), line.quantity());
        }
        contents.sort(Comparator.comparing(CartLine::sku));
        long due = start + steps[step - 1];
        out.collect(CustomerInput.cartStep(new CartStepCandidate(OrderKey.ofTimer(due), currentKey(), step,
                CartHash.of(quantities), contents, currency.value(), start)));
        stepSinceActivity.update(true);
        if (step < steps.length) {
            scheduleStep(start, step + 1);
        } else {
            closeLadder();
        }
    }

    /** A new ladder after the activity at {@code a}: step 1 falls due at {@code a + cart.steps[0]}. */
    private void startLadder(long a) throws Exception {
        ladderStart.update(a);
        countChange(1);
        scheduleStep(a, 1);
    }

    private void scheduleStep(long start, int step) throws Exception {
        nextStep.update(step);
        schedule(start + steps[step - 1], new DomainTimer(STEP, Integer.toString(step)));
    }

    /** Ends the running ladder: its next step timer and marks go. */
    private void endLadder() throws Exception {
        Long start = ladderStart.value();
        Integer step = nextStep.value();
        if (start != null && step != null) {
            cancel(start + steps[step - 1], new DomainTimer(STEP, Integer.toString(step)));
        }
        if (start != null) {
            closeLadder();
        }
    }

    private void closeLadder() {
        ladderStart.clear();
        nextStep.clear();
        countChange(-1);
    }

    private void forgetCart() {
        lines.clear();
        currency.clear();
    }
}
