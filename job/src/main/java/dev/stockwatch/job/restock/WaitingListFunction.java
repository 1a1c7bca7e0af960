package dev.stockwatch.job.restock;

import dev.stockwatch.job.metrics.LargestPerKey;
import dev.stockwatch.job.model.SignalType;
import dev.stockwatch.job.model.SkuInput;
import dev.stockwatch.job.model.SkuSignal;
import dev.stockwatch.job.pipeline.DomainTimer;
import dev.stockwatch.job.pipeline.EventTimeOrderedFunction;
import dev.stockwatch.job.pipeline.EventTimeSequencer;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.domain.Waves;
import dev.stockwatch.udfs.event.InterestEvent;
import dev.stockwatch.udfs.event.OrderKey;
import dev.stockwatch.udfs.event.StockEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.Collector;

/**
 * The waiting list and restock episodes of one sku (SPEC §4), keyed by sku.
 *
 * <p>Tracks the sellable quantity over {@code restock.locations}. When the sku comes back in stock
 * a restock episode starts and waiting customers are released in list order, in waves of
 * {@code ceil(qty * restock.subscribers-per-unit)} every {@code restock.wave-interval}. Emits a
 * {@link SkuSignal} per released, purchasing, sold-out and expired customer.
 */
public class WaitingListFunction extends EventTimeOrderedFunction<SkuInput, SkuSignal> {
    private static final long serialVersionUID = 1L;
    static final int WAVE = 0;
    static final int EXPIRY = 1;
    static final int FORGET_RELEASES = 2;
    private static final DomainTimer NEXT_WAVE = new DomainTimer(WAVE, "");
    private static final DomainTimer RELEASE_PRUNING = new DomainTimer(FORGET_RELEASES, "");
    /** Accumulator of the largest number of customers waiting for a sku when a wave was released. */
    public static final String DEPTH_AT_RESTOCK = "waiting-list.depth-at-restock";

    private final List<String> locations;
    private final long minQuantity;
    private final double perUnit;
    private final long waveInterval;
    private final long ttl;
    private final long soldOutWindow;
    private final boolean autoResubscribe;
    private final long releaseLifetime;
    /** Replays only: a live job would keep a map of every sku in its accumulators. */
    private final boolean reportDepths;

    private transient SellableStock stock;
    private transient ValueState<Long> episodeStart;
    private transient ValueState<Long> nextWaveAt;
    private transient MapState<String, Waiter> waiting;
    private transient EpisodeReleases released;
    private transient LargestPerKey depthAtRestock;

    public WaitingListFunction(StockwatchConfig config, long until) {
        super(TypeInformation.of(SkuInput.class), until, "waitingSubscriptions");
        this.locations = List.copyOf(config.restockLocations);
        this.minQuantity = config.restockMinQuantity;
        this.perUnit = config.restockSubscribersPerUnit;
        this.waveInterval = config.restockWaveInterval.toMillis();
        this.ttl = config.interestTtl.toMillis();
        this.soldOutWindow = config.soldoutWindow.toMillis();
        this.autoResubscribe = config.soldoutAutoResubscribe;
        this.releaseLifetime = releaseLifetime(config);
        this.reportDepths = until != EventTimeSequencer.NO_END;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        super.open(openContext);
        stock = new SellableStock(getRuntimeContext(), locations);
        episodeStart = getRuntimeContext().getState(new ValueStateDescriptor<>("episode-start", Types.LONG));
        nextWaveAt = getRuntimeContext().getState(new ValueStateDescriptor<>("next-wave-at", Types.LONG));
        waiting = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("waiting", Types.STRING, TypeInformation.of(Waiter.class)));
        released = new EpisodeReleases(getRuntimeContext(), releaseLifetime, this::schedule, RELEASE_PRUNING);
        if (reportDepths) {
            depthAtRestock = new LargestPerKey();
            getRuntimeContext().addAccumulator(DEPTH_AT_RESTOCK, depthAtRestock);
        }
    }

    @Override
    protected void apply(SkuInput input, long now, Collector<SkuSignal> out) throws Exception {
        if (input.stock() != null) {
            onStock(input.key(), input.stock(), out);
        } else if (input.interest() != null) {
            onInterest(input.key(), input.interest(), out);
        } else if (input.purchaserId() != null) {
            onPurchase(input.key(), input.purchaserId(), out);
        }
    }

    @Override
    protected void fire(DomainTimer timer, long now, Collector<SkuSignal> out) throws Exception {
        if (timer.kind() == WAVE) {
            nextWaveAt.clear();
            if (episodeStart.value() != null) {
                releaseWave(OrderKey.ofTimer(now), stock.quantity(), out);
            }
        } else if (timer.kind() == FORGET_RELEASES) {
            released.forgetOld(now);
        } else if (timer.kind() == EXPIRY) {
            Waiter waiter = waiting.get(timer.ref());
            if (waiter != null && waiter.expiresAt() == now) {
                leave(timer.ref());
                out.collect(signal(OrderKey.ofTimer(now), SignalType.EXPIRED, timer.ref(), waiter.placeAt()));
            }
        }
    }

    private void onStock(OrderKey key, StockEvent report, Collector<SkuSignal> out) throws Exception {
        if (!stock.update(report)) {
            return;
        }
        long qty = stock.quantity();
        boolean wasInStock = episodeStart.value() != null;
        boolean inStock = qty >= minQuantity;
        if (!wasInStock && inStock) {
            startEpisode(key, qty, out);
        } else if (wasInStock && !inStock) {
            endEpisode(key, out);
        }
    }

    /** The sku went from not in stock to in stock: a restock episode starts with its first wave. */
    private void startEpisode(OrderKey key, long qty, Collector<SkuSignal> out) throws Exception {
        episodeStart.update(key.at());
        releaseWave(key, qty, out);
    }

    /** Releases the next wave in list order and schedules another while people still wait. */
    private void releaseWave(OrderKey key, long qty, Collector<SkuSignal> out) throws Exception {
        long count = 0;
        for (String ignored : waiting.keys()) {
            count++;
        }
        if (reportDepths) {
            depthAtRestock.add(currentKey(), count);
        }
        long size = Waves.waveSize(qty, perUnit, count);
        List<Map.Entry<String, Waiter>> wave = WaitingListOrder.firstN(waiting.entries(), size);
        for (Map.Entry<String, Waiter> next : wave) {
            release(key, next.getKey(), next.getValue(), out);
        }
        if (!wave.isEmpty()) {
            released.forgetInTime(key.at());
        }
        if (size < count) {
            long due = key.at() + waveInterval;
            nextWaveAt.update(due);
            schedule(due, NEXT_WAVE);
        }
    }

    private void release(OrderKey key, String customerId, Waiter waiter, Collector<SkuSignal> out) throws Exception {
        leave(customerId);
        cancel(waiter.expiresAt(), expiry(customerId));
        released.remember(customerId, new Release(key.at(), waiter.placeAt()));
        out.collect(signal(key, SignalType.RELEASED, customerId, key.at()));
    }

    /** The sku sold out: everyone released in the episode hears of it; those waiting keep their place. */
    private void endEpisode(OrderKey key, Collector<SkuSignal> out) throws Exception {
        for (Map.Entry<String, Release> e : released.endEpisode()) {
            Release release = e.getValue();
            out.collect(signal(key, SignalType.SOLD_OUT, e.getKey(), release.releasedAt()));
            if (autoResubscribe && key.at() - release.releasedAt() <= soldOutWindow && !waiting.contains(e.getKey())) {
                join(e.getKey(), release.placeAt(), key.at());
            }
        }
        episodeStart.clear();
        Long wave = nextWaveAt.value();
        if (wave != null) {
            cancel(wave, NEXT_WAVE);
            nextWaveAt.clear();
        }
    }

    private void onInterest(OrderKey key, InterestEvent interest, Collector<SkuSignal> out) throws Exception {
        String customerId = interest.customerId();
        Waiter waiter = waiting.get(customerId);
        if (!interest.subscribe()) {
            if (waiter != null) {
                leave(customerId);
                cancel(waiter.expiresAt(), expiry(customerId));
            }
            return;
        }
        if (waiter != null) {
            return; // a repeated subscribe keeps its place
        }
        if (episodeStart.value() != null && waiting.isEmpty()) {
            released.remember(customerId, new Release(key.at(), key.at()));
            released.forgetInTime(key.at());
            out.collect(signal(key, SignalType.RELEASED, customerId, key.at()));
        } else {
            join(customerId, key.at(), key.at());
        }
    }

    /**
     * How long a release is remembered: its sell-out matters to sold_out_again for {@code
     * soldout.window} (inclusive), and to the delivery policy while the release may still wait in
     * its batch window or a hold of less than a day. A sell-out after that changes nothing.
     */
    static long releaseLifetime(StockwatchConfig config) {
        return Math.max(config.soldoutWindow.toMillis(), config.notifyBatchWindow.toMillis() + Duration.ofDays(1).toMillis());
    }

    private void join(String customerId, long placeAt, long now) throws Exception {
        Waiter waiter = new Waiter(placeAt, now + ttl);
        waiting.put(customerId, waiter);
        countChange(1);
        schedule(waiter.expiresAt(), expiry(customerId));
    }

    /** A waiting customer who buys leaves the list; a released one ends their sold-out watch. */
    private void onPurchase(OrderKey key, String customerId, Collector<SkuSignal> out) throws Exception {
        Waiter waiter = waiting.get(customerId);
        if (waiter != null) {
            leave(customerId);
            cancel(waiter.expiresAt(), expiry(customerId));
        }
        Release release = released.purchased(customerId);
        if (release != null) {
            out.collect(signal(key, SignalType.PURCHASED, customerId, release.releasedAt()));
        }
    }

    private void leave(String customerId) throws Exception {
        waiting.remove(customerId);
        countChange(-1);
    }

    private static DomainTimer expiry(String customerId) {
        return new DomainTimer(EXPIRY, customerId);
    }

    /** @param refTime the release time (the subscription time for EXPIRED) */
    private SkuSignal signal(OrderKey key, SignalType type, String customerId, long refTime) throws Exception {
        Long episode = episodeStart.value();
        return new SkuSignal(key, type, customerId, currentKey(), episode == null ? 0L : episode, refTime);
    }
}
