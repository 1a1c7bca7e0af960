package dev.stockwatch.udfs.engagement;

import dev.stockwatch.udfs.output.DeadLetter;
import dev.stockwatch.udfs.parse.FeedbackParser;
import dev.stockwatch.udfs.parse.InvalidEventException;

/**
 * One step of the engagement function, the same wherever it runs: the Stateful Functions
 * runtime (module {@code engagement}) and the in-process runner ({@code stockwatch engagement})
 * both hand it the customer's stored state and one feedback record, and store, write and
 * dead-letter what it answers.
 */
public final class EngagementFunction {
    private final EngagementRules rules;
    private final String feedbackTopic;

    /**
     * @param state the customer's state to store (unchanged for a dead letter)
     * @param record the {@code engagement} record to write, or null
     * @param deadLetter the rejected feedback, or null
     */
    public record Outcome(String state, EngagementRecord record, DeadLetter deadLetter) {}

    /** @param feedbackTopic the topic the feedback is read from: the {@code source} of dead letters */
    public EngagementFunction(EngagementRules rules, String feedbackTopic) {
        this.rules = rules;
        this.feedbackTopic = feedbackTopic;
    }

    /**
     * @param key the customer the record is addressed to (the Kafka key), or null when there is
     *     none (a file): then the record's own customerId
     * @param storedState what the last step answered as {@code state} for this customer, or null
     * @param offset where the record came from (a Kafka offset, a line number), -1 when unknown
     */
    public Outcome apply(String key, String storedState, String payload, long offset) {
        FeedbackEvent event;
        try {
            event = FeedbackParser.parse(payload);
            if (key != null && !key.equals(event.customerId())) {
                throw new InvalidEventException(FeedbackParser.TOPIC + ".customerId \"" + event.customerId()
                        + "\" does not match the record key \"" + key + "\"");
            }
        } catch (InvalidEventException e) {
            return new Outcome(storedState, null,
                    DeadLetter.of(e.getMessage(), feedbackTopic, -1, offset, payload));
        }
        EngagementState state = EngagementStateCodec.read(storedState);
        EngagementRecord record = state.apply(event, rules).orElse(null);
        return new Outcome(EngagementStateCodec.write(state), record, null);
    }
}
