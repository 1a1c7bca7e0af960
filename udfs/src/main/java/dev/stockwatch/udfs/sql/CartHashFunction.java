package dev.stockwatch.udfs.sql;

import dev.stockwatch.udfs.domain.CartHash;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.Row;

/**
 * {@code SW_CART_HASH(lines)}: the stable hash of a cart's contents (SPEC §6), the {@code
 * cart.cartHash} of an abandoned_cart notification and of its incentive. {@code lines} is a
 * {@code MAP<STRING, INT>} of sku to quantity, or the {@code items} of a notification read as
 * {@code ARRAY<ROW<sku STRING, quantity INT>>} (lines of the same sku add up).
 */
public class CartHashFunction extends ScalarFunction {
    private static final long serialVersionUID = 1L;

    public String eval(@DataTypeHint("MAP<STRING, INT>") Map<String, Integer> quantities) {
        return quantities == null ? null : CartHash.of(quantities);
    }

    public String eval(@DataTypeHint("ARRAY<ROW<sku STRING, quantity INT>>") Row[] items) {
        if (items == null) {
            return null;
        }
        Map<String, Integer> quantities = new TreeMap<>();
        for (Row item : items) {
            String sku = (String) item.getField(0);
            Integer quantity = (Integer) item.getField(1);
            if (sku == null || quantity == null) {
                return null;
            }
            quantities.merge(sku, quantity, Integer::sum);
        }
        return CartHash.of(quantities);
    }
}
