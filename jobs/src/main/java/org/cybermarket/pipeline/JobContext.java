package org.cybermarket.pipeline;

import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.io.OutputStore;

import java.time.LocalDate;

/** What every job gets: the session, the effective config, the output store and the progress log. */
public record JobContext(SparkSession spark, PipelineConfig config, OutputStore store, RunLog log, LocalDate asOf) {}
