package dev.jmlflow.bench;

import java.util.List;

/** Nearest-rank percentiles of measured durations in milliseconds. */
final class Stats {

    private Stats() {
    }

    /** The smallest value with at least {@code p} percent of the values at or below it (p99 of 50 values is the max). */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values measured");
        }
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }
}
