package dev.stockwatch.job.pipeline;

/** Schedules a keyed operator's domain timers (its {@link EventTimeSequencer}), for the parts the operator is made of. */
@FunctionalInterface
public interface TimerScheduler {
    void schedule(long due, DomainTimer timer) throws Exception;
}
