package dev.stockwatch.udfs.event;

/**
 * What the engagement function knows of one channel of a customer (SPEC §2, §14): {@code ok},
 * {@code bounced} (for {@code address}) or {@code opted_out}.
 *
 * @param address the address the status is about; null when the record names none
 */
public record ChannelEngagement(String status, String address) {
    public static final String OK = "ok";
    public static final String BOUNCED = "bounced";
    public static final String OPTED_OUT = "opted_out";

    /**
     * Whether this status rules the channel out for the profile's current address: opted out
     * always, bounced when it is about that address (or names none).
     */
    public boolean blocks(String currentAddress) {
        if (OPTED_OUT.equals(status)) {
            return true;
        }
        return BOUNCED.equals(status) && (address == null || address.equals(currentAddress));
    }
}
