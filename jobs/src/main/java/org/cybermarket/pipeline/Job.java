package org.cybermarket.pipeline;

/** A batch job: reads its inputs (files or earlier outputs), transforms, checks, and stages its outputs. */
public interface Job {
    String name();

    void run(JobContext ctx);
}
