package org.cybermarket.pipeline;

import org.cybermarket.store.OutputRoot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a run did, as JSON. A run that published writes it into its snapshot ({@code snapshots/<id>/_manifest.json},
 * describing exactly the datasets readers of that snapshot see) and as its record ({@code _runs/<id>.json}); a run
 * that failed writes only its record, with the error.
 *
 * @param datasets every dataset of the published snapshot with its rows (empty for a failed run)
 * @param sources  per dataset, the run that wrote it (datasets a run did not write are carried over from the
 *                 previous snapshot with their source) and the runs that replaced some of its partitions
 */
public record RunManifest(String runId, String command, LocalDate asOf, Instant startedAt, Instant endedAt,
                          String codeVersion, String sparkVersion, String master, Map<String, String> sparkConf,
                          Object config, List<InputFile> inputs, Map<String, Long> datasets, Map<String, OutputRoot.Source> sources,
                          Map<String, Integer> schemaVersions, List<RunLog.Stage> stages, String outcome, String error) {

    /** One input file with its size and SHA-256. */
    public record InputFile(String path, long sizeBytes, String sha256) {}
}
