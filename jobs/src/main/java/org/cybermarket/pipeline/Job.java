package org.cybermarket.pipeline;

/** A batch job: reads its inputs (files or earlier outputs), transforms, checks, and stages its outputs. */
public interface Job {
    String name();

    void run(JobContext ctx);

    /** True when the job writes date-partitioned datasets, so that an {@code --as-of-date-only} run has something to publish. */
    default boolean writesDatePartitions() {
        return false;
    }
}
