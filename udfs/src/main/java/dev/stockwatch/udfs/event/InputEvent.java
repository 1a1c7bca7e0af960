package dev.stockwatch.udfs.event;

/** Any event read from an input topic. */
public interface InputEvent {
    /** Event time, epoch milliseconds. */
    long at();
}
