package dev.stockwatch.job.soldout;

import dev.stockwatch.job.cep.CompactCepOperator;
import dev.stockwatch.job.model.Sequenced;
import dev.stockwatch.job.model.SignalType;
import dev.stockwatch.job.model.SkuSignal;
import dev.stockwatch.job.model.SoldOutAgainCandidate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.EventComparator;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.util.Collector;

/**
 * "Sold out again" (SPEC §5) as a CEP pattern over the signals of one (customer, sku): released,
 * not followed by a purchase, followed by the sell-out of the same episode, within
 * {@code soldout.window} (inclusive) of the release.
 */
public final class SoldOutAgainPattern {
    private SoldOutAgainPattern() {}

    public static Pattern<SkuSignal, ?> pattern(Duration window) {
        return Pattern.<SkuSignal>begin("released")
                .where(SimpleCondition.of(s -> s.type() == SignalType.RELEASED))
                .notFollowedBy("purchased")
                .where(SimpleCondition.of(s -> s.type() == SignalType.PURCHASED))
                .followedBy("soldOut")
                .where(new SameEpisodeSellOut())
                // CEP windows exclude their end; a sell-out exactly soldout.window after the release counts
                .within(window.plusMillis(1));
    }

    /** Signals of the same instant in the order of their causes. */
    public static EventComparator<SkuSignal> causeOrder() {
        return (a, b) -> Sequenced.ORDER.compare(a, b);
    }

    /** Applies the pattern to signals keyed by (customer, sku). */
    public static SingleOutputStreamOperator<SoldOutAgainCandidate> detect(KeyedStream<SkuSignal, String> signals, Duration window) {
        return CompactCepOperator.detect(signals, "sold out again (CEP)", pattern(window), causeOrder(), new ToCandidate(),
                SoldOutAgainCandidate.class);
    }

    static final class SameEpisodeSellOut extends IterativeCondition<SkuSignal> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(SkuSignal s, Context<SkuSignal> ctx) throws Exception {
            if (s.type() != SignalType.SOLD_OUT) {
                return false;
            }
            for (SkuSignal released : ctx.getEventsForPattern("released")) {
                if (released.episodeStart() == s.episodeStart()) {
                    return true;
                }
            }
            return false;
        }
    }

    public static final class ToCandidate extends PatternProcessFunction<SkuSignal, SoldOutAgainCandidate> {
        private static final long serialVersionUID = 1L;

        @Override
        public void processMatch(Map<String, List<SkuSignal>> match, Context ctx, Collector<SoldOutAgainCandidate> out) {
            SkuSignal released = match.get("released").get(0);
            SkuSignal soldOut = match.get("soldOut").get(0);
            out.collect(new SoldOutAgainCandidate(soldOut.key(), released.customerId(), released.sku(),
                    released.episodeStart(), released.releasedAt()));
        }
    }
}
