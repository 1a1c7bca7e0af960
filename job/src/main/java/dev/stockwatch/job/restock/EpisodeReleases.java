package dev.stockwatch.job.restock;

import dev.stockwatch.job.pipeline.DomainTimer;
import dev.stockwatch.job.pipeline.TimerScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The customers released in the current restock episode of a sku (SPEC §4, §5): each until the
 * episode ends (they hear of the sell-out), they buy, or {@code lifetime} has passed since their
 * release.
 */
final class EpisodeReleases {
    private final long lifetime;
    private final TimerScheduler timers;
    private final DomainTimer pruning;
    private final MapState<String, Release> released;

    EpisodeReleases(RuntimeContext context, long lifetime, TimerScheduler timers, DomainTimer pruning) {
        this.lifetime = lifetime;
        this.timers = timers;
        this.pruning = pruning;
        released = context.getMapState(new MapStateDescriptor<>("released", Types.STRING, TypeInformation.of(Release.class)));
    }

    /** A customer released now; {@link #forgetInTime} sets the timer that forgets them. */
    void remember(String customerId, Release release) throws Exception {
        released.put(customerId, release);
    }

    /**
     * Sets the timer that forgets the releases of {@code releasedAt} once {@code lifetime} has
     * passed: once for all customers released at that instant (a wave), not once per customer.
     */
    void forgetInTime(long releasedAt) throws Exception {
        timers.schedule(releasedAt + lifetime, pruning);
    }

    /** The release of a customer who bought, who leaves the episode; null if they were not released. */
    Release purchased(String customerId) throws Exception {
        Release release = released.get(customerId);
        if (release != null) {
            released.remove(customerId);
        }
        return release;
    }

    /** Everyone released in the episode, by customer id; the episode is over and they are forgotten. */
    List<Map.Entry<String, Release>> endEpisode() throws Exception {
        List<Map.Entry<String, Release>> all = new ArrayList<>();
        for (Map.Entry<String, Release> e : released.entries()) {
            all.add(Map.entry(e.getKey(), e.getValue()));
        }
        all.sort(Map.Entry.comparingByKey());
        released.clear();
        return all;
    }

    /** The pruning timer: releases older than {@code lifetime} go. */
    void forgetOld(long now) throws Exception {
        List<String> old = new ArrayList<>();
        for (Map.Entry<String, Release> e : released.entries()) {
            if (e.getValue().releasedAt() + lifetime <= now) {
                old.add(e.getKey());
            }
        }
        for (String customerId : old) {
            released.remove(customerId);
        }
    }
}
