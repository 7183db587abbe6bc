package org.cybermarket.ingest;

import org.cybermarket.testing.Outputs;
import org.apache.spark.sql.Row;
import org.cybermarket.cli.Main;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A vendor nobody has seen before (semicolons, German headers, dd.MM.yyyy dates, Latin-1) plus a file already in
 * the canonical Parquet schema: both are read by writing config only, through the CLI, with no code change.
 */
class NewLayoutByConfigTest {
    @Test
    void aNewVendorLayoutIsAConfigEntry(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("master.csv"), "ticker,name,industry\nAAA,Alpha Sicherheit,Cybersecurity\nBBB,Beta Bank,Banks\nIDX,Index,Broad\n");
        Files.write(data.resolve("kurse.csv"), ("Datum;Wertpapier;Schlusskurs;Umsatz\n"
                + "18.07.2024;AAA;10,50;1000\n19.07.2024;AAA;11,00;1200\n22.07.2024;AAA;12,10;900\n"
                + "18.07.2024;BBB;20,00;10\n19.07.2024;BBB;20,00;10\n22.07.2024;BBB;19,00;10\n"
                + "19.07.2024;Müller;1,00;1\n").getBytes(Charset.forName("ISO-8859-1")));
        // The canonical Parquet layout: the index, written by Spark in the prices schema.
        var spark = SparkTest.spark();
        spark.sql("select 'IDX' as symbol, to_date(d) as trade_date, cast(null as double) as open_price, cast(null as double) as high_price,"
                + " cast(null as double) as low_price, cast(c as double) as close_price, cast(null as double) as adj_close_price, cast(null as double) as volume,"
                + " cast(null as double) as turnover from values ('2024-07-18', 100.0), ('2024-07-19', 101.0), ('2024-07-22', 102.0), ('2024-07-23', 0.0) as t(d, c)")
                .write().parquet(data.resolve("index_parquet").toString());
        Path cfg = tmp.resolve("vendor.yaml");
        Files.writeString(cfg, String.join("\n",
                "data_dir: data", "as_of: 2024-07-31",
                "markets: [{id: XETR, region: DE, zone: Europe/Berlin, close: \"17:30\", currency: EUR, benchmark: IDX}]",
                "layouts:",
                "  german_vendor:",
                "    columns: {trade_date: [Datum], symbol: [Wertpapier], close_price: [Schlusskurs], volume: [Umsatz]}",
                "    date_formats: [dd.MM.yyyy]",
                "    delimiter: \";\"",
                "    encoding: ISO-8859-1",
                "    decimal_comma: true",
                "securities: [{path: master.csv, columns: {symbol: [ticker], name: [name], industry: [industry]}, default_market: XETR}]",
                "prices:",
                "  - {path: kurse.csv, layout: german_vendor}",
                "  - {path: index_parquet, layout: parquet, market: XETR, kind: index}",
                ""));
        StringWriter err = new StringWriter();
        Path out = tmp.resolve("out");
        int code = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "ingest", "--config", cfg.toString(),
                "--out", out.toString(), "--master", "local[2]");
        assertEquals(0, code, err.toString());
        List<Row> aaa = spark.read().parquet(Outputs.dataset(out, "prices")).where("symbol = 'AAA'").orderBy("trade_date").collectAsList();
        assertEquals(3, aaa.size());
        assertEquals("EUR", aaa.get(0).getAs("currency"));
        assertEquals(1000.0, aaa.get(0).<Double>getAs("volume"), 0);
        // Decimal commas are read because the layout says decimal_comma; a symbol missing from the master is quarantined.
        List<Row> rejects = spark.read().parquet(Outputs.dataset(out, "rejects")).orderBy("line_number").collectAsList();
        assertTrue(rejects.stream().anyMatch(r -> "UNKNOWN_SYMBOL".equals(r.getAs("reason_code")) && ((String) r.getAs("raw_line")).contains("Müller")),
                "Latin-1 decoded: " + rejects);
        assertEquals(3L, spark.read().parquet(Outputs.dataset(out, "prices")).where("symbol = 'IDX' and kind = 'index'").count(),
                "the good Parquet rows land in the same canonical prices");
        List<Row> parquetRejects = rejects.stream().filter(r -> ((String) r.getAs("source_file")).contains("index_parquet")).toList();
        assertEquals(1, parquetRejects.size(), "the zero close in the Parquet file is quarantined like a CSV row: " + rejects);
        assertEquals("NON_POSITIVE_PRICE", parquetRejects.get(0).getAs("reason_code"));
        assertTrue(((String) parquetRejects.get(0).getAs("raw_line")).contains("IDX"), "its values stand in for the raw text");
    }
}
