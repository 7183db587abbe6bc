package org.cybermarket.pipeline;

/** A batch job: reads its inputs (files or earlier outputs), transforms, checks, and stages its outputs. */
public interface Job {
    String name();

    void run(JobContext ctx);

    /**
     * The jobs whose outputs this one reads. When they are part of the same run it starts after they have
     * published; jobs that do not need each other run at the same time. Jobs not in the run are not waited for:
     * their published outputs are read.
     */
    default java.util.List<String> needs() {
        return java.util.List.of();
    }

    /** True when the job writes date-partitioned datasets, so that an {@code --as-of-date-only} run has something to publish. */
    default boolean writesDatePartitions() {
        return false;
    }
}
