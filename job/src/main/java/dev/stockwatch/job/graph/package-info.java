/**
 * The job graph: sources in, the feature operators (restock, sold out again, cart, delivery,
 * conversion) wired with their uids, one stream of output records out. The features know nothing
 * of it; the replay and live commands plug in their sources and sinks.
 */
package dev.stockwatch.job.graph;
