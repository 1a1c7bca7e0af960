package dev.stockwatch.udfs.engagement;

import dev.stockwatch.udfs.domain.Channel;
import java.util.Map;

/**
 * One record of the {@code engagement} changelog (SPEC §2): the customer's whole current state.
 *
 * @param channels the channels that have a status, in {@link Channel} order
 * @param preferredHour 0–23 (UTC), or null when there is none
 * @param at the event time of the feedback that caused the record, epoch milliseconds
 */
public record EngagementRecord(String customerId, Map<Channel, ChannelStanding> channels, Integer preferredHour, long at) {}
