package org.cybermarket.sample;

import org.cybermarket.testing.Outputs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.cli.Main;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.apache.spark.sql.functions.*;
import static org.cybermarket.schema.Cols.keys;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The benchmark-scale pipeline inputs at a small size: the whole pipeline runs on them, every price row arrives,
 * the returns it computes from the generated closes are the generated returns, every (event, security) is studied,
 * the manifest's row counts (read from Parquet footers) equal what Spark reads, and the report shows the first
 * events of many and says so.
 */
class ScaledPipelineInputsTest {
    @TempDir
    Path tmp;

    @Test
    void theWholePipelineRunsOnTheScaledInputsAndReproducesTheGeneratedReturns() throws Exception {
        SparkSession spark = SparkTest.spark();
        int securities = 30, years = 2, events = 12;
        ScaledUniverse u = new ScaledUniverse(spark, securities, years, events, 7L);
        Path config = ScaledPipelineInputs.write(spark, u, tmp.resolve("in"),
                SparkTest.projectRoot().resolve("data/research/figures.json").toString(), "parametric");
        Path out = tmp.resolve("out");
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "pipeline", "--config", config.toString(),
                "--out", out.toString(), "--master", "local[2]");
        assertEquals(0, code, err.toString());

        long days = (long) years * 261;
        Dataset<Row> returns = spark.read().parquet(Outputs.dataset(out, "returns"));
        assertEquals((securities + 1) * days, returns.count(), "every generated price row is a return row");
        assertEquals(0, spark.read().parquet(Outputs.dataset(out, "rejects")).count());

        // Returns from the generated closes equal the generated returns (day 0 of each series has none).
        Dataset<Row> generated = u.returns().select(col("symbol"), col("trade_date"), col("simple_return").as("generated"));
        Row diff = returns.join(generated, keys("symbol", "trade_date"), "inner").where(col("simple_return").isNotNull())
                .agg(count(lit(1)), max(abs(col("simple_return").minus(col("generated"))))).first();
        assertEquals((securities + 1) * (days - 1), diff.getLong(0));
        assertTrue(diff.getDouble(1) < 1e-12, "largest difference " + diff.getDouble(1));

        assertEquals((long) securities * events * 11, spark.read().parquet(Outputs.dataset(out, "es_security_days")).count());
        assertEquals(0, spark.read().parquet(Outputs.dataset(out, "es_exclusions")).count());

        // Row counts in the manifest come from Parquet footers: they must equal what Spark reads.
        JsonNode datasets = new ObjectMapper().readTree(Outputs.manifest(out).toFile()).get("datasets");
        for (String name : new String[]{"prices", "returns", "sector_returns", "es_security_days", "es_group_days", "rejects"}) {
            assertEquals(spark.read().parquet(Outputs.dataset(out, name)).count(), datasets.get(name).asLong(), name);
        }

        String report = Files.readString(Outputs.report(out).resolve("index.html"));
        assertTrue(report.contains("Showing the first 10 of " + events + " events"), "the report says it shows 10 of 12 events");
        assertTrue(Files.exists(Outputs.report(out).resolve("caar_9.png")) && !Files.exists(Outputs.report(out).resolve("caar_10.png")));
    }
}
