package dev.mosaic.loadtest.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects {@link RequestRecord}s from Gatling's threads without blocking them (a lock-free queue).
 */
public final class RequestLog {

    private final ConcurrentLinkedQueue<RequestRecord> records = new ConcurrentLinkedQueue<>();

    public void add(RequestRecord record) {
        records.add(record);
    }

    /** Every record so far, in order of sending. */
    public List<RequestRecord> records() {
        List<RequestRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparingLong(RequestRecord::startEpochMs));
        return sorted;
    }
}
