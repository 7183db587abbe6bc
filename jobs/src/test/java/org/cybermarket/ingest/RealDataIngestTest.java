package org.cybermarket.ingest;

import org.cybermarket.testing.Outputs;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.testing.RealData;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.cybermarket.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ingest of the public files exactly as published (the committed extract, and the full files where they are beside
 * the checkout): per-file counts against the files themselves, and known values.
 */
class RealDataIngestTest {
    @Test
    void everyFileOfTheExtractReconcilesWithItsLineCount() throws Exception {
        assertEveryFileReconciles(RealData.extract(), RealData.pipelineOutput());
    }

    @Test
    void everyFullFileReconcilesWithItsLineCountThroughSharedRealYaml(@TempDir Path tmp) throws Exception {
        Path full = RealData.requireFullFiles();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "ingest", "--config",
                SparkTest.projectRoot().resolve("data/config/shared-real.yaml").toString(), "--out", tmp.toString(),
                "--master", "local[2]", "--as-of", "2026-11-01");
        assertEquals(0, code, err.toString());
        assertEveryFileReconciles(full, tmp);
    }

    private static void assertEveryFileReconciles(Path real, Path out) throws Exception {
        Dataset<Row> recon = SparkTest.spark().read().parquet(Outputs.dataset(out, "ingest_reconciliation"));
        Map<String, Long> linesByFile = new TreeMap<>();
        for (Row r : recon.select("source_file", "lines_total").collectAsList()) linesByFile.put(r.getString(0), r.getLong(1));
        List<Path> files;
        try (Stream<Path> s = Stream.of("cn_daily", "cn_index", "us_daily", "factors").flatMap(d -> list(real.resolve(d)))) {
            files = s.toList();
        }
        assertEquals(53 + 4 + 35 + 1, files.size());
        for (Path f : files) {
            long physical = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).lines().count();
            assertEquals(physical, linesByFile.get(f.toString()), "lines of " + f);
        }
        assertEquals(0L, recon.where("not balanced").count(), "rows read = kept + rejected + duplicates, per file");
        Row ff = recon.where("source_file like '%F-F_Research%'").first();
        // Three lines of text and a blank line before the header; a blank line and the copyright line after the data.
        assertEquals(List.of(3L, 1L, 2L, 1L), List.of(ff.<Long>getAs("preamble_lines"), ff.<Long>getAs("header_lines"),
                ff.<Long>getAs("blank_lines"), ff.<Long>getAs("footer_lines")));
    }

    @Test
    void knownValuesOfTheOutageWeek() throws Exception {
        Path out = RealData.pipelineOutput();
        var spark = SparkTest.spark();
        Dataset<Row> prices = spark.read().parquet(Outputs.dataset(out, "prices"));
        Dataset<Row> returns = spark.read().parquet(Outputs.dataset(out, "returns"));
        assertEquals(23.54, prices.where("symbol = '688561' and trade_date = '2024-07-22'").first().<Double>getAs("close_price"), 0);
        assertEquals("CNY", prices.where("symbol = '688561' and trade_date = '2024-07-22'").first().getAs("currency"));
        assertEquals(3514.92, prices.where("symbol = '000300.SH' and trade_date = '2024-07-22'").first().<Double>getAs("close_price"), 0);
        // CRWD fell 11.1% to US$304.96 on 2024-07-19 (the file's level is split-adjusted; the return is not affected).
        assertEquals(-0.1110, returns.where("symbol = 'CRWD' and trade_date = '2024-07-19'").first().<Double>getAs("simple_return"), 0.00005);
        Row mkt = spark.read().parquet(Outputs.dataset(out, "factors")).where("trade_date = '2024-07-22'").first();
        assertEquals(0.0108, mkt.<Double>getAs("mkt_rf"), 1e-12, "percent converted to a fraction");
        assertTrue(prices.where("market = 'XSHE' and symbol = '002212'").count() > 0, "SZSE names land in XSHE");
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir).sorted();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
