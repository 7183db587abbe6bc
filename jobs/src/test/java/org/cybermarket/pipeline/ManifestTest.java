package org.cybermarket.pipeline;

import org.cybermarket.testing.Outputs;
import com.fasterxml.jackson.databind.JsonNode;
import org.cybermarket.config.ConfigLoader;
import org.cybermarket.store.Snapshot;
import org.cybermarket.testing.SampleRun;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ManifestTest {
    @Test
    void theManifestCountsReconcileWithTheDatasetsAndListEveryInput() throws Exception {
        var out = SampleRun.output();
        JsonNode m = ConfigLoader.jsonMapper().readTree(Files.readString(Outputs.manifest(out)));
        assertEquals("succeeded", m.get("outcome").asText());
        Snapshot store = Snapshot.current(SparkTest.spark(), out.toString());
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
    void sparkSettingsAreRecordedWithTheirValuesOnlyWhenKnownToBeSafe() {
        // Credentials under names no deny-list foresaw (issue 19), beside settings that only tune a run.
        List<String> secrets = List.of("spark.hadoop.fs.s3a.secret.key", "spark.hadoop.fs.s3a.access.key", "spark.ssl.keyPassword",
                "spark.some.token", "spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net", "spark.hadoop.fs.azure.sas.c.acct.blob.core.windows.net",
                "spark.hadoop.fs.gs.auth.service.account.private.key", "spark.hadoop.fs.s3a.encryption.key", "spark.hadoop.fs.adl.oauth2.credential",
                "spark.eventLog.dir");
        Map<String, String> conf = new java.util.HashMap<>();
        for (String k : secrets) conf.put(k, "SECRET-" + k.hashCode());
        conf.put("spark.sql.shuffle.partitions", "8");
        conf.put("spark.executor.memory", "4g");
        Map<String, String> r = Manifests.redact(conf);
        assertEquals("8", r.get("spark.sql.shuffle.partitions"));
        assertEquals("4g", r.get("spark.executor.memory"));
        for (String k : secrets) assertEquals("***redacted***", r.get(k), k + " is listed, its value is not");
        assertEquals(conf.keySet(), r.keySet(), "every key is listed");
    }
}
