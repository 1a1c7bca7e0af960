package dev.stockwatch.engagement;

import dev.stockwatch.udfs.engagement.EngagementFunction;
import dev.stockwatch.udfs.engagement.EngagementRules;
import dev.stockwatch.udfs.output.OutputJson;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.statefun.sdk.java.Context;
import org.apache.flink.statefun.sdk.java.StatefulFunction;
import org.apache.flink.statefun.sdk.java.StatefulFunctionSpec;
import org.apache.flink.statefun.sdk.java.TypeName;
import org.apache.flink.statefun.sdk.java.ValueSpec;
import org.apache.flink.statefun.sdk.java.io.KafkaEgressMessage;
import org.apache.flink.statefun.sdk.java.message.Message;
import org.apache.flink.statefun.sdk.java.types.SimpleType;
import org.apache.flink.statefun.sdk.java.types.Type;

/**
 * The engagement function (SPEC §14) on the Stateful Functions runtime: one instance per
 * customer (the function id is the {@code feedback} record's key, the customerId), its state the
 * customer's stored {@link dev.stockwatch.udfs.engagement.EngagementState}. Each feedback record
 * runs {@link EngagementFunction#apply}; an {@code engagement} record goes to the engagement
 * egress with key customerId, a rejected record to the dead-letter egress.
 */
public final class EngagementFn implements StatefulFunction {
    public static final TypeName TYPE = TypeName.typeNameFromString("stockwatch/engagement");
    /** Kafka egress of the {@code engagement} topic. */
    public static final TypeName ENGAGEMENT_EGRESS = TypeName.typeNameFromString("stockwatch/engagement-out");
    /** Kafka egress of the dead-letter topic {@code notify.dlq}. */
    public static final TypeName DLQ_EGRESS = TypeName.typeNameFromString("stockwatch/dlq-out");
    /** The value type of the {@code feedback} ingress: the record's bytes, UTF-8 JSON, as sent. */
    public static final Type<String> FEEDBACK = utf8("stockwatch/feedback");
    /** The stored state: {@link dev.stockwatch.udfs.engagement.EngagementStateCodec}'s JSON. */
    public static final Type<String> STATE_TYPE = utf8("stockwatch/engagement-state");
    static final ValueSpec<String> STATE = ValueSpec.named("engagement").withCustomType(STATE_TYPE);

    private final EngagementFunction function;
    private final String engagementTopic;
    private final String dlqTopic;

    public EngagementFn(EngagementRules rules, String feedbackTopic, String engagementTopic, String dlqTopic) {
        this.function = new EngagementFunction(rules, feedbackTopic);
        this.engagementTopic = engagementTopic;
        this.dlqTopic = dlqTopic;
    }

    public StatefulFunctionSpec spec() {
        return StatefulFunctionSpec.builder(TYPE).withValueSpec(STATE).withSupplier(() -> this).build();
    }

    @Override
    public CompletableFuture<Void> apply(Context context, Message message) {
        String customerId = context.self().id();
        String payload = message.is(FEEDBACK) ? message.as(FEEDBACK) : message.asUtf8String();
        EngagementFunction.Outcome outcome =
                function.apply(customerId, context.storage().get(STATE).orElse(null), payload, -1);
        if (outcome.deadLetter() != null) {
            context.send(KafkaEgressMessage.forEgress(DLQ_EGRESS).withTopic(dlqTopic)
                    .withUtf8Key(customerId).withUtf8Value(OutputJson.write(outcome.deadLetter())).build());
            return context.done();
        }
        context.storage().set(STATE, outcome.state());
        if (outcome.record() != null) {
            context.send(KafkaEgressMessage.forEgress(ENGAGEMENT_EGRESS).withTopic(engagementTopic)
                    .withUtf8Key(customerId).withUtf8Value(OutputJson.write(outcome.record())).build());
        }
        return context.done();
    }

    private static Type<String> utf8(String typeName) {
        return SimpleType.simpleImmutableTypeFrom(TypeName.typeNameFromString(typeName),
                s -> s.getBytes(StandardCharsets.UTF_8), b -> new String(b, StandardCharsets.UTF_8));
    }
}
