package dev.stockwatch.job.delivery;

import dev.stockwatch.job.pipeline.TimerScheduler;
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
import dev.stockwatch.udfs.policy.DeliveryPolicy;
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
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The delivery policy of one customer (SPEC §7), keyed by customer. Its parts own their state and
 * timers: the {@link BatchWindow} of back-in-stock releases, the {@link HeldNotifications} of quiet
 * hours and send time, the {@link SentReleaseWatch} for sold_out_again, the {@link EmissionLedger}
 * of the cap and dedupe, the {@link OrderHistory} for segments and the {@link LadderExclusion} of
 * champions. This class routes inputs and timers to them and runs the checks in event-time order.
 */
public class DeliveryFunction extends EventTimeOrderedBroadcastFunction<CustomerInput, ShopEvent, OutputRecord> {
    private static final long serialVersionUID = 1L;
    /** Every notification emitted, as attribution (SPEC §13) needs it: a side output. */
    public static final OutputTag<SentNotification> SENT =
            new OutputTag<>("sent-notifications", TypeInformation.of(SentNotification.class));

    private final StockwatchConfig config;
    private final DeliveryPolicy policy;
    private final NotificationBuilder builder;
    /** A version retention that keeps every catalog and stock version (a replay). */
    public static final long KEEP_ALL_VERSIONS = EventTimeVersions.KEEP_ALL;

    /** {@link EventTimeVersions}' retention of catalog and stock versions, ms; {@link #KEEP_ALL_VERSIONS} keeps them all. */
    private final long versionRetention;

    private transient ValueState<CustomerProfile> profile;
    /** The latest engagement record (a changelog, like the profile). */
    private transient ValueState<EngagementEvent> engagement;
    private transient BatchWindow batch;
    private transient HeldNotifications held;
    private transient SentReleaseWatch sentReleases;
    private transient EmissionLedger emissions;
    private transient OrderHistory orders;
    private transient LadderExclusion exclusion;
    private transient LabeledCounters notifications;
    private transient LabeledCounters suppressions;
    private transient Histogram decisionLatency;

    public DeliveryFunction(StockwatchConfig config, long until, long versionRetention) {
        super(TypeInformation.of(CustomerInput.class), until);
        this.config = config;
        this.versionRetention = versionRetention;
        this.policy = new DeliveryPolicy(config);
        this.builder = new NotificationBuilder(config);
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        var context = getRuntimeContext();
        TimerScheduler timers = sequencer()::schedule;
        profile = context.getState(new ValueStateDescriptor<>("profile", TypeInformation.of(CustomerProfile.class)));
        engagement = context.getState(new ValueStateDescriptor<>("engagement", TypeInformation.of(EngagementEvent.class)));
        batch = new BatchWindow(context, config.notifyBatchWindow.toMillis(), timers);
        held = new HeldNotifications(context, timers);
        sentReleases = new SentReleaseWatch(context, config.soldoutWindow.toMillis(), timers, new Funnel(context));
        emissions = new EmissionLedger(context, policy.capWindowMillis(), config.dedupeRetention.toMillis(), timers);
        orders = new OrderHistory(context, config.segmentRules, timers);
        exclusion = new LadderExclusion(context, config.cartSteps.get(config.cartSteps.size() - 1).toMillis(), timers);
        MetricGroup metrics = context.getMetricGroup();
        notifications = new LabeledCounters(metrics, "notifications", "kind", "channel");
        suppressions = new LabeledCounters(metrics, "suppressed", "kind", "reason");
        decisionLatency = metrics.addGroup("stockwatch").histogram("decisionLatencyMs", new DescriptiveStatisticsHistogram(1024));
    }

    @Override
    protected void onBroadcast(ShopEvent catalogEntry, Context ctx) throws Exception {
        if (catalogEntry.stock() != null) {
            StoreStock.add(ctx.getBroadcastState(StoreStock.DESCRIPTOR), catalogEntry, versionRetention);
        } else {
            CatalogHistory.add(ctx.getBroadcastState(CatalogHistory.DESCRIPTOR), catalogEntry, versionRetention);
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
            held.cancelCartSteps(Reason.CART_CHANGED);
        } else if (input.signal() != null) {
            onSignal(input.signal(), now);
        } else if (input.soldOutAgain() != null) {
            onSoldOutAgain(input.soldOutAgain(), now, out);
        } else if (input.cartStep() != null) {
            onCartStep(input.cartStep(), now, out);
        }
    }

    @Override
    protected void fire(DomainTimer timer, long now, Collector<OutputRecord> out) throws Exception {
        switch (DeliveryTimer.of(timer)) {
            case DECISION -> {
                boolean isBatch = DecisionRef.parse(timer.ref()).isBatch();
                Candidate due = isBatch ? batch.close() : held.release(timer.ref());
                if (due != null) {
                    decide(due, now, !isBatch, out);
                }
            }
            case FORGET_SENT_RELEASE -> sentReleases.forget(timer.ref());
            case FORGET_OLD_ORDERS -> orders.forgetOldOrders(now);
            case FORGET_OLD_EMISSIONS -> emissions.forgetOldEmissions(now);
            case FORGET_OLD_IDS -> emissions.forgetOldIds(now);
            case FORGET_EXCLUSION -> exclusion.forget(now);
        }
    }

    // --- inputs -----------------------------------------------------------------------------

    private void onSignal(SkuSignal signal, long now) throws Exception {
        if (signal.type() == SignalType.RELEASED) {
            batch.add(new PendingItem(signal.sku(), signal.episodeStart(), null, null, null, null), now);
        } else if (signal.type() == SignalType.SOLD_OUT) {
            batch.drop(signal.sku(), signal.episodeStart(), Reason.SOLD_OUT);
            held.update(Kind.BACK_IN_STOCK, c -> c.dropSku(signal.sku(), signal.episodeStart(), Reason.SOLD_OUT));
        }
    }

    private void onOrder(OrderEvent order) throws Exception {
        orders.add(order);
        for (OrderItem item : order.items()) {
            String sku = item.sku();
            batch.drop(sku, null, Reason.ORDERED);
            held.update(null, c -> c.kind() == Kind.ABANDONED_CART ? c : c.dropSku(sku, null, Reason.ORDERED));
        }
        held.cancelCartSteps(Reason.ORDERED);
        sentReleases.onOrder(order);
    }

    private void onSoldOutAgain(SoldOutAgainCandidate c, long now, Collector<OutputRecord> out) throws Exception {
        PendingItem item = new PendingItem(c.sku(), c.episodeStart(), null, null, null, null);
        Candidate candidate = Candidate.of(Kind.SOLD_OUT_AGAIN, List.of(item), now);
        if (sentReleases.soldOutAgain(c.sku(), c.episodeStart())) {
            decide(candidate, now, false, out);
        } else {
            suppress(candidate, Reason.NOT_NOTIFIED, now, out);
        }
    }

    private void onCartStep(CartStepCandidate step, long now, Collector<OutputRecord> out) throws Exception {
        if (exclusion.excludes(step.lastActivityAt())) {
            return;
        }
        List<PendingItem> items = new ArrayList<>();
        for (CartLine line : step.lines()) {
            items.add(new PendingItem(line.sku(), 0L, null, line.quantity(), line.unitPrice(), null));
        }
        Candidate candidate = new Candidate("", Kind.ABANDONED_CART, List.copyOf(items), step.step(), step.cartHash(),
                step.currency(), step.lastActivityAt(), null);
        decide(candidate, now, false, out);
    }

    // --- the decision -----------------------------------------------------------------------

    /**
     * Runs the checks of SPEC §7 in their order. Engagement and the emission ledger are read only
     * when the first checks pass, and the catalog only for a notification that goes out: most
     * decisions end earlier (a customer without a profile), and on RocksDB every read is a lookup.
     */
    private void decide(Candidate c, long now, boolean atRelease, Collector<OutputRecord> out) throws Exception {
        Reason gone = c.noLongerApplies();
        if (gone != null) {
            suppress(c, gone, now, out);
            return;
        }
        CustomerProfile p = profile.value();
        String segment = c.kind() == Kind.ABANDONED_CART ? orders.segmentAt(p, now) : null;
        Reason excluded = policy.notForThisCustomer(c.kind(), segment, p);
        if (excluded != null) {
            if (excluded == Reason.SEGMENT_EXCLUDED) {
                exclusion.exclude(c.lastActivityAt());
            }
            suppress(c, excluded, now, out);
            return;
        }
        List<Long> recent = emissions.recent(now);
        String id = builder.notificationId(currentKey(), c);
        Verdict verdict = policy.decide(new DeliveryPolicy.Decision(c.kind(), c.step(), NotificationBuilder.cartValue(c),
                p, engagement.value(), segment, now, atRelease, recent, emissions.emittedWithinRetention(id, now)));
        switch (verdict.outcome()) {
            case SUPPRESS -> suppress(c, verdict.reason(), now, out);
            case HOLD -> held.hold(c, id, now, verdict.holdUntil());
            case EMIT -> {
                Notification n = builder.notification(currentKey(), id, describeItems(c, p, now), verdict.channel(), p, segment, now);
                emissions.record(id, recent, now);
                if (c.kind() == Kind.BACK_IN_STOCK) {
                    sentReleases.onSent(c.applying(), now);
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
        var storeStock = store == null ? null : timerContext().getBroadcastState(StoreStock.DESCRIPTOR);
        List<PendingItem> items = new ArrayList<>(c.items().size());
        for (PendingItem item : c.items()) {
            ItemInfo info = CatalogHistory.itemAt(catalog, item.sku(), now, config.linksProduct);
            if (store != null) {
                info = info.withInStore(StoreStock.availableAt(storeStock, item.sku(), store, now));
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
}
