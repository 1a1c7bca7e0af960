/**
 * The event-time core every keyed operator of the job is built on (SPEC §9): {@link
 * dev.stockwatch.job.pipeline.EventTimeSequencer} buffers inputs until the watermark passes them and
 * applies them, and the operator's own {@link dev.stockwatch.job.pipeline.DomainTimer}s, in
 * event-time order. It depends on nothing of the features above it; the job graph that wires the
 * features together lives in {@code dev.stockwatch.job.graph}.
 */
package dev.stockwatch.job.pipeline;
