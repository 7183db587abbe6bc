package org.cybermarket.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.ingest.RowStatus;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every readable file of the bad-input corpus through the Spark reader and the reconciliation: each physical line is
 * counted once, and rows read = kept + rejected (+ duplicates, superseded, out of scope: none here), per file.
 */
class CorpusReconciliationTest {
    @Test
    void theReconciliationBalancesForEveryCorpusFileCountingEveryPhysicalLine() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/bad-inputs/cases.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        Map<String, List<Long>> expected = new TreeMap<>();
        Map<String, List<String>> filesByLayout = new TreeMap<>();
        Path dir = Path.of(getClass().getResource("/bad-inputs/cases.json").toURI()).getParent();
        for (JsonNode c : cases) {
            if (c.has("error")) continue;
            Path file = dir.resolve(c.get("file").asText());
            long physical = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\r\n", "\n").lines().count();
            long rejected = c.get("rejects").size();
            expected.put(file.toString(), List.of(physical, rejected + c.get("kept").asLong(), c.get("kept").asLong(), rejected));
            filesByLayout.computeIfAbsent(c.get("layout").asText(), k -> new ArrayList<>()).add(c.get("file").asText());
        }
        // One read per layout, one reconciliation per target; duplicates are looked for within a file only.
        Map<TargetSchema, Dataset<Row>> linesByTarget = new java.util.LinkedHashMap<>();
        filesByLayout.forEach((layoutName, files) -> {
            Dataset<Row> lines = LineReader.read(SparkTest.spark(), dir + "/{" + String.join(",", files) + "}",
                    BadInputCorpusTest.layout(layoutName), BadInputCorpusTest.target(layoutName));
            linesByTarget.merge(BadInputCorpusTest.target(layoutName), lines, Dataset::unionByName);
        });
        List<Dataset<Row>> parts = new ArrayList<>();
        linesByTarget.forEach((target, read) -> {
            Dataset<Row> lines = read.withColumn(RowStatus.SOURCE_INPUT, lit(0)).withColumn(RowStatus.SOURCE_PRIORITY, lit(null).cast("int"));
            List<String> keys = target == TargetSchema.SECURITIES ? List.of("source_file", "symbol")
                    : target == TargetSchema.FACTORS ? List.of("source_file", "trade_date") : List.of("source_file", "symbol", "trade_date");
            List<String> values = target.fieldNames().stream().filter(f -> !keys.contains(f)).toList();
            parts.add(RowStatus.reconciliation(RowStatus.withRowStatus(lines, keys, values, lit(null).cast("string")), target.name()));
        });
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) all = all.unionByName(parts.get(i));
        Map<String, List<Long>> actual = new TreeMap<>();
        for (Row r : all.collectAsList()) {
            assertEquals(true, r.getAs("balanced"), "balanced: " + r);
            actual.put(r.getAs("source_file"), List.of(r.<Long>getAs("lines_total"), r.<Long>getAs("rows_read"), r.<Long>getAs("rows_kept"),
                    r.<Long>getAs("rows_rejected")));
        }
        assertEquals(expected, actual);
    }
}
