package org.cybermarket.pipeline;

import org.cybermarket.cli.Main;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.SampleRun;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same inputs give the same rows whatever the number of shuffle partitions: keys, counts, ranks (ties
 * included) identical; sector returns bit for bit; event-study sums (which Spark adds in partition order) to 1e-12.
 */
class DeterminismTest {
    @Test
    void sectorAndEventStudyOutputsDoNotDependOnPartitioning(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Outputs.copy(SampleRun.output(), out);
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "sectors", "--config",
                SparkTest.projectRoot().resolve("data/config/sample.yaml").toString(), "--out", out.toString(),
                "--conf", "spark.sql.shuffle.partitions=7", "--conf", "spark.sql.adaptive.enabled=false");
        assertEquals(0, code, err.toString());
        code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "event-study", "--config",
                SparkTest.projectRoot().resolve("data/config/sample.yaml").toString(), "--out", out.toString(),
                "--conf", "spark.sql.shuffle.partitions=7", "--conf", "spark.sql.adaptive.enabled=false");
        assertEquals(0, code, err.toString());
        var spark = SparkTest.spark();
        Outputs.assertSameRows(spark.read().parquet(Outputs.dataset(SampleRun.output(), "sector_returns")),
                spark.read().parquet(Outputs.dataset(out, "sector_returns")), "sector_returns with 7 partitions vs the default");
        for (String ds : new String[]{"es_group_days", "es_group_windows", "es_security_windows", "es_security_days", "es_exclusions"}) {
            Outputs.assertSameRowsWithin(spark.read().parquet(Outputs.dataset(SampleRun.output(), ds)),
                    spark.read().parquet(Outputs.dataset(out, ds)), 1e-12, ds + " with 7 partitions vs the default");
        }
    }
}
