package dev.stockwatch.job.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan of {@link PersonalDataInLogsIT} finds what it looks for. */
class PersonalDataTest {
    @Test
    void contactsAreFoundAtAnyDepthAndALeakInANestedLogIsReported(@TempDir Path dir) throws Exception {
        Path customers = Files.writeString(dir.resolve("customers.jsonl"), """
                {"customerId":"c-1","email":"ann@example.com","phone":"+48500100200","pushToken":"tok-abcdef","at":"2026-11-20T06:00:00Z"}
                {"customerId":"c-2","channels":{"viber":{"status":"ok","address":"viber-778899"}},"at":"2026-11-20T06:00:00Z"}
                {"customerId":"c-3","email":"
                """);
        var contacts = PersonalData.in(List.of(customers));
        assertThat(contacts).containsExactlyInAnyOrder("ann@example.com", "+48500100200", "tok-abcdef", "viber-778899");

        Path logs = Files.createDirectories(dir.resolve("log").resolve("tm"));
        Files.writeString(logs.resolve("taskmanager.log"), "INFO decided for customer c-1\n");
        assertThat(PersonalData.leaks(contacts, List.of(dir.resolve("log")))).isEmpty();

        Files.writeString(logs.resolve("taskmanager.out"), "WARN could not send to +48500100200\n");
        assertThat(PersonalData.leaks(contacts, List.of(dir.resolve("log"))))
                .containsExactly(logs.resolve("taskmanager.out") + ": +48500100200");
    }
}
