package dev.stockwatch.job.conversion;

import static dev.stockwatch.job.TestEvents.t;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.job.cep.CompactCepOperator;
import dev.stockwatch.job.model.OutputRecord;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderItem;
import dev.stockwatch.udfs.output.Kind;
import dev.stockwatch.udfs.output.SentNotification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversion CEP pattern on its real operator, keyed by customer, and the last-touch
 * attribution after it on its own operator.
 */
class ConversionPatternTest {
    private static final Duration WINDOW = Duration.ofDays(5);

    private KeyedOneInputStreamOperatorTestHarness<String, ConversionEvent, Touch> cep;
    private KeyedOneInputStreamOperatorTestHarness<String, Touch, OutputRecord> attribution;
    private int baselineStateEntries;

    @BeforeEach
    void open() throws Exception {
        CompactCepOperator<ConversionEvent, String, Touch> operator = new CompactCepOperator<>(
                TypeInformation.of(ConversionEvent.class).createSerializer(new SerializerConfigImpl()),
                ConversionPattern.pattern(WINDOW), ConversionPattern.sameInstantOrder(), new ConversionPattern.ToTouch());
        cep = new KeyedOneInputStreamOperatorTestHarness<>(operator, ConversionEvent::customerId, Types.STRING);
        cep.open();
        baselineStateEntries = cep.numKeyedStateEntries();
        attribution = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new AttributionFunction(WINDOW.toMillis())), Touch::customerId, Types.STRING);
        attribution.open();
    }

    @AfterEach
    void close() throws Exception {
        cep.close();
        attribution.close();
    }

    private static SentNotification sent(String id, Kind kind, String customer, String time, String... skus) {
        return new SentNotification(id, customer, kind, kind == Kind.ABANDONED_CART ? 2 : null, "email", List.of(skus), t(time));
    }

    private static OrderEvent order(String id, String customer, String time, OrderItem... items) {
        return new OrderEvent(id, customer, "online", null, List.of(items), t(time));
    }

    private void send(Object... events) throws Exception {
        for (Object e : events) {
            ConversionEvent event = e instanceof SentNotification s ? ConversionEvent.sent(s) : ConversionEvent.order((OrderEvent) e);
            cep.processElement(event, event.at());
        }
    }

    /** Advances both operators to {@code time}; returns the conversions written so far as JSON. */
    private List<String> watermark(String time) throws Exception {
        cep.processWatermark(t(time));
        for (Touch touch : cep.extractOutputValues()) {
            attribution.processElement(touch, touch.order().at());
        }
        cep.getOutput().clear();
        attribution.processWatermark(t(time));
        List<String> out = new ArrayList<>();
        for (OutputRecord r : attribution.extractOutputValues()) {
            out.add(r.json());
        }
        return out;
    }

    @Test
    void anOrderOfAListedSkuInTheWindowIsAConversionWithTheRevenueOfThatSku() throws Exception {
        send(sent("bis-1", Kind.BACK_IN_STOCK, "c-a", "10:00", "MIXER", "KETTLE"),
                order("o-1", "c-a", "2026-11-21T09:00:00Z", new OrderItem("MIXER", 2, 100.0), new OrderItem("MUG", 1, 9.5)));
        assertThat(watermark("2026-11-22T00:00:00Z")).containsExactly("{\"orderId\":\"o-1\",\"customerId\":\"c-a\","
                + "\"notificationId\":\"bis-1\",\"kind\":\"back_in_stock\",\"channel\":\"email\",\"skus\":[\"MIXER\"],"
                + "\"revenue\":200.0,\"notifiedAt\":\"2026-11-20T10:00:00Z\",\"eventTime\":\"2026-11-21T09:00:00Z\"}");
    }

    @Test
    void theWindowIsOpenAtTheNotificationAndClosedAtItsEnd() throws Exception {
        send(sent("bis-a", Kind.BACK_IN_STOCK, "c-same", "10:00", "MIXER"),
                order("o-same", "c-same", "10:00", new OrderItem("MIXER", 1, 100.0)),
                sent("bis-b", Kind.BACK_IN_STOCK, "c-edge", "10:00", "MIXER"),
                order("o-edge", "c-edge", "2026-11-25T10:00:00Z", new OrderItem("MIXER", 1, 100.0)),
                sent("bis-c", Kind.BACK_IN_STOCK, "c-late", "10:00", "MIXER"),
                order("o-late", "c-late", "2026-11-25T10:00:00.001Z", new OrderItem("MIXER", 1, 100.0)));
        assertThat(watermark("2026-11-26T00:00:00Z")).singleElement().asString().contains("\"orderId\":\"o-edge\"");
    }

    @Test
    void eachSkuGoesToTheLatestNotificationThatListedItTiesToTheSmallerId() throws Exception {
        send(sent("bis-old", Kind.BACK_IN_STOCK, "c-a", "10:00", "MIXER", "KETTLE"),
                sent("cart-z", Kind.ABANDONED_CART, "c-a", "12:00", "MIXER"),
                sent("cart-y", Kind.ABANDONED_CART, "c-a", "12:00", "MIXER"),
                order("o-1", "c-a", "13:00", new OrderItem("MIXER", 1, 100.0), new OrderItem("KETTLE", 1, 50.0)));
        List<String> conversions = watermark("14:00");
        assertThat(conversions).hasSize(2);
        assertThat(conversions.get(0)).contains("\"notificationId\":\"bis-old\"", "\"skus\":[\"KETTLE\"]", "\"revenue\":50.0");
        assertThat(conversions.get(1)).contains("\"notificationId\":\"cart-y\"", "\"step\":2", "\"skus\":[\"MIXER\"]",
                "\"revenue\":100.0");
    }

    @Test
    void oneNotificationConvertsEveryOrderOfItsSkusInTheWindowAndOthersDoNot() throws Exception {
        send(sent("bis-1", Kind.BACK_IN_STOCK, "c-a", "10:00", "MIXER"),
                order("o-other", "c-a", "11:00", new OrderItem("MUG", 1, 9.0)),
                order("o-1", "c-a", "12:00", new OrderItem("MIXER", 1, 100.0)),
                order("o-2", "c-a", "2026-11-22T12:00:00Z", new OrderItem("MIXER", 3, 100.0)),
                order("o-b", "c-b", "12:00", new OrderItem("MIXER", 1, 100.0)));
        assertThat(watermark("2026-11-23T00:00:00Z")).hasSize(2)
                .anySatisfy(c -> assertThat(c).contains("\"orderId\":\"o-1\"", "\"revenue\":100.0"))
                .anySatisfy(c -> assertThat(c).contains("\"orderId\":\"o-2\"", "\"revenue\":300.0"));
    }

    @Test
    void afterTheWindowNoStateIsLeft() throws Exception {
        send(sent("bis-1", Kind.BACK_IN_STOCK, "c-a", "10:00", "MIXER"),
                order("o-1", "c-a", "12:00", new OrderItem("MIXER", 1, 100.0)));
        watermark("12:00");
        assertThat(cep.numKeyedStateEntries()).as("the notification is still watched").isGreaterThan(baselineStateEntries);
        assertThat(attribution.numKeyedStateEntries()).as("an attributed order is forgotten").isZero();
        assertThat(attribution.numEventTimeTimers()).isZero();
        // CEP prunes timed-out partial matches on the watermark after the one that passed the window
        watermark("2026-11-26T00:00:00Z");
        assertThat(watermark("2026-11-27T00:00:00Z")).hasSize(1);
        assertThat(cep.numEventTimeTimers()).isZero();
        assertThat(cep.numKeyedStateEntries()).as("nothing is kept for the customer").isZero();
    }
}
