package dev.stockwatch.udfs.sql;

import dev.stockwatch.udfs.domain.NotificationIds;
import java.util.Arrays;
import org.apache.flink.table.functions.ScalarFunction;

/**
 * {@code SW_NOTIFICATION_ID(kind, customerId, ...)}: the deterministic notificationId (SPEC §3) the
 * job gives a decision:
 *
 * <ul>
 *   <li>{@code SW_NOTIFICATION_ID('abandoned_cart', customerId, cartHash, step)}
 *   <li>{@code SW_NOTIFICATION_ID('sold_out_again', customerId, sku, episodeStartMillis)}
 *   <li>{@code SW_NOTIFICATION_ID('back_in_stock', customerId, ARRAY[sku, ...], episodeStartMillis)}
 * </ul>
 *
 * NULL for another kind or a NULL argument.
 */
public class NotificationIdFunction extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public String eval(String kind, String customerId, String cartHashOrSku, Long stepOrEpisodeStart) {
        if (kind == null || customerId == null || cartHashOrSku == null || stepOrEpisodeStart == null) {
            return null;
        }
        return switch (kind) {
            case "abandoned_cart" -> NotificationIds.abandonedCart(customerId, cartHashOrSku, Math.toIntExact(stepOrEpisodeStart));
            case "sold_out_again" -> NotificationIds.soldOutAgain(customerId, cartHashOrSku, stepOrEpisodeStart);
            default -> null;
        };
    }

    public String eval(String kind, String customerId, String cartHash, Integer step) {
        return eval(kind, customerId, cartHash, step == null ? null : step.longValue());
    }

    public String eval(String kind, String customerId, String[] skus, Long episodeStart) {
        if (!"back_in_stock".equals(kind) || customerId == null || skus == null || episodeStart == null) {
            return null;
        }
        return NotificationIds.backInStock(customerId, episodeStart, Arrays.asList(skus));
    }
}
