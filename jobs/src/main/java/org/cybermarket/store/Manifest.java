package org.cybermarket.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cybermarket.config.ConfigLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * What a run did, as JSON: the one type that writes a manifest and reads it back. A run that published writes it into
 * its snapshot ({@code snapshots/<id>/_manifest.json}, describing exactly the datasets readers of that snapshot see)
 * and as its record ({@code _runs/<id>.json}); a run that failed writes only its record, with the error.
 *
 * @param config   the effective config (written from the config object, read back as plain maps and lists)
 * @param datasets every dataset of the published snapshot with its rows (empty for a failed run)
 * @param sources  per dataset, the run that wrote it (datasets a run did not write are carried over from the
 *                 previous snapshot with their source) and the runs that replaced some of its partitions
 */
public record Manifest(String runId, String command, LocalDate asOf, Instant startedAt, Instant endedAt,
                       String codeVersion, String sparkVersion, String master, Map<String, String> sparkConf,
                       Object config, List<InputFile> inputs, Map<String, Long> datasets, Map<String, Source> sources,
                       Map<String, Integer> schemaVersions, List<Stage> stages, String outcome, String error) {
    /** Its name inside a snapshot. */
    public static final String FILE = "_manifest.json";
    /** Manifests of older and newer versions carry fields this one does not know: they are skipped, not refused. */
    private static final ObjectMapper READER = ConfigLoader.jsonMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One input file with its size and SHA-256. */
    public record InputFile(String path, long sizeBytes, String sha256) {}

    /** Where a published dataset came from: the run that wrote it, and runs that replaced some of its partitions. */
    public record Source(long rows, String runId, String command, String asOf, Map<String, String> partitionsFrom) {}

    /** A finished stage: counts per subject (prices, events...), each a label -> number in order, and its duration. */
    public record Stage(String name, Map<String, Map<String, Long>> counts, double seconds) {}

    public boolean succeeded() {
        return "succeeded".equals(outcome);
    }

    /** As indented JSON. */
    public byte[] json() {
        try {
            return ConfigLoader.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A manifest's text read back, or null when it is not one (cut by a crash, or some other JSON). */
    public static Manifest parse(String json) {
        if (json == null) return null;
        try {
            Manifest m = READER.readValue(json, Manifest.class);
            return m == null || m.runId() == null ? null : m;
        } catch (IOException e) {
            return null;
        }
    }
}
