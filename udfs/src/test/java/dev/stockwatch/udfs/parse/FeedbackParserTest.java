package dev.stockwatch.udfs.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stockwatch.udfs.domain.Channel;
import dev.stockwatch.udfs.engagement.FeedbackEvent;
import dev.stockwatch.udfs.engagement.FeedbackKind;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** SPEC §14: the fields of a feedback record, accepted and rejected, with the dead-letter reason. */
class FeedbackParserTest {
    private static final String VALID =
            "{'notificationId':'n-1','customerId':'c-1','channel':'email','event':'bounced','bounceType':'soft',"
                    + "'address':'a@x','at':'2026-11-20T11:00:00+01:00','extra':1}";

    private static String j(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @Test
    void parsesEveryField() throws InvalidEventException {
        FeedbackEvent e = FeedbackParser.parse(j(VALID));
        assertThat(e).isEqualTo(new FeedbackEvent("n-1", "c-1", Channel.EMAIL, FeedbackKind.BOUNCED, false, "a@x",
                Instant.parse("2026-11-20T10:00:00Z").toEpochMilli()));
        assertThat(FeedbackParser.parse(j(VALID.replace("'soft'", "'hard'"))).hardBounce()).isTrue();
    }

    @Test
    void bounceTypeIsOnlyNeededForBounces() throws InvalidEventException {
        FeedbackEvent e = FeedbackParser.parse(j(VALID.replace("'bounced','bounceType':'soft'", "'opened'")));
        assertThat(e.kind()).isEqualTo(FeedbackKind.OPENED);
        assertThat(e.hardBounce()).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "'bounceType':'soft',|                    | missing required field feedback.bounceType",
        "'bounceType':'soft'|'bounceType':'firm'| feedback.bounceType must be one of hard, soft, was \"firm\"",
        "'channel':'email'|'channel':'fax'       | feedback.channel must be one of email, sms, push, viber, whatsapp, was \"fax\"",
        "'event':'bounced'|'event':'read'        | feedback.event must be one of delivered, opened, clicked, bounced, complained, unsubscribed, resubscribed, was \"read\"",
        "'customerId':'c-1',|                    | missing required field feedback.customerId",
        "'customerId':'c-1'|'customerId':''      | feedback.customerId must not be empty",
        "'notificationId':'n-1'|'notificationId':7 | feedback.notificationId must be a string, was 7",
        "'address':'a@x',|                       | missing required field feedback.address",
        "'address':'a@x'|'address':' '           | feedback.address must not be empty",
        "'at':'2026-11-20T11:00:00+01:00'|'at':'yesterday' | feedback.at must be an ISO-8601 instant such as 2026-11-22T10:15:30Z, was \"yesterday\"",
    })
    void rejectsWithTheReason(String replaced, String by, String reason) {
        String payload = j(VALID.replace(replaced, by == null ? "" : by));
        assertThatThrownBy(() -> FeedbackParser.parse(payload))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage(reason);
    }

    @Test
    void idsAreAtMost128Characters() {
        String payload = j(VALID.replace("'c-1'", "'" + "x".repeat(129) + "'"));
        assertThatThrownBy(() -> FeedbackParser.parse(payload))
                .hasMessage("feedback.customerId must be at most 128 characters, was 129");
    }

    @Test
    void rejectsWhatIsNotAJsonObject() {
        assertThatThrownBy(() -> FeedbackParser.parse("[1]")).hasMessage("not a JSON object: [1]");
        assertThatThrownBy(() -> FeedbackParser.parse("")).hasMessage("not valid JSON: empty record");
        assertThatThrownBy(() -> FeedbackParser.parse("{\"a\":")).hasMessageStartingWith("not valid JSON: ");
    }

    @Test
    void findsTheCustomerOfAnyRecordThatHasOne() {
        assertThat(FeedbackParser.customerIdOf(j("{'customerId':'c-9','event':'nonsense'}"))).isEqualTo("c-9");
        assertThat(FeedbackParser.customerIdOf("not json")).isNull();
        assertThat(FeedbackParser.customerIdOf(j("{'customerId':5}"))).isNull();
    }
}
