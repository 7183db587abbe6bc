package org.cybermarket.pipeline;

import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.store.OutputStore;

import java.time.LocalDate;

/**
 * What every job gets: the session, the effective config, the output store, the progress log, the as-of date, and
 * whether the run publishes only that date's partitions ({@code --as-of-date-only}).
 */
public record JobContext(SparkSession spark, PipelineConfig config, OutputStore store, RunLog log, LocalDate asOf,
                         boolean asOfDateOnly) {}
