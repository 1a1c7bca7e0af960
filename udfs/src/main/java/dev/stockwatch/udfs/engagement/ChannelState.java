package dev.stockwatch.udfs.engagement;

/**
 * What the engagement function remembers of one channel of a customer: the address of the latest
 * feedback on it, whether that address bounced, the soft bounces to it in a row, and whether the
 * customer opted out of the channel. Feedback for another address moves the channel to that
 * address: the status then follows the new address, which starts out ok.
 */
final class ChannelState {
    String address;
    int softBounces;
    boolean bounced;
    boolean optedOut;

    ChannelState() {}

    ChannelState(String address, int softBounces, boolean bounced, boolean optedOut) {
        this.address = address;
        this.softBounces = softBounces;
        this.bounced = bounced;
        this.optedOut = optedOut;
    }

    void apply(FeedbackEvent event, int softBounceLimit) {
        if (!event.address().equals(address)) {
            address = event.address();
            softBounces = 0;
            bounced = false;
        }
        switch (event.kind()) {
            case DELIVERED -> {
                bounced = false;
                softBounces = 0;
            }
            case BOUNCED -> {
                if (event.hardBounce()) {
                    bounced = true;
                } else if (++softBounces >= softBounceLimit) {
                    bounced = true;
                }
            }
            case COMPLAINED, UNSUBSCRIBED -> optedOut = true;
            case RESUBSCRIBED -> optedOut = false;
            case OPENED, CLICKED -> { } // engagement: counted by OpenHours
        }
    }

    ChannelStanding standing() {
        ChannelStatus status = optedOut ? ChannelStatus.OPTED_OUT : bounced ? ChannelStatus.BOUNCED : ChannelStatus.OK;
        return new ChannelStanding(status, address);
    }
}
