package dev.stockwatch.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stockwatch.udfs.engagement.EngagementRules;
import java.util.List;
import org.apache.flink.statefun.sdk.egress.generated.KafkaProducerRecord;
import org.apache.flink.statefun.sdk.java.Address;
import org.apache.flink.statefun.sdk.java.message.EgressMessage;
import org.apache.flink.statefun.sdk.java.message.MessageBuilder;
import org.apache.flink.statefun.sdk.java.testing.SideEffects;
import org.apache.flink.statefun.sdk.java.testing.TestContext;
import org.junit.jupiter.api.Test;

/** The function as the runtime calls it: state kept between calls, records to the Kafka egresses. */
class EngagementFnTest {
    private final EngagementFn fn = new EngagementFn(EngagementRules.DEFAULTS, "feedback", "engagement", "notify.dlq");
    private final TestContext context = TestContext.forTarget(new Address(EngagementFn.TYPE, "c-1"));

    private void send(String payload) throws Throwable {
        fn.apply(context, MessageBuilder.forAddress(EngagementFn.TYPE, "c-1")
                .withCustomType(EngagementFn.FEEDBACK, payload).build()).get();
    }

    private static String feedback(String event, String at) {
        return "{\"notificationId\":\"n-1\",\"customerId\":\"c-1\",\"channel\":\"email\",\"event\":\"" + event
                + "\",\"bounceType\":\"soft\",\"address\":\"a@x\",\"at\":\"" + at + "\"}";
    }

    private List<String> sent() throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (SideEffects.EgressSideEffect effect : context.getSentEgressMessages()) {
            EgressMessage m = effect.message();
            KafkaProducerRecord r = KafkaProducerRecord.parseFrom(m.egressMessageValueBytes().toByteArray());
            out.add(m.targetEgressId().asTypeNameString() + " " + r.getTopic() + " " + r.getKey() + " "
                    + r.getValueBytes().toStringUtf8());
        }
        return out;
    }

    @Test
    void keepsTheStateBetweenCallsAndWritesOnlyChanges() throws Throwable {
        send(feedback("delivered", "2026-11-20T08:00:00Z"));
        send(feedback("bounced", "2026-11-20T09:00:00Z"));
        send(feedback("bounced", "2026-11-20T10:00:00Z"));
        send(feedback("bounced", "2026-11-20T11:00:00Z"));

        assertThat(sent()).containsExactly(
                "stockwatch/engagement-out engagement c-1 {\"customerId\":\"c-1\",\"channels\":{\"email\":"
                        + "{\"status\":\"ok\",\"address\":\"a@x\"}},\"at\":\"2026-11-20T08:00:00Z\"}",
                "stockwatch/engagement-out engagement c-1 {\"customerId\":\"c-1\",\"channels\":{\"email\":"
                        + "{\"status\":\"bounced\",\"address\":\"a@x\"}},\"at\":\"2026-11-20T11:00:00Z\"}");
    }

    @Test
    void invalidFeedbackGoesToTheDeadLetterEgress() throws Throwable {
        send("{\"customerId\":\"c-1\"}");
        assertThat(sent()).containsExactly("stockwatch/dlq-out notify.dlq c-1 {\"reason\":\"missing required field "
                + "feedback.notificationId\",\"source\":\"feedback\",\"offset\":-1,\"payload\":\"{\\\"customerId\\\":\\\"c-1\\\"}\"}");
    }

    @Test
    void readsEngagementDurationsAsTheConfigurationWritesThem() {
        assertThat(ServerOptions.duration("w", "90 d")).hasDays(90);
        assertThat(ServerOptions.duration("w", "36h")).hasHours(36);
        assertThat(ServerOptions.duration("w", "30 min")).hasMinutes(30);
        ServerOptions o = ServerOptions.parse(List.of("--port", "0", "--engagement.min-opens", "5"));
        assertThat(o.rules().minOpens()).isEqualTo(5);
        assertThat(o.bind()).isEqualTo("127.0.0.1");
    }
}
