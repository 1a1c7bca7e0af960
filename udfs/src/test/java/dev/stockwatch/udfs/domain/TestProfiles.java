package dev.stockwatch.udfs.domain;

import dev.stockwatch.udfs.event.Consent;
import dev.stockwatch.udfs.event.CustomerProfile;

/** Customer profiles for the domain tests. */
public final class TestProfiles {
    private TestProfiles() {}

    /** A profile with every address and the given consent, in {@code zone}. */
    public static CustomerProfile everyAddress(Consent consent, String zone) {
        return new CustomerProfile("c1", "ania@example.com", "+48600100200", "push-token", "viber-id", "whatsapp-id",
                consent, zone, "pl-PL", null, null, 0L);
    }

    public static CustomerProfile only(Channel channel, String zone) {
        Consent consent = new Consent(
                channel == Channel.EMAIL, channel == Channel.SMS, channel == Channel.PUSH,
                channel == Channel.VIBER, channel == Channel.WHATSAPP);
        return everyAddress(consent, zone);
    }

    public static Consent all() {
        return new Consent(true, true, true, true, true);
    }
}
