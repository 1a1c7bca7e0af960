package dev.stockwatch.udfs.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockwatch.udfs.event.CartAction;
import dev.stockwatch.udfs.event.CartEvent;
import dev.stockwatch.udfs.event.CatalogEvent;
import dev.stockwatch.udfs.event.ChannelEngagement;
import dev.stockwatch.udfs.event.Consent;
import dev.stockwatch.udfs.event.CustomerProfile;
import dev.stockwatch.udfs.event.EngagementEvent;
import dev.stockwatch.udfs.event.InputEvent;
import dev.stockwatch.udfs.event.InterestEvent;
import dev.stockwatch.udfs.event.OrderEvent;
import dev.stockwatch.udfs.event.OrderItem;
import dev.stockwatch.udfs.event.StockEvent;
import dev.stockwatch.udfs.event.Topic;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §2: every input rule, accepted and rejected, with the exact dead-letter reason. */
class EventParserTest {

    private static final String AT = "2026-11-22T10:15:30Z";
    private static final long AT_MILLIS = Instant.parse(AT).toEpochMilli();
    private static final String ID_128 = "x".repeat(128);
    private static final String ID_129 = "x".repeat(129);

    /** JSON written with single quotes for readability. */
    private static String j(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static InputEvent parse(Topic topic, String singleQuoted) throws InvalidEventException {
        return EventParser.parse(topic, j(singleQuoted));
    }

    private static String reason(Topic topic, String payload) {
        try {
            InputEvent event = EventParser.parse(topic, payload);
            throw new AssertionError("expected a rejection, but parsed " + event);
        } catch (InvalidEventException e) {
            return e.getMessage();
        }
    }

    // ---------------------------------------------------------------- rejections

    static Stream<Arguments> rejected() {
        return Stream.of(
                // at: required, ISO-8601 instant with an offset
                Arguments.of(Topic.INTEREST, "{'type':'subscribe','customerId':'c1','sku':'s1'}",
                        "missing required field interest.at"),
                Arguments.of(Topic.INTEREST, "{'type':'subscribe','customerId':'c1','sku':'s1','at':null}",
                        "missing required field interest.at"),
                Arguments.of(Topic.STOCK, "{'sku':'s1','available':1,'at':1795774530000}",
                        "stock.at must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, was 1795774530000"),
                Arguments.of(Topic.STOCK, "{'sku':'s1','available':1,'at':'2026-11-22T10:15:30'}",
                        "stock.at must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, was \"2026-11-22T10:15:30\""),
                Arguments.of(Topic.STOCK, "{'sku':'s1','available':1,'at':'2026-11-22'}",
                        "stock.at must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, was \"2026-11-22\""),
                Arguments.of(Topic.STOCK, "{'sku':'s1','available':1,'at':'yesterday'}",
                        "stock.at must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, was \"yesterday\""),
                Arguments.of(Topic.STOCK, "{'sku':'s1','available':1,'at':'2026-13-40T10:15:30Z'}",
                        "stock.at must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, was \"2026-13-40T10:15:30Z\""),

                // not an object
                Arguments.of(Topic.STOCK, "[{'sku':'s1','available':1,'at':'" + AT + "'}]",
                        "not a JSON object: [{\"sku\":\"s1\",\"available\":1,\"at\":\"2026-11-22T10:15:30Z\"}]"),
                Arguments.of(Topic.STOCK, "'s1'", "not a JSON object: \"s1\""),
                Arguments.of(Topic.STOCK, "42", "not a JSON object: 42"),
                Arguments.of(Topic.STOCK, "null", "not a JSON object: null"),
                Arguments.of(Topic.STOCK, "", "not valid JSON: empty record"),
                Arguments.of(Topic.STOCK, "   ", "not valid JSON: empty record"),

                // interest
                Arguments.of(Topic.INTEREST, "{'type':'follow','customerId':'c1','sku':'s1','at':'" + AT + "'}",
                        "interest.type must be one of subscribe, unsubscribe, was \"follow\""),
                Arguments.of(Topic.INTEREST, "{'type':'Subscribe','customerId':'c1','sku':'s1','at':'" + AT + "'}",
                        "interest.type must be one of subscribe, unsubscribe, was \"Subscribe\""),
                Arguments.of(Topic.INTEREST, "{'type':1,'customerId':'c1','sku':'s1','at':'" + AT + "'}",
                        "interest.type must be one of subscribe, unsubscribe, was 1"),
                Arguments.of(Topic.INTEREST, "{'customerId':'c1','sku':'s1','at':'" + AT + "'}",
                        "missing required field interest.type"),
                Arguments.of(Topic.INTEREST, "{'type':'subscribe','sku':'s1','at':'" + AT + "'}",
                        "missing required field interest.customerId"),
                Arguments.of(Topic.INTEREST, "{'type':'subscribe','customerId':'c1','at':'" + AT + "'}",
                        "missing required field interest.sku"),
                Arguments.of(Topic.INTEREST, "{'type':'subscribe','customerId':'','sku':'s1','at':'" + AT + "'}",
                        "interest.customerId must not be empty"),
                Arguments.of(Topic.INTEREST, "{'type':'subscribe','customerId':'" + ID_129 + "','sku':'s1','at':'" + AT + "'}",
                        "interest.customerId must be at most 128 characters, was 129"),
                Arguments.of(Topic.INTEREST, "{'type':'subscribe','customerId':1042,'sku':'s1','at':'" + AT + "'}",
                        "interest.customerId must be a string, was 1042"),
                Arguments.of(Topic.INTEREST, "{'type':'subscribe','customerId':'c1','sku':['s1'],'at':'" + AT + "'}",
                        "interest.sku must be a string, was [\"s1\"]"),
                Arguments.of(Topic.INTEREST, "{'type':'subscribe','customerId':'c1','sku':'" + ID_129 + "','at':'" + AT + "'}",
                        "interest.sku must be at most 128 characters, was 129"),
                Arguments.of(Topic.INTEREST, "{'type':'subscribe','customerId':'c1','sku':'" + "\uD83D\uDE00".repeat(129) + "','at':'"
                        + AT + "'}", "interest.sku must be at most 128 characters, was 129"),

                // stock
                Arguments.of(Topic.STOCK, "{'sku':'s1','available':-1,'at':'" + AT + "'}",
                        "stock.available must be >= 0, was -1"),
                Arguments.of(Topic.STOCK, "{'sku':'s1','available':1.5,'at':'" + AT + "'}",
                        "stock.available must be an integer >= 0, was 1.5"),
                Arguments.of(Topic.STOCK, "{'sku':'s1','available':'3','at':'" + AT + "'}",
                        "stock.available must be an integer >= 0, was \"3\""),
                Arguments.of(Topic.STOCK, "{'sku':'s1','available':true,'at':'" + AT + "'}",
                        "stock.available must be an integer >= 0, was true"),
                Arguments.of(Topic.STOCK, "{'sku':'s1','at':'" + AT + "'}",
                        "missing required field stock.available"),
                Arguments.of(Topic.STOCK, "{'available':3,'at':'" + AT + "'}",
                        "missing required field stock.sku"),
                Arguments.of(Topic.STOCK, "{'sku':'','available':3,'at':'" + AT + "'}",
                        "stock.sku must not be empty"),
                Arguments.of(Topic.STOCK, "{'sku':'s1','location':'','available':3,'at':'" + AT + "'}",
                        "stock.location must not be empty"),
                Arguments.of(Topic.STOCK, "{'sku':'s1','location':7,'available':3,'at':'" + AT + "'}",
                        "stock.location must be a string, was 7"),

                // catalog
                Arguments.of(Topic.CATALOG, "{'name':'Mixer','at':'" + AT + "'}",
                        "missing required field catalog.sku"),
                Arguments.of(Topic.CATALOG, "{'sku':'s1','price':-1.5,'at':'" + AT + "'}",
                        "catalog.price must be >= 0, was -1.5"),
                Arguments.of(Topic.CATALOG, "{'sku':'s1','price':'12.99','at':'" + AT + "'}",
                        "catalog.price must be a number >= 0, was \"12.99\""),
                Arguments.of(Topic.CATALOG, "{'sku':'s1','name':5,'at':'" + AT + "'}",
                        "catalog.name must be a string, was 5"),

                // cart
                Arguments.of(Topic.CART, "{'type':'update','customerId':'c1','at':'" + AT + "'}",
                        "cart.type must be one of add, remove, clear, checkout, was \"update\""),
                Arguments.of(Topic.CART, "{'customerId':'c1','at':'" + AT + "'}",
                        "missing required field cart.type"),
                Arguments.of(Topic.CART, "{'type':'clear','at':'" + AT + "'}",
                        "missing required field cart.customerId"),
                Arguments.of(Topic.CART, "{'type':'add','customerId':'c1','sku':'s1','quantity':0,'unitPrice':10,'at':'" + AT + "'}",
                        "cart.quantity must be >= 1, was 0"),
                Arguments.of(Topic.CART, "{'type':'add','customerId':'c1','sku':'s1','quantity':-2,'unitPrice':10,'at':'" + AT + "'}",
                        "cart.quantity must be >= 1, was -2"),
                Arguments.of(Topic.CART, "{'type':'add','customerId':'c1','sku':'s1','quantity':1.5,'unitPrice':10,'at':'" + AT + "'}",
                        "cart.quantity must be an integer >= 1, was 1.5"),
                Arguments.of(Topic.CART, "{'type':'add','customerId':'c1','sku':'s1','quantity':'2','unitPrice':10,'at':'" + AT + "'}",
                        "cart.quantity must be an integer >= 1, was \"2\""),
                Arguments.of(Topic.CART, "{'type':'add','customerId':'c1','sku':'s1','quantity':3000000000,'unitPrice':10,'at':'" + AT + "'}",
                        "cart.quantity must be at most 2147483647, was 3000000000"),
                Arguments.of(Topic.CART, "{'type':'add','customerId':'c1','sku':'s1','unitPrice':10,'at':'" + AT + "'}",
                        "missing required field cart.quantity"),
                Arguments.of(Topic.CART, "{'type':'add','customerId':'c1','quantity':1,'unitPrice':10,'at':'" + AT + "'}",
                        "missing required field cart.sku"),
                Arguments.of(Topic.CART, "{'type':'add','customerId':'c1','sku':'s1','quantity':1,'at':'" + AT + "'}",
                        "missing required field cart.unitPrice"),
                Arguments.of(Topic.CART, "{'type':'add','customerId':'c1','sku':'s1','quantity':1,'unitPrice':-0.01,'at':'" + AT + "'}",
                        "cart.unitPrice must be >= 0, was -0.01"),
                Arguments.of(Topic.CART, "{'type':'add','customerId':'c1','sku':'s1','quantity':1,'unitPrice':'9.99','at':'" + AT + "'}",
                        "cart.unitPrice must be a number >= 0, was \"9.99\""),
                Arguments.of(Topic.CART, "{'type':'remove','customerId':'c1','sku':'s1','at':'" + AT + "'}",
                        "missing required field cart.quantity"),
                Arguments.of(Topic.CART, "{'type':'remove','customerId':'c1','quantity':1,'at':'" + AT + "'}",
                        "missing required field cart.sku"),
                Arguments.of(Topic.CART, "{'type':'clear','customerId':'c1','cartId':'','at':'" + AT + "'}",
                        "cart.cartId must not be empty"),

                // orders
                Arguments.of(Topic.ORDERS, "{'customerId':'c1','channel':'online','items':[],'at':'" + AT + "'}",
                        "missing required field orders.orderId"),
                Arguments.of(Topic.ORDERS, "{'orderId':'o1','channel':'online','items':[],'at':'" + AT + "'}",
                        "missing required field orders.customerId"),
                Arguments.of(Topic.ORDERS, "{'orderId':'o1','customerId':'c1','items':[],'at':'" + AT + "'}",
                        "missing required field orders.channel"),
                Arguments.of(Topic.ORDERS, "{'orderId':'o1','customerId':'c1','channel':'web','items':[],'at':'" + AT + "'}",
                        "orders.channel must be one of online, pos, was \"web\""),
                Arguments.of(Topic.ORDERS, "{'orderId':'o1','customerId':'c1','channel':'online','at':'" + AT + "'}",
                        "missing required field orders.items"),
                Arguments.of(Topic.ORDERS, "{'orderId':'o1','customerId':'c1','channel':'online','items':{'sku':'s1'},'at':'" + AT + "'}",
                        "orders.items must be an array, was {\"sku\":\"s1\"}"),
                Arguments.of(Topic.ORDERS, "{'orderId':'o1','customerId':'c1','channel':'online','items':['s1'],'at':'" + AT + "'}",
                        "orders.items[0] must be an object, was \"s1\""),
                Arguments.of(Topic.ORDERS, "{'orderId':'o1','customerId':'c1','channel':'online','items':["
                                + "{'sku':'s1','quantity':1,'unitPrice':5},{'sku':'s2','quantity':0,'unitPrice':5}],'at':'" + AT + "'}",
                        "orders.items[1].quantity must be >= 1, was 0"),
                Arguments.of(Topic.ORDERS, "{'orderId':'o1','customerId':'c1','channel':'online','items':["
                                + "{'sku':'s1','quantity':1,'unitPrice':-5}],'at':'" + AT + "'}",
                        "orders.items[0].unitPrice must be >= 0, was -5"),
                Arguments.of(Topic.ORDERS, "{'orderId':'o1','customerId':'c1','channel':'online','items':["
                                + "{'quantity':1,'unitPrice':5}],'at':'" + AT + "'}",
                        "missing required field orders.items[0].sku"),
                Arguments.of(Topic.ORDERS, "{'orderId':'o1','customerId':'c1','channel':'online','items':["
                                + "{'sku':'s1','quantity':1}],'at':'" + AT + "'}",
                        "missing required field orders.items[0].unitPrice"),
                Arguments.of(Topic.ORDERS, "{'orderId':'o1','customerId':'c1','channel':'pos','storeId':'','items':[],'at':'" + AT + "'}",
                        "orders.storeId must not be empty"),
                Arguments.of(Topic.ORDERS, "{'orderId':7,'customerId':'c1','channel':'pos','items':[],'at':'" + AT + "'}",
                        "orders.orderId must be a string, was 7"),

                // customers
                Arguments.of(Topic.CUSTOMERS, "{'email':'a@example.com','at':'" + AT + "'}",
                        "missing required field customers.customerId"),
                Arguments.of(Topic.CUSTOMERS, "{'customerId':'c1','timezone':'Europe/Atlantis','at':'" + AT + "'}",
                        "customers.timezone must be an IANA time zone such as Europe/Warsaw, was \"Europe/Atlantis\""),
                Arguments.of(Topic.CUSTOMERS, "{'customerId':'c1','timezone':'CEST','at':'" + AT + "'}",
                        "customers.timezone must be an IANA time zone such as Europe/Warsaw, was \"CEST\""),
                Arguments.of(Topic.CUSTOMERS, "{'customerId':'c1','timezone':1,'at':'" + AT + "'}",
                        "customers.timezone must be a string, was 1"),
                Arguments.of(Topic.CUSTOMERS, "{'customerId':'c1','consent':'yes','at':'" + AT + "'}",
                        "customers.consent must be an object, was \"yes\""),
                Arguments.of(Topic.CUSTOMERS, "{'customerId':'c1','consent':{'email':'yes'},'at':'" + AT + "'}",
                        "customers.consent.email must be true or false, was \"yes\""),
                Arguments.of(Topic.CUSTOMERS, "{'customerId':'c1','consent':{'sms':1},'at':'" + AT + "'}",
                        "customers.consent.sms must be true or false, was 1"),
                Arguments.of(Topic.CUSTOMERS, "{'customerId':'c1','phone':48600100200,'at':'" + AT + "'}",
                        "customers.phone must be a string, was 48600100200"),
                Arguments.of(Topic.CUSTOMERS, "{'customerId':'c1','homeStore':'','at':'" + AT + "'}",
                        "customers.homeStore must not be empty"),

                // engagement
                Arguments.of(Topic.ENGAGEMENT, "{'customerId':'c1','at':'" + AT + "'}",
                        "missing required field engagement.channels"),
                Arguments.of(Topic.ENGAGEMENT, "{'customerId':'c1','channels':[],'at':'" + AT + "'}",
                        "engagement.channels must be an object, was []"),
                Arguments.of(Topic.ENGAGEMENT, "{'customerId':'c1','channels':{'fax':{'status':'ok'}},'at':'" + AT + "'}",
                        "engagement.channels.fax: unknown channel (one of email, sms, push, viber, whatsapp)"),
                Arguments.of(Topic.ENGAGEMENT, "{'customerId':'c1','channels':{'email':'ok'},'at':'" + AT + "'}",
                        "engagement.channels.email must be an object, was \"ok\""),
                Arguments.of(Topic.ENGAGEMENT, "{'customerId':'c1','channels':{'email':{'status':'gone'}},'at':'" + AT + "'}",
                        "engagement.channels.email.status must be one of ok, bounced, opted_out, was \"gone\""),
                Arguments.of(Topic.ENGAGEMENT, "{'customerId':'c1','channels':{'sms':{'address':'+48'}},'at':'" + AT + "'}",
                        "missing required field engagement.channels.sms.status"),
                Arguments.of(Topic.ENGAGEMENT, "{'customerId':'c1','channels':{'sms':{'status':'ok','address':48}},'at':'" + AT + "'}",
                        "engagement.channels.sms.address must be a string, was 48"),
                Arguments.of(Topic.ENGAGEMENT, "{'customerId':'c1','channels':{},'preferredHour':24,'at':'" + AT + "'}",
                        "engagement.preferredHour must be at most 23, was 24"),
                Arguments.of(Topic.ENGAGEMENT, "{'customerId':'c1','channels':{},'preferredHour':-1,'at':'" + AT + "'}",
                        "engagement.preferredHour must be >= 0, was -1"),
                Arguments.of(Topic.ENGAGEMENT, "{'customerId':'c1','channels':{},'preferredHour':'19','at':'" + AT + "'}",
                        "engagement.preferredHour must be an integer >= 0, was \"19\""));
    }

    @ParameterizedTest(name = "[{index}] {0} {2}")
    @MethodSource("rejected")
    void rejectsWithExactReason(Topic topic, String singleQuoted, String expectedReason) {
        assertThat(reason(topic, j(singleQuoted))).isEqualTo(expectedReason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"sku\":", "{'sku':'s1'}", "{\"sku\" \"s1\"}", "{\"a\":1,}"})
    void notJsonIsRejected(String payload) {
        assertThat(reason(Topic.STOCK, payload)).startsWith("not valid JSON: ");
    }

    @Test
    void anIdIsMeasuredInCharactersNotUtf16Units() throws Exception {
        String emoji128 = "\uD83D\uDE00".repeat(128); // 256 UTF-16 units
        InterestEvent e = (InterestEvent) parse(Topic.INTEREST,
                "{'type':'subscribe','customerId':'c1','sku':'" + emoji128 + "','at':'" + AT + "'}");
        assertThat(e.sku()).isEqualTo(emoji128);
    }

    @Test
    void trailingContentAfterTheObjectIsNotValidJson() {
        String one = j("{'sku':'s1','available':1,'at':'" + AT + "'}");
        assertThat(reason(Topic.STOCK, one + " trailing")).startsWith("not valid JSON: ");
        assertThat(reason(Topic.STOCK, one + one)).startsWith("not valid JSON: ");
    }

    @Test
    void notJsonDetailIsCut() {
        String payload = "x".repeat(5000);
        String reason = reason(Topic.STOCK, payload);
        assertThat(reason).startsWith("not valid JSON: ");
        assertThat(reason.length()).isLessThanOrEqualTo("not valid JSON: ".length() + 120);
    }

    @Test
    void longValuesInReasonsAreCut() {
        String reason = reason(Topic.INTEREST,
                j("{'type':'" + "y".repeat(300) + "','customerId':'c1','sku':'s1','at':'" + AT + "'}"));
        assertThat(reason).startsWith("interest.type must be one of subscribe, unsubscribe, was \"yyy").endsWith("...");
        assertThat(reason.length()).isLessThan(150);
    }

    @Test
    void everyTopicChecksIdLength() {
        assertThat(reason(Topic.CUSTOMERS, j("{'customerId':'" + ID_129 + "','at':'" + AT + "'}")))
                .isEqualTo("customers.customerId must be at most 128 characters, was 129");
        assertThat(reason(Topic.ORDERS, j("{'orderId':'" + ID_129 + "','customerId':'c1','channel':'pos','items':[],'at':'" + AT + "'}")))
                .isEqualTo("orders.orderId must be at most 128 characters, was 129");
        assertThat(reason(Topic.CART, j("{'type':'clear','customerId':'c1','cartId':'" + ID_129 + "','at':'" + AT + "'}")))
                .isEqualTo("cart.cartId must be at most 128 characters, was 129");
        assertThat(reason(Topic.CATALOG, j("{'sku':'" + ID_129 + "','at':'" + AT + "'}")))
                .isEqualTo("catalog.sku must be at most 128 characters, was 129");
    }

    // ---------------------------------------------------------------- max-future

    @Nested
    class LatestAllowedAt {
        private final String payload = j("{'type':'subscribe','customerId':'c1','sku':'s1','at':'" + AT + "'}");

        @Test
        void anEventAfterTheLatestAllowedInstantIsRejected() {
            assertThatThrownBy(() -> EventParser.parse(Topic.INTEREST, payload, AT_MILLIS - 1))
                    .isInstanceOf(InvalidEventException.class)
                    .hasMessage("interest.at is more than input.max-future ahead of the wall clock: "
                            + "2026-11-22T10:15:30Z > 2026-11-22T10:15:29.999Z");
        }

        @Test
        void anEventExactlyAtTheLatestAllowedInstantIsAccepted() throws Exception {
            assertThat(EventParser.parse(Topic.INTEREST, payload, AT_MILLIS).at()).isEqualTo(AT_MILLIS);
        }

        @Test
        void theCheckUsesTheInstantNotTheWrittenLocalTime() throws Exception {
            // 10:15:30+01:00 is 09:15:30Z: allowed with a limit of 10:00Z although "10:15" looks later
            String withOffset = j("{'type':'subscribe','customerId':'c1','sku':'s1','at':'2026-11-22T10:15:30+01:00'}");
            long limit = Instant.parse("2026-11-22T10:00:00Z").toEpochMilli();
            assertThat(EventParser.parse(Topic.INTEREST, withOffset, limit).at())
                    .isEqualTo(Instant.parse("2026-11-22T09:15:30Z").toEpochMilli());
        }

        @Test
        void theTwoArgumentParseDoesNotCheck() throws Exception {
            String farFuture = j("{'type':'subscribe','customerId':'c1','sku':'s1','at':'2999-01-01T00:00:00Z'}");
            assertThat(EventParser.parse(Topic.INTEREST, farFuture).at())
                    .isEqualTo(Instant.parse("2999-01-01T00:00:00Z").toEpochMilli());
        }

        @Test
        void theFutureCheckAppliesToEveryTopic() {
            String stock = j("{'sku':'s1','available':1,'at':'" + AT + "'}");
            assertThatThrownBy(() -> EventParser.parse(Topic.STOCK, stock, AT_MILLIS - 1000))
                    .hasMessageStartingWith("stock.at is more than input.max-future ahead of the wall clock: ");
        }
    }

    // ---------------------------------------------------------------- at

    @Test
    void atWithAnOffsetIsTheSameInstantAsUtc() throws Exception {
        InputEvent withOffset = parse(Topic.STOCK, "{'sku':'s1','available':1,'at':'2026-11-22T11:15:30+01:00'}");
        InputEvent utc = parse(Topic.STOCK, "{'sku':'s1','available':1,'at':'2026-11-22T10:15:30Z'}");
        InputEvent negative = parse(Topic.STOCK, "{'sku':'s1','available':1,'at':'2026-11-22T05:15:30-05:00'}");
        assertThat(withOffset.at()).isEqualTo(utc.at()).isEqualTo(negative.at()).isEqualTo(AT_MILLIS);
    }

    @Test
    void atKeepsMilliseconds() throws Exception {
        assertThat(parse(Topic.STOCK, "{'sku':'s1','available':1,'at':'2026-11-22T10:15:30.250Z'}").at())
                .isEqualTo(AT_MILLIS + 250);
    }

    // ---------------------------------------------------------------- accepted, per topic

    @Test
    void interestSubscribeAndUnsubscribe() throws Exception {
        assertThat(parse(Topic.INTEREST, "{'type':'subscribe','customerId':'c-1042','sku':'5KSM175-ER','at':'" + AT + "'}"))
                .isEqualTo(new InterestEvent(true, "c-1042", "5KSM175-ER", AT_MILLIS));
        assertThat(parse(Topic.INTEREST, "{'type':'unsubscribe','customerId':'c-1042','sku':'5KSM175-ER','at':'" + AT + "'}"))
                .isEqualTo(new InterestEvent(false, "c-1042", "5KSM175-ER", AT_MILLIS));
    }

    @Test
    void engagementRecordsKeepEveryChannelTheyName() throws Exception {
        assertThat(parse(Topic.ENGAGEMENT, "{'customerId':'c1','channels':{'email':{'status':'bounced','address':'a@x.pl'},"
                + "'viber':{'status':'opted_out'}},'preferredHour':19,'at':'" + AT + "'}"))
                .isEqualTo(new EngagementEvent("c1", new ChannelEngagement("bounced", "a@x.pl"), null, null,
                        new ChannelEngagement("opted_out", null), null, 19, AT_MILLIS));
        assertThat(parse(Topic.ENGAGEMENT, "{'customerId':'c1','channels':{},'at':'" + AT + "'}"))
                .isEqualTo(new EngagementEvent("c1", null, null, null, null, null, null, AT_MILLIS));
    }

    @Test
    void aProfileMayNameItsHomeStore() throws Exception {
        assertThat(((CustomerProfile) parse(Topic.CUSTOMERS, "{'customerId':'c1','homeStore':'waw-01','at':'" + AT + "'}"))
                .homeStore()).isEqualTo("waw-01");
    }

    @Test
    void unknownFieldsAreIgnored() throws Exception {
        InputEvent event = parse(Topic.INTEREST, "{'type':'subscribe','customerId':'c1','sku':'s1','at':'" + AT + "',"
                + "'source':'app','nested':{'x':[1,2,{'y':null}]},'quantity':'lots'}");
        assertThat(event).isEqualTo(new InterestEvent(true, "c1", "s1", AT_MILLIS));
    }

    @Test
    void idsOfExactly128CharactersAreAccepted() throws Exception {
        assertThat(parse(Topic.INTEREST, "{'type':'subscribe','customerId':'" + ID_128 + "','sku':'" + ID_128 + "','at':'" + AT + "'}"))
                .isEqualTo(new InterestEvent(true, ID_128, ID_128, AT_MILLIS));
    }

    @Test
    void stockLocationDefaultsToOnline() throws Exception {
        assertThat(parse(Topic.STOCK, "{'sku':'s1','available':4,'at':'" + AT + "'}"))
                .isEqualTo(new StockEvent("s1", "online", 4, AT_MILLIS));
        assertThat(parse(Topic.STOCK, "{'sku':'s1','location':null,'available':4,'at':'" + AT + "'}"))
                .isEqualTo(new StockEvent("s1", "online", 4, AT_MILLIS));
    }

    @Test
    void stockWithLocationAndZero() throws Exception {
        assertThat(parse(Topic.STOCK, "{'sku':'s1','location':'store-7','available':0,'at':'" + AT + "'}"))
                .isEqualTo(new StockEvent("s1", "store-7", 0, AT_MILLIS));
    }

    @Test
    void catalogFullAndMinimal() throws Exception {
        assertThat(parse(Topic.CATALOG, "{'sku':'s1','name':'Mixer','url':'https://shop.example/mixer','price':2499.5,"
                + "'currency':'PLN','at':'" + AT + "'}"))
                .isEqualTo(new CatalogEvent("s1", "Mixer", "https://shop.example/mixer", 2499.5, "PLN", AT_MILLIS));
        assertThat(parse(Topic.CATALOG, "{'sku':'s1','price':0,'at':'" + AT + "'}"))
                .isEqualTo(new CatalogEvent("s1", null, null, 0.0, null, AT_MILLIS));
        assertThat(parse(Topic.CATALOG, "{'sku':'s1','at':'" + AT + "'}"))
                .isEqualTo(new CatalogEvent("s1", null, null, null, null, AT_MILLIS));
    }

    @Test
    void cartAdd() throws Exception {
        assertThat(parse(Topic.CART, "{'type':'add','customerId':'c1','cartId':'k9','sku':'s1','quantity':2,"
                + "'unitPrice':19.99,'currency':'PLN','at':'" + AT + "'}"))
                .isEqualTo(new CartEvent(CartAction.ADD, "c1", "k9", "s1", 2, 19.99, "PLN", AT_MILLIS));
    }

    @Test
    void cartAddWithZeroAndIntegerPriceAndNoOptionalFields() throws Exception {
        assertThat(parse(Topic.CART, "{'type':'add','customerId':'c1','sku':'s1','quantity':1,'unitPrice':0,'at':'" + AT + "'}"))
                .isEqualTo(new CartEvent(CartAction.ADD, "c1", null, "s1", 1, 0.0, null, AT_MILLIS));
        assertThat(((CartEvent) parse(Topic.CART,
                "{'type':'add','customerId':'c1','sku':'s1','quantity':1,'unitPrice':10,'at':'" + AT + "'}")).unitPrice())
                .isEqualTo(10.0);
    }

    @Test
    void cartRemoveNeedsNoPrice() throws Exception {
        assertThat(parse(Topic.CART, "{'type':'remove','customerId':'c1','sku':'s1','quantity':1,'at':'" + AT + "'}"))
                .isEqualTo(new CartEvent(CartAction.REMOVE, "c1", null, "s1", 1, null, null, AT_MILLIS));
    }

    @Test
    void cartClearAndCheckoutNeedNoSkuOrQuantity() throws Exception {
        assertThat(parse(Topic.CART, "{'type':'clear','customerId':'c1','at':'" + AT + "'}"))
                .isEqualTo(new CartEvent(CartAction.CLEAR, "c1", null, null, 0, null, null, AT_MILLIS));
        assertThat(parse(Topic.CART, "{'type':'checkout','customerId':'c1','cartId':'k9','at':'" + AT + "'}"))
                .isEqualTo(new CartEvent(CartAction.CHECKOUT, "c1", "k9", null, 0, null, null, AT_MILLIS));
    }

    @Test
    void orderOnlineAndPos() throws Exception {
        OrderEvent online = (OrderEvent) parse(Topic.ORDERS, "{'orderId':'o1','customerId':'c1','channel':'online','items':["
                + "{'sku':'s1','quantity':2,'unitPrice':10.5,'name':'ignored'},{'sku':'s2','quantity':1,'unitPrice':0}],"
                + "'at':'" + AT + "'}");
        assertThat(online).isEqualTo(new OrderEvent("o1", "c1", "online", null,
                java.util.List.of(new OrderItem("s1", 2, 10.5), new OrderItem("s2", 1, 0.0)), AT_MILLIS));
        assertThat(online.totalValue()).isEqualTo(21.0);
        assertThat(online.contains("s2")).isTrue();
        assertThat(online.contains("s3")).isFalse();

        OrderEvent pos = (OrderEvent) parse(Topic.ORDERS, "{'orderId':'o2','customerId':'c1','channel':'pos','storeId':'waw-1',"
                + "'items':[{'sku':'s1','quantity':1,'unitPrice':5}],'at':'" + AT + "'}");
        assertThat(pos.channel()).isEqualTo("pos");
        assertThat(pos.storeId()).isEqualTo("waw-1");
        assertThat(pos.items()).containsExactly(new OrderItem("s1", 1, 5.0));
    }

    @Test
    void customerFull() throws Exception {
        assertThat(parse(Topic.CUSTOMERS, "{'customerId':'c1','email':'ania@example.com','phone':'+48600100200',"
                + "'pushToken':'tok','viber':'v1','whatsapp':'w1','consent':{'email':true,'sms':true,'push':false,"
                + "'viber':true,'whatsapp':true},'timezone':'Europe/Warsaw','locale':'pl-PL','segment':'vip',"
                + "'at':'" + AT + "'}"))
                .isEqualTo(new CustomerProfile("c1", "ania@example.com", "+48600100200", "tok", "v1", "w1",
                        new Consent(true, true, false, true, true), "Europe/Warsaw", "pl-PL", "vip", null, AT_MILLIS));
    }

    @Test
    void customerMinimalDefaultsToUtcAndNoConsent() throws Exception {
        assertThat(parse(Topic.CUSTOMERS, "{'customerId':'c1','at':'" + AT + "'}"))
                .isEqualTo(new CustomerProfile("c1", null, null, null, null, null, Consent.NONE, "UTC", null, null, null, AT_MILLIS));
    }

    @Test
    void absentConsentFlagsAreFalse() throws Exception {
        CustomerProfile p = (CustomerProfile) parse(Topic.CUSTOMERS,
                "{'customerId':'c1','email':'a@example.com','consent':{'email':true,'sms':null},'at':'" + AT + "'}");
        assertThat(p.consent()).isEqualTo(new Consent(true, false, false, false, false));
        CustomerProfile empty = (CustomerProfile) parse(Topic.CUSTOMERS, "{'customerId':'c1','consent':{},'at':'" + AT + "'}");
        assertThat(empty.consent()).isEqualTo(Consent.NONE);
        CustomerProfile nullConsent = (CustomerProfile) parse(Topic.CUSTOMERS, "{'customerId':'c1','consent':null,'at':'" + AT + "'}");
        assertThat(nullConsent.consent()).isEqualTo(Consent.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"America/New_York", "Asia/Kolkata", "UTC", "Europe/Warsaw"})
    void ianaTimezonesAreAccepted(String zone) throws Exception {
        CustomerProfile p = (CustomerProfile) parse(Topic.CUSTOMERS, "{'customerId':'c1','timezone':'" + zone + "','at':'" + AT + "'}");
        assertThat(p.timezone()).isEqualTo(zone);
    }
}
