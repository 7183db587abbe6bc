package org.cybermarket.pipeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a run did, written last as JSON ({@code _runs/<run_id>.json} and {@code _manifest.json}): its presence
 * means the run finished, and {@code outcome} says how.
 */
public record RunManifest(String runId, String command, LocalDate asOf, Instant startedAt, Instant endedAt,
                          String codeVersion, String sparkVersion, String master, Map<String, String> sparkConf,
                          Object config, List<InputFile> inputs, Map<String, Long> datasets,
                          Map<String, Integer> schemaVersions, List<RunLog.Stage> stages, String outcome, String error) {

    /** One input file with its size and SHA-256. */
    public record InputFile(String path, long sizeBytes, String sha256) {}
}
