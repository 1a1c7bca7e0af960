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

    private final long[] steps;

    private transient ValueState<CartLadder> ladder;
    /** The lines as an earlier version kept them, registered only when a restored entry needs them. */
    private transient MapState<String, CartLine> earlierLines;

    public CartLadderFunction(StockwatchConfig config, long until) {
        super(TypeInformation.of(CartInput.class), until, "openCartLadders", true);
        this.steps = config.cartSteps.stream().mapToLong(Duration::toMillis).toArray();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        ladder = getRuntimeContext().getState(new ValueStateDescriptor<>("cart-ladder", TypeInformation.of(CartLadder.class)));
    }

    @Override
    protected void apply(CartInput input, long now, Collector<CustomerInput> out) throws Exception {
        CartLadder s = load();
        if (input.cart() != null) {
            if (s.stepSinceActivity()) {
                out.collect(CustomerInput.cart(input.key(), input.cart()));
                s = s.withStepSinceActivity(false);
            }
            s = change(s, input.cart());
            s = s.lines() == 0 ? endLadder(s).withoutCart() : restartLadder(s, now);
        } else if (input.order() != null) {
            // the order itself ends every held step at the delivery policy
            s = endLadder(s.withStepSinceActivity(false));
            for (OrderItem item : input.order().items()) {
                s = s.withoutLine(item.sku());
            }
            if (s.lines() == 0) {
                s = s.withoutCart();
            }
        }
        save(s);
    }

    /**
     * The ladder's timer: emits every step due from {@code now} up to {@link #ownTimersDueUpTo} (the
     * step due now, and those a watermark far ahead passes with no input of the customer in
     * between), then sets the timer of the next step. A timer that finds the ladder moved on by
     * activity since it was set only sets the timer of the step then due.
     */
    @Override
    protected void fire(DomainTimer timer, long now, Collector<CustomerInput> out) throws Exception {
        CartLadder s = load();
        if (!s.running() || dueOf(s) < now) {
            return; // the timer of a ladder that has ended
        }
        long upTo = ownTimersDueUpTo();
        boolean stepped = false;
        while (s.running() && dueOf(s) <= upTo) {
            s = emitStep(s, out);
            stepped = true;
        }
        if (s.running()) {
            scheduleOwn(dueOf(s));
        }
        if (stepped) {
            save(s);
        }
    }

    /** When the running ladder's next step falls due. */
    private long dueOf(CartLadder s) {
        return s.lastActivityAt() + steps[s.nextStep() - 1];
    }

    private CartLadder load() throws Exception {
        CartLadder s = ladder.value();
        if (s == null) {
            return CartLadder.NONE;
        }
        return s.contents() == null ? withEarlierLines(s) : s;
    }

    /**
     * An entry restored from the version that kept the lines in the map state {@code cart-lines}: the
     * lines move into the entry (sorted by sku), which is written back, and the map is cleared.
     */
    private CartLadder withEarlierLines(CartLadder s) throws Exception {
        if (earlierLines == null) {
            earlierLines = getRuntimeContext().getMapState(
                    new MapStateDescriptor<>("cart-lines", Types.STRING, TypeInformation.of(CartLine.class)));
        }
        List<CartLine> contents = new ArrayList<>();
        for (CartLine line : earlierLines.values()) {
            contents.add(line);
        }
        earlierLines.clear();
        contents.sort(Comparator.comparing(CartLine::sku));
        CartLadder moved = s.withContents(contents);
        ladder.update(moved); // at once: a timer that only moves on saves nothing
        return moved;
    }

    private void save(CartLadder s) throws Exception {
        if (s.isEmpty()) {
            ladder.clear();
        } else {
            ladder.update(s);
        }
    }

    /** The cart as an event changes it: add raises a line, remove lowers it (0 = gone), clear empties it. */
    private static CartLadder change(CartLadder s, CartEvent e) {
        String currency = e.currency() != null ? e.currency() : s.currency();
        CartLadder changed = switch (e.action()) {
            case ADD -> {
                CartLine line = s.line(e.sku());
                yield s.withLine(new CartLine(e.sku(), (line == null ? 0 : line.quantity()) + e.quantity(), e.unitPrice()));
            }
            case REMOVE -> {
                CartLine line = s.line(e.sku());
                if (line == null) {
                    yield s;
                }
                int quantity = line.quantity() - e.quantity();
                yield quantity <= 0 ? s.withoutLine(e.sku()) : s.withLine(new CartLine(e.sku(), quantity, line.unitPrice()));
            }
            case CLEAR -> s.withContents(List.of());
            case CHECKOUT -> s;
        };
        return changed.withCurrency(currency);
    }

    private CartLadder emitStep(CartLadder s, Collector<CustomerInput> out) throws Exception {
        int step = s.nextStep();
        long start = s.lastActivityAt();
        List<CartLine> contents = s.contents(); // in sku order
        Map<String, Integer> quantities = new TreeMap<>();
        for (CartLine line : contents) {
            quantities.put(line.sku(), line.quantity());
        }
        long due = start + steps[step - 1];
        out.collect(CustomerInput.cartStep(new CartStepCandidate(OrderKey.ofTimer(due), currentKey(), step,
                CartHash.of(quantities), contents, s.currency(), start)));
        CartLadder stepped = s.withStepSinceActivity(true);
        return step < steps.length ? stepped.withLadder(start, step + 1) : closeLadder(stepped);
    }

    /**
     * A new ladder after the activity at {@code a}: step 1 falls due at {@code a + cart.steps[0]}.
     *
     * <p>A running ladder always has a step timer at or before its next step. When that timer is
     * not later than the new step 1, it stays: it fires, finds the ladder moved on, and sets the
     * timer of the step then due ({@link #fire}). So a burst of cart activity costs one timer, not
     * a cancel and a new timer per event; the steps fall due exactly as before.
     */
    private CartLadder restartLadder(CartLadder s, long a) throws Exception {
        if (!s.running()) {
            countChange(1);
            return scheduleStep(s, a, 1);
        }
        if (dueOf(s) > a + steps[0]) {
            return scheduleStep(s, a, 1);
        }
        return s.withLadder(a, 1);
    }

    private CartLadder scheduleStep(CartLadder s, long lastActivityAt, int step) throws Exception {
        scheduleOwn(lastActivityAt + steps[step - 1]);
        return s.withLadder(lastActivityAt, step);
    }

    /**
     * Ends the running ladder: its next step timer goes (when activity has moved the ladder on, an
     * earlier timer may remain; it fires, finds no ladder, and does nothing).
     */
    private CartLadder endLadder(CartLadder s) throws Exception {
        if (!s.running()) {
            return s;
        }
        cancelOwn(dueOf(s));
        return closeLadder(s);
    }

    private CartLadder closeLadder(CartLadder s) {
        countChange(-1);
        return s.withLadder(null, null);
    }
}
