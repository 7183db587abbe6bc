package org.cybermarket.pipeline;

import org.cybermarket.testing.Outputs;
import com.fasterxml.jackson.databind.JsonNode;
import org.cybermarket.config.ConfigLoader;
import org.cybermarket.io.OutputStore;
import org.cybermarket.testing.SampleRun;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ManifestTest {
    @Test
    void theManifestCountsReconcileWithTheDatasetsAndListEveryInput() throws Exception {
        var out = SampleRun.output();
        JsonNode m = ConfigLoader.jsonMapper().readTree(Files.readString(Outputs.manifest(out)));
        assertEquals("succeeded", m.get("outcome").asText());
        OutputStore store = new OutputStore(SparkTest.spark(), out.toString(), "test");
        assertEquals(store.datasets().size(), m.get("datasets").size(), "every dataset is in the manifest");
        for (String name : store.datasets()) {
            assertEquals(store.read(name).count(), m.get("datasets").get(name).asLong(), name + " rows");
            assertEquals(org.cybermarket.pipeline.DatasetContract.SCHEMA_VERSIONS.get(name), m.get("schema_versions").get(name).asInt(), name + " schema version");
        }
        long sampleFiles;
        try (var s = Files.walk(SparkTest.projectRoot().resolve("data/sample"))) {
            sampleFiles = s.filter(Files::isRegularFile).count();
        }
        assertEquals(sampleFiles + 2, m.get("inputs").size(), "every sample file plus the event and research catalogues");
        for (JsonNode f : m.get("inputs")) assertEquals(64, f.get("sha256").asText().length());
        assertEquals(5, m.get("stages").size(), "ingest, returns, sectors, event_study, forecast");
        assertTrue(m.hasNonNull("spark_version") && m.hasNonNull("config") && m.hasNonNull("started_at") && m.hasNonNull("ended_at"));
    }

    @Test
    void secretsPassedAsSparkConfigAreRedacted() {
        Map<String, String> r = Manifests.redact(Map.of("spark.hadoop.fs.s3a.secret.key", "s3cr3t", "spark.hadoop.fs.s3a.access.key", "AKIA",
                "spark.ssl.keyPassword", "pw", "spark.some.token", "t", "spark.sql.shuffle.partitions", "8"));
        assertEquals("8", r.get("spark.sql.shuffle.partitions"));
        for (String k : new String[]{"spark.hadoop.fs.s3a.secret.key", "spark.hadoop.fs.s3a.access.key", "spark.ssl.keyPassword", "spark.some.token"}) {
            assertEquals("***redacted***", r.get(k), k);
        }
    }
}
