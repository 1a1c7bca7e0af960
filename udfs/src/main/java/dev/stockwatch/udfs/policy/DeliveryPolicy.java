package dev.stockwatch.udfs.policy;

import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.domain.ChannelChoice;
import dev.stockwatch.udfs.domain.FrequencyCap;
import dev.stockwatch.udfs.domain.QuietHours;
import dev.stockwatch.udfs.domain.Segments;
import dev.stockwatch.udfs.domain.SendTime;
import dev.stockwatch.udfs.domain.Verdict;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.EngagementEvent;
import dev.stockwatch.udfs.output.Kind;
import dev.stockwatch.udfs.output.Reason;
import java.io.Serializable;
import java.util.List;

/**
 * The delivery checks after "still applies" (SPEC §7), in their order: segment_excluded →
 * unknown_customer → no_reachable_channel (engagement included) → quiet hours and send time (one
 * hold) → frequency_cap → duplicate → emit.
 */
public final class DeliveryPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StockwatchConfig config;
    private final QuietHours quietHours;
    private final SendTime sendTime;
    private final long capWindow;

    public DeliveryPolicy(StockwatchConfig config) {
        this.config = config;
        this.quietHours = new QuietHours(config.quietHoursStart, config.quietHoursEnd, config.quietHoursChannels);
        this.capWindow = config.capWindow.toMillis();
        this.sendTime = new SendTime(config.sendtimeApplyTo, config.sendtimeMaxHold.toMillis());
    }

    /** What one decision needs to know about the notification and the customer. */
    public record Decision(
            Kind kind,
            int step,
            double cartValue,
            CustomerProfile profile,
            EngagementEvent engagement,
            String segment,
            long now,
            boolean atRelease,
            List<Long> emittedAt,
            boolean alreadyEmitted) {}

    public Verdict decide(Decision d) {
        Reason excluded = notForThisCustomer(d.kind(), d.segment(), d.profile());
        if (excluded != null) {
            return Verdict.suppress(excluded);
        }
        Channel channel = ChannelChoice.choose(preference(d.kind(), d.step()), d.profile(), d.engagement(), smsAllowed(d));
        if (channel == null) {
            return Verdict.suppress(Reason.NO_REACHABLE_CHANNEL);
        }
        if (!d.atRelease()) {
            long goesOut = sendTime.appliesTo(d.kind(), d.step()) && d.engagement() != null
                    ? sendTime.goesOutAt(d.now(), d.engagement().preferredHour())
                    : d.now();
            String zone = d.profile().timezone();
            if (quietHours.appliesTo(channel) && quietHours.isQuiet(goesOut, zone)) {
                return Verdict.hold(channel, quietHours.releaseTime(goesOut, zone));
            }
            if (goesOut > d.now()) {
                return Verdict.hold(channel, goesOut);
            }
        }
        if (!FrequencyCap.allows(d.emittedAt(), d.now(), config.capMax, capWindow)) {
            return Verdict.suppress(Reason.FREQUENCY_CAP);
        }
        if (d.alreadyEmitted()) {
            return Verdict.suppress(Reason.DUPLICATE);
        }
        return Verdict.emit(channel);
    }

    /**
     * The first two checks, segment_excluded and unknown_customer: they need neither engagement
     * nor the emission ledger, so a caller can ask them first and read those only when both pass.
     * Null when both pass.
     */
    public Reason notForThisCustomer(Kind kind, String segment, CustomerProfile profile) {
        if (kind == Kind.ABANDONED_CART && Segments.CHAMPIONS.equals(segment)) {
            return Reason.SEGMENT_EXCLUDED;
        }
        if (profile == null) {
            return Reason.UNKNOWN_CUSTOMER;
        }
        return null;
    }

    private boolean smsAllowed(Decision d) {
        return d.kind() != Kind.ABANDONED_CART
                || ChannelChoice.smsAllowedForCart(d.cartValue(), config.cartSmsMinValue, d.segment());
    }

    public List<Channel> preference(Kind kind, int step) {
        return switch (kind) {
            case BACK_IN_STOCK -> config.channelsBackInStock;
            case SOLD_OUT_AGAIN -> config.channelsSoldOutAgain;
            case ABANDONED_CART -> config.channelsAbandonedCart.get(step - 1);
        };
    }

    public long capWindowMillis() {
        return capWindow;
    }
}
