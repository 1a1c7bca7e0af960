package dev.stockwatch.job.delivery;

import dev.stockwatch.job.pipeline.TimerScheduler;
import dev.stockwatch.udfs.event.OrderEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The releases a customer was told about in a sent back_in_stock, for sold_out_again (SPEC §5:
 * emitted only if that back_in_stock was sent) and the back-in-stock funnel. Each release has a
 * sold_out_again candidate of its own; a release's count goes with its sold_out_again, with an
 * order of the sku, or {@code soldout.window} after it was sent.
 */
final class SentReleaseWatch {
    private final long soldOutWindow;
    private final TimerScheduler timers;
    private final Funnel funnel;
    /** {@link SentRelease#key()} → how many releases of it still wait for a sell-out. */
    private final MapState<String, Long> sentReleases;

    SentReleaseWatch(RuntimeContext context, long soldOutWindow, TimerScheduler timers, Funnel funnel) {
        this.soldOutWindow = soldOutWindow;
        this.timers = timers;
        this.funnel = funnel;
        sentReleases = context.getMapState(new MapStateDescriptor<>("sent-releases", Types.STRING, Types.LONG));
    }

    /** The items of a back_in_stock just emitted start their watch. */
    void onSent(List<PendingItem> told, long now) throws Exception {
        for (PendingItem item : told) {
            SentRelease release = new SentRelease(item.sku(), item.episodeStart());
            Long waiting = sentReleases.get(release.key());
            long watches = waiting == null ? 1 : waiting + 1;
            sentReleases.put(release.key(), watches);
            funnel.notified.add(1);
            timers.schedule(now + soldOutWindow + 1, DeliveryTimer.FORGET_SENT_RELEASE.at(release.watchRef(watches)));
        }
    }

    /** Whether the back_in_stock of this release was sent; if so, the sell-out ends one of its watches. */
    boolean soldOutAgain(String sku, long episodeStart) throws Exception {
        String release = new SentRelease(sku, episodeStart).key();
        Long sent = sentReleases.get(release);
        if (sent == null) {
            return false;
        }
        forgetOne(release, sent);
        funnel.soldOutAgain.add(1);
        return true;
    }

    /** A purchase of a sku the customer was told is back ends that watch: a conversion. */
    void onOrder(OrderEvent order) throws Exception {
        List<String> converted = new ArrayList<>();
        for (Map.Entry<String, Long> e : sentReleases.entries()) {
            if (order.contains(SentRelease.parse(e.getKey()).sku())) {
                converted.add(e.getKey());
            }
        }
        for (String release : converted) {
            sentReleases.remove(release);
            funnel.purchased.add(1);
        }
    }

    /** The watch of {@code watchRef} ({@link SentRelease#watchRef}) has outlived {@code soldout.window}. */
    void forget(String watchRef) throws Exception {
        String release = SentRelease.ofWatchRef(watchRef).key();
        Long sent = sentReleases.get(release);
        if (sent != null) {
            forgetOne(release, sent);
        }
    }

    private void forgetOne(String release, long waiting) throws Exception {
        if (waiting <= 1) {
            sentReleases.remove(release);
        } else {
            sentReleases.put(release, waiting - 1);
        }
    }
}
