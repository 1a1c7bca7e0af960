package dev.stockwatch.job.delivery;

import dev.stockwatch.job.model.ItemInfo;
import dev.stockwatch.udfs.config.StockwatchConfig;
import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.domain.Incentive;
import dev.stockwatch.udfs.domain.Incentives;
import dev.stockwatch.udfs.domain.Links;
import dev.stockwatch.udfs.domain.NotificationIds;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.output.CartSummary;
import dev.stockwatch.udfs.output.IncentiveOffer;
import dev.stockwatch.udfs.output.Item;
import dev.stockwatch.udfs.output.Notification;
import dev.stockwatch.udfs.output.Reason;
import dev.stockwatch.udfs.output.Suppression;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns a decided candidate into the notification or suppression record of SPEC §3. */
final class NotificationBuilder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StockwatchConfig config;

    NotificationBuilder(StockwatchConfig config) {
        this.config = config;
    }

    /** The items the notification is about: those that still apply, or all when none does. */
    static List<PendingItem> subject(Candidate c) {
        List<PendingItem> items = new ArrayList<>(c.applying());
        if (items.isEmpty()) {
            items.addAll(c.items());
        }
        items.sort(Comparator.comparing(PendingItem::sku));
        return items;
    }

    String notificationId(String customerId, Candidate c) {
        List<PendingItem> items = subject(c);
        return switch (c.kind()) {
            case BACK_IN_STOCK -> NotificationIds.backInStock(customerId,
                    items.stream().mapToLong(PendingItem::episodeStart).min().orElse(0L),
                    items.stream().map(PendingItem::sku).toList());
            case SOLD_OUT_AGAIN -> NotificationIds.soldOutAgain(customerId, items.get(0).sku(), items.get(0).episodeStart());
            case ABANDONED_CART -> NotificationIds.abandonedCart(customerId, c.cartHash(), c.step());
        };
    }

    Suppression suppression(String customerId, Candidate c, Reason reason, long now) {
        return new Suppression(notificationId(customerId, c), c.kind(), customerId, reason,
                subject(c).stream().map(PendingItem::sku).toList(),
                c.step() > 0 ? c.step() : null, now, c.triggeredAt());
    }

    Notification notification(
            String customerId, String id, Candidate c, Channel channel, CustomerProfile profile, String segment, long now) {
        List<Item> items = new ArrayList<>();
        for (PendingItem p : subject(c)) {
            ItemInfo info = p.item();
            Double price = info.price() != null ? info.price() : p.unitPrice();
            String currency = info.currency() != null ? info.currency() : (p.quantity() != null ? c.cartCurrency() : null);
            items.add(new Item(p.sku(), p.quantity(), info.name(), info.url(), price, currency, info.inStore()));
        }
        CartSummary cart = null;
        IncentiveOffer offer = null;
        String resubscribe = null;
        Integer step = null;
        String segmentField = null;
        switch (c.kind()) {
            case SOLD_OUT_AGAIN -> resubscribe = Links.forSku(config.linksResubscribe, items.get(0).sku());
            case ABANDONED_CART -> {
                step = c.step();
                segmentField = segment;
                cart = new CartSummary(c.cartHash(), cartValue(c), c.cartCurrency());
                Incentive incentive = Incentives.forStep(config.cartIncentives, c.step(), segment);
                if (!incentive.isNone()) {
                    long stepAt = c.lastActivityAt() + config.cartStep(c.step()).toMillis();
                    offer = new IncentiveOffer(incentive.percentOff(), incentive.freeShipping(),
                            NotificationIds.incentiveCode(customerId, c.cartHash(), c.step()), c.cartHash(),
                            stepAt + config.cartIncentiveTtl.toMillis());
                }
            }
            default -> { }
        }
        return new Notification(id, c.kind(), customerId, channel.id(), channel.address(profile), profile.locale(),
                items, step, cart, offer, segmentField, resubscribe, now, c.triggeredAt());
    }

    static double cartValue(Candidate c) {
        double total = 0;
        for (PendingItem item : c.items()) {
            if (item.quantity() != null && item.unitPrice() != null) {
                total += item.quantity() * item.unitPrice();
            }
        }
        return total;
    }
}
