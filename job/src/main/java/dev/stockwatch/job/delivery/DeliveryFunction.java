package dev.stockwatch.job.delivery;

import dev.stockwatch.job.metrics.LabeledCounters;
import dev.stockwatch.job.model.CartLine;
import dev.stockwatch.job.model.CartStepCandidate;
import dev.stockwatch.job.model.CustomerInput;
import dev.stockwatch.job.model.ItemInfo;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.job.model.ShopEvent;
import dev.stockwatch.job.model.SignalType;
import dev.stockwatch.job.model.SkuSignal;
import dev.stockwatch.job.model.SoldOutAgainCandidate;
import dev.stockwatch.job.pipeline.DomainTimer;
import dev.stockwatch.job.pipeline.EventTimeOrderedBroadcastFunction;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.domain.DeliveryPolicy;
import dev.stockwatch.udfs.domain.FrequencyCap;
import dev.stockwatch.udfs.domain.Rfm;
import dev.stockwatch.udfs.domain.Segments;
import dev.stockwatch.udfs.domain.Verdict;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.EngagementEvent;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderItem;
import dev.stockwatch.udfs.output.Kind;
import dev.stockwatch.udfs.output.Notification;
import dev.stockwatch.udfs.output.OutputJson;
import dev.stockwatch.udfs.output.Reason;
import dev.stockwatch.udfs.output.SentNotification;
import dev.stockwatch.udfs.output.Suppression;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The delivery policy of one customer (SPEC §7), keyed by customer: batches back-in-stock
 * releases, re-checks what no longer applies, applies the segment, channel, quiet hours,
 * frequency cap and dedupe checks in event-time order, and writes notifications and suppressions.
 */
public class DeliveryFunction extends EventTimeOrderedBroadcastFunction<CustomerInput, ShopEvent, OutputRecord> {
    private static final long serialVersionUID = 1L;
    /** Every notification emitted, as attribution (SPEC §13) needs it: a side output. */
    public static final OutputTag<SentNotification> SENT =
            new OutputTag<>("sent-notifications", TypeInformation.of(SentNotification.class));
    /**
     * A batch decision or the release of a held notification. Those due at the same instant are
     * decided in the order they were created (the ref starts with the creation instant), so the
     * one that has waited longest meets the frequency cap first.
     */
    static final int DECISION = 0;
    static final int FORGET_SENT_RELEASE = 1;
    static final int FORGET_OLD_ORDERS = 2;
    static final int FORGET_OLD_EMISSIONS = 3;
    static final int FORGET_OLD_IDS = 4;
    static final int FORGET_EXCLUSION = 5;
    private static final DomainTimer ORDER_PRUNING = new DomainTimer(FORGET_OLD_ORDERS, "");
    private static final DomainTimer EMISSION_PRUNING = new DomainTimer(FORGET_OLD_EMISSIONS, "");
    private static final DomainTimer ID_PRUNING = new DomainTimer(FORGET_OLD_IDS, "");
    private static final DomainTimer EXCLUSION_END = new DomainTimer(FORGET_EXCLUSION, "");

    private final StockwatchConfig config;
    private final DeliveryPolicy policy;
    private final NotificationBuilder builder;
    private final long batchWindow;
    private final long soldOutWindow;
    private final long dedupeRetention;
    private final long lastCartStep;

    private transient ValueState<CustomerProfile> profile;
    /** The latest engagement record (a changelog, like the profile). */
    private transient ValueState<EngagementEvent> engagement;
    private transient ValueState<Candidate> batch;
    private transient MapState<String, Candidate> held;
    /**
     * (sku, episode) of releases told in a back_in_stock that was sent, and how many of them still
     * wait for a sell-out: each release has a sold_out_again candidate of its own, which the policy
     * emits only if the back_in_stock of its release was sent. A release's count goes with its
     * sold_out_again, with an order of the sku, or {@code soldout.window} after it was sent.
     */
    private transient MapState<String, Long> sentReleases;
    private transient ValueState<List<Long>> emittedAt;
    /** notificationId → when it was first emitted; forgotten {@code dedupe.retention} later. */
    private transient MapState<String, Long> emittedIds;
    private transient ValueState<List<OrderStamp>> orders;
    /** The ladder (its start) that ended when the customer was excluded as a champion, until its last step. */
    private transient ValueState<Long> excludedLadder;
    private transient Funnel funnel;
    private transient LabeledCounters notifications;
    private transient LabeledCounters suppressions;
    private transient Histogram decisionLatency;

    public DeliveryFunction(StockwatchConfig config, long until) {
        super(TypeInformation.of(CustomerInput.class), until);
        this.config = config;
        this.policy = new DeliveryPolicy(config);
        this.builder = new NotificationBuilder(config);
        this.batchWindow = config.notifyBatchWindow.toMillis();
        this.soldOutWindow = config.soldoutWindow.toMillis();
        this.dedupeRetention = config.dedupeRetention.toMillis();
        this.lastCartStep = config.cartSteps.get(config.cartSteps.size() - 1).toMillis();
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        TypeInformation<Candidate> candidateType = TypeInformation.of(Candidate.class);
        profile = getRuntimeContext().getState(
                new ValueStateDescriptor<>("profile", TypeInformation.of(CustomerProfile.class)));
        engagement = getRuntimeContext().getState(
                new ValueStateDescriptor<>("engagement", TypeInformation.of(EngagementEvent.class)));
        batch = getRuntimeContext().getState(new ValueStateDescriptor<>("batch", candidateType));
        held = getRuntimeContext().getMapState(new MapStateDescriptor<>("held", Types.STRING, candidateType));
        sentReleases = getRuntimeContext().getMapState(new MapStateDescriptor<>("sent-releases", Types.STRING, Types.LONG));
        emittedAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emitted-at", Types.LIST(Types.LONG)));
        emittedIds = getRuntimeContext().getMapState(new MapStateDescriptor<>("emitted-ids", Types.STRING, Types.LONG));
        orders = getRuntimeContext().getState(
                new ValueStateDescriptor<>("orders", Types.LIST(TypeInformation.of(OrderStamp.class))));
        excludedLadder = getRuntimeContext().getState(new ValueStateDescriptor<>("excluded-ladder", Types.LONG));
        funnel = new Funnel(getRuntimeContext());
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        notifications = new LabeledCounters(metrics, "notifications", "kind", "channel");
        suppressions = new LabeledCounters(metrics, "suppressed", "kind", "reason");
        decisionLatency = metrics.addGroup("stockwatch").histogram("decisionLatencyMs", new DescriptiveStatisticsHistogram(1024));
    }

    @Override
    protected void onBroadcast(ShopEvent catalogEntry, Context ctx) throws Exception {
        if (catalogEntry.stock() != null) {
            StoreStock.add(ctx.getBroadcastState(StoreStock.DESCRIPTOR), catalogEntry, ctx.currentWatermark());
        } else {
            CatalogHistory.add(ctx.getBroadcastState(CatalogHistory.DESCRIPTOR), catalogEntry, ctx.currentWatermark());
        }
    }

    @Override
    protected void apply(CustomerInput input, long now, Collector<OutputRecord> out) throws Exception {
        if (input.profile() != null) {
            profile.update(input.profile());
        } else if (input.engagement() != null) {
            engagement.update(input.engagement());
        } else if (input.order() != null) {
            onOrder(input.order());
        } else if (input.cart() != null) {
            cancelHeldCartSteps(Reason.CART_CHANGED);
        } else if (input.signal() != null) {
            onSignal(input.signal(), now, out);
        } else if (input.soldOutAgain() != null) {
            onSoldOutAgain(input.soldOutAgain(), now, out);
        } else if (input.cartStep() != null) {
            onCartStep(input.cartStep(), now, out);
        }
    }

    @Override
    protected void fire(DomainTimer timer, long now, Collector<OutputRecord> out) throws Exception {
        switch (timer.kind()) {
            case DECISION -> {
                if (DecisionTimers.isBatch(timer.ref())) {
                    Candidate due = batch.value();
                    batch.clear();
                    if (due != null) {
                        decide(due, now, false, out);
                    }
                } else {
                    Candidate due = held.get(timer.ref());
                    held.remove(timer.ref());
                    if (due != null) {
                        decide(due, now, true, out);
                    }
                }
            }
            case FORGET_SENT_RELEASE -> {
                Long sent = sentReleases.get(timer.ref());
                if (sent != null) {
                    forgetOneRelease(timer.ref(), sent);
                }
            }
            case FORGET_OLD_ORDERS -> pruneOrders(now);
            case FORGET_OLD_EMISSIONS -> recentEmissions(now);
            case FORGET_OLD_IDS -> forgetOldIds(now);
            case FORGET_EXCLUSION -> {
                Long excluded = excludedLadder.value();
                if (excluded != null && excluded + lastCartStep <= now) {
                    excludedLadder.clear();
                }
            }
            default -> throw new IllegalStateException("unknown timer " + timer);
        }
    }

    // --- inputs -----------------------------------------------------------------------------

    private void onSignal(SkuSignal signal, long now, Collector<OutputRecord> out) throws Exception {
        if (signal.type() == SignalType.RELEASED) {
            PendingItem item = new PendingItem(signal.sku(), signal.episodeStart(), null, null, null, null);
            Candidate open = batch.value();
            if (open == null) {
                batch.update(Candidate.of(Kind.BACK_IN_STOCK, List.of(item), now));
                schedule(now + batchWindow, new DomainTimer(DECISION, DecisionTimers.batch(now)));
            } else {
                batch.update(open.withItems(joinBatch(open.items(), item)));
            }
        } else if (signal.type() == SignalType.SOLD_OUT) {
            Candidate open = batch.value();
            if (open != null) {
                batch.update(open.dropSku(signal.sku(), signal.episodeStart(), Reason.SOLD_OUT));
            }
            updateHeld(Kind.BACK_IN_STOCK, c -> c.dropSku(signal.sku(), signal.episodeStart(), Reason.SOLD_OUT));
        }
    }

    /** A sku released again within the batch replaces its dropped entry; one still applying stays. */
    private static List<PendingItem> joinBatch(List<PendingItem> items, PendingItem added) {
        List<PendingItem> out = new ArrayList<>(items.size() + 1);
        boolean present = false;
        for (PendingItem item : items) {
            if (item.sku().equals(added.sku())) {
                present = true;
                out.add(item.applies() ? item : added);
            } else {
                out.add(item);
            }
        }
        if (!present) {
            out.add(added);
        }
        return out;
    }

    private void onOrder(OrderEvent order) throws Exception {
        List<OrderStamp> history = orders.value();
        List<OrderStamp> updated = history == null ? new ArrayList<>() : new ArrayList<>(history);
        updated.add(new OrderStamp(order.at(), order.totalValue()));
        orders.update(updated);
        schedule(order.at() + Rfm.YEAR_MILLIS, ORDER_PRUNING);
        Candidate open = batch.value();
        for (OrderItem item : order.items()) {
            if (open != null) {
                open = open.dropSku(item.sku(), null, Reason.ORDERED);
            }
            String sku = item.sku();
            updateHeld(null, c -> c.kind() == Kind.ABANDONED_CART ? c : c.dropSku(sku, null, Reason.ORDERED));
        }
        if (open != null) {
            batch.update(open);
        }
        cancelHeldCartSteps(Reason.ORDERED);
        endWatches(order);
    }

    private void forgetOneRelease(String release, long waiting) throws Exception {
        if (waiting <= 1) {
            sentReleases.remove(release);
        } else {
            sentReleases.put(release, waiting - 1);
        }
    }

    /** A purchase of a sku the customer was told is back ends that watch: a conversion. */
    private void endWatches(OrderEvent order) throws Exception {
        List<String> converted = new ArrayList<>();
        for (Map.Entry<String, Long> e : sentReleases.entries()) {
            String release = e.getKey();
            if (order.contains(release.substring(0, release.lastIndexOf('|')))) {
                converted.add(release);
            }
        }
        for (String release : converted) {
            sentReleases.remove(release);
            funnel.purchased.add(1);
        }
    }

    /** How many notifications held now were held at {@code now} already. */
    private int heldSince(long now) throws Exception {
        int n = 0;
        for (String key : held.keys()) {
            if (DecisionTimers.createdAt(key) == now) {
                n++;
            }
        }
        return n;
    }

    private void cancelHeldCartSteps(Reason reason) throws Exception {
        updateHeld(Kind.ABANDONED_CART, c -> c.cancel(reason));
    }

    private void updateHeld(Kind kind, java.util.function.UnaryOperator<Candidate> change) throws Exception {
        List<Map.Entry<String, Candidate>> changed = new ArrayList<>();
        for (Map.Entry<String, Candidate> e : held.entries()) {
            if (kind == null || e.getValue().kind() == kind) {
                Candidate after = change.apply(e.getValue());
                if (!after.equals(e.getValue())) {
                    changed.add(Map.entry(e.getKey(), after));
                }
            }
        }
        for (Map.Entry<String, Candidate> e : changed) {
            held.put(e.getKey(), e.getValue());
        }
    }

    private void onSoldOutAgain(SoldOutAgainCandidate c, long now, Collector<OutputRecord> out) throws Exception {
        PendingItem item = new PendingItem(c.sku(), c.episodeStart(), null, null, null, null);
        Candidate candidate = Candidate.of(Kind.SOLD_OUT_AGAIN, List.of(item), now);
        String release = releaseKey(c.sku(), c.episodeStart());
        Long sent = sentReleases.get(release);
        if (sent == null) {
            suppress(candidate, Reason.NOT_NOTIFIED, now, out);
            return;
        }
        forgetOneRelease(release, sent);
        funnel.soldOutAgain.add(1);
        decide(candidate, now, false, out);
    }

    private void onCartStep(CartStepCandidate step, long now, Collector<OutputRecord> out) throws Exception {
        Long excluded = excludedLadder.value();
        if (excluded != null) {
            if (excluded == step.lastActivityAt()) {
                return; // the ladder ended when the customer was excluded as a champion
            }
            excludedLadder.clear();
        }
        List<PendingItem> items = new ArrayList<>();
        for (CartLine line : step.lines()) {
            items.add(new PendingItem(line.sku(), 0L, null, line.quantity(), line.unitPrice(), null));
        }
        Candidate candidate = new Candidate("", Kind.ABANDONED_CART, List.copyOf(items), step.step(), step.cartHash(),
                step.currency(), step.lastActivityAt(), step.lastActivityAt(), null);
        decide(candidate, now, false, out);
    }

    // --- the decision -----------------------------------------------------------------------

    private void decide(Candidate undescribed, long now, boolean atRelease, Collector<OutputRecord> out) throws Exception {
        CustomerProfile p = profile.value();
        Candidate c = describeItems(undescribed, p, now);
        Reason gone = c.noLongerApplies();
        if (gone != null) {
            suppress(c, gone, now, out);
            return;
        }
        String segment = c.kind() == Kind.ABANDONED_CART ? segmentAt(p, now) : null;
        List<Long> recent = recentEmissions(now);
        String id = builder.notificationId(currentKey(), c);
        Verdict verdict = policy.decide(new DeliveryPolicy.Decision(c.kind(), c.step(), NotificationBuilder.cartValue(c),
                p, engagement.value(), segment, now, atRelease, recent, emittedWithinRetention(id, now)));
        switch (verdict.outcome()) {
            case SUPPRESS -> {
                if (verdict.reason() == Reason.SEGMENT_EXCLUDED) {
                    excludedLadder.update(c.ladderStart());
                    schedule(c.ladderStart() + lastCartStep, EXCLUSION_END);
                }
                suppress(c, verdict.reason(), now, out);
            }
            case HOLD -> {
                String holdId = DecisionTimers.hold(now, heldSince(now), id);
                held.put(holdId, c.withHoldId(holdId));
                schedule(verdict.holdUntil(), new DomainTimer(DECISION, holdId));
            }
            case EMIT -> {
                Notification n = builder.notification(currentKey(), c, verdict.channel(), p, segment, now);
                List<Long> updated = new ArrayList<>(recent);
                updated.add(now);
                emittedAt.update(updated);
                schedule(now + policy.capWindowMillis(), EMISSION_PRUNING);
                emittedIds.put(id, now);
                schedule(now + dedupeRetention, ID_PRUNING);
                if (c.kind() == Kind.BACK_IN_STOCK) {
                    for (PendingItem item : c.applying()) {
                        String release = releaseKey(item.sku(), item.episodeStart());
                        Long waiting = sentReleases.get(release);
                        sentReleases.put(release, waiting == null ? 1 : waiting + 1);
                        funnel.notified.add(1);
                        schedule(now + soldOutWindow + 1, new DomainTimer(FORGET_SENT_RELEASE, release));
                    }
                }
                notifications.inc(n.kind().id(), n.channel());
                decisionLatency.update(System.currentTimeMillis() - c.triggeredAt());
                out.collect(new OutputRecord(n.channel(), n.customerId(), n.kind().id(), n.eventTime(), OutputJson.write(n)));
                timerContext().output(SENT, SentNotification.of(n));
            }
        }
    }

    /**
     * Item name, url and price as the catalog has them at the decision; for a cart reminder to a
     * customer with a home store, also what that store has of each item then.
     */
    private Candidate describeItems(Candidate c, CustomerProfile p, long now) throws Exception {
        var catalog = timerContext().getBroadcastState(CatalogHistory.DESCRIPTOR);
        String store = c.kind() == Kind.ABANDONED_CART && p != null ? p.homeStore() : null;
        List<PendingItem> items = new ArrayList<>(c.items().size());
        for (PendingItem item : c.items()) {
            ItemInfo info = CatalogHistory.itemAt(catalog, item.sku(), now, config.linksProduct);
            if (store != null) {
                info = info.withInStore(StoreStock.availableAt(
                        timerContext().getBroadcastState(StoreStock.DESCRIPTOR), item.sku(), store, now));
            }
            items.add(new PendingItem(item.sku(), item.episodeStart(), info, item.quantity(), item.unitPrice(), item.dropped()));
        }
        return c.withItems(items);
    }

    private void suppress(Candidate c, Reason reason, long now, Collector<OutputRecord> out) {
        Suppression s = builder.suppression(currentKey(), c, reason, now);
        suppressions.inc(s.kind().id(), reason.id());
        decisionLatency.update(System.currentTimeMillis() - c.triggeredAt());
        out.collect(new OutputRecord(OutputRecord.SUPPRESSED, s.customerId(), s.kind().id(), s.eventTime(), OutputJson.write(s)));
    }

    private List<Long> recentEmissions(long now) throws Exception {
        List<Long> all = emittedAt.value();
        if (all == null) {
            return List.of();
        }
        List<Long> recent = FrequencyCap.prune(all, now, policy.capWindowMillis());
        if (recent.size() != all.size()) {
            if (recent.isEmpty()) {
                emittedAt.clear();
            } else {
                emittedAt.update(new ArrayList<>(recent));
            }
        }
        return recent;
    }

    /** SPEC §7: an id counts as emitted for {@code dedupe.retention} after its first emission. */
    private boolean emittedWithinRetention(String id, long now) throws Exception {
        Long first = emittedIds.get(id);
        return first != null && first > now - dedupeRetention;
    }

    private void forgetOldIds(long now) throws Exception {
        List<String> old = new ArrayList<>();
        for (Map.Entry<String, Long> e : emittedIds.entries()) {
            if (e.getValue() <= now - dedupeRetention) {
                old.add(e.getKey());
            }
        }
        for (String id : old) {
            emittedIds.remove(id);
        }
    }

    private String segmentAt(CustomerProfile p, long now) throws Exception {
        List<OrderStamp> history = orders.value();
        int n = history == null ? 0 : history.size();
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = history.get(i).at();
            values[i] = history.get(i).value();
        }
        return Segments.segment(p == null ? null : p.segment(), Rfm.at(now, times, values), config.segmentRules);
    }

    private void pruneOrders(long now) throws Exception {
        List<OrderStamp> history = orders.value();
        if (history == null) {
            return;
        }
        List<OrderStamp> kept = history.stream().filter(o -> o.at() > now - Rfm.YEAR_MILLIS).toList();
        if (kept.isEmpty()) {
            orders.clear();
        } else if (kept.size() != history.size()) {
            orders.update(new ArrayList<>(kept));
        }
    }

    private static String releaseKey(String sku, long episodeStart) {
        return sku + '|' + episodeStart;
    }
}
