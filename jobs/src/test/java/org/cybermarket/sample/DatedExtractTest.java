package org.cybermarket.sample;

import org.cybermarket.config.ConfigLoader;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.testing.RealData;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The dated extract: published layouts kept byte for byte, only data rows outside the period cut, data/real reproducible. */
class DatedExtractTest {
    static final LocalDate START = LocalDate.of(2018, 1, 1);
    static final LocalDate END = LocalDate.of(2024, 12, 31);

    @Test
    void everyLineButTheDataRowsOutsideThePeriodIsCopiedByteForByte(@TempDir Path tmp) throws Exception {
        Path from = tmp.resolve("from");
        Files.createDirectories(from.resolve("cn_daily"));
        Files.createDirectories(from.resolve("factors"));
        // A byte-order mark, Chinese headers, LF line ends and no line end after the last row.
        write(from.resolve("cn_daily/600001.csv"), "\uFEFF日期,收盘价\n20171229,9.5\n20180102,10\n20241231,11\n20250102,12");
        // A preamble, CRLF line ends, a row the layout cannot read (kept: the pipeline rejects it), a footer.
        write(from.resolve("factors/ff.CSV"), "Made by someone.\r\n\r\nDate,Mkt-RF,SMB,HML,RF\r\n19260701,    0.10,   -0.25,   -0.27,   0.009\r\n"
                + "20180102,    0.85,    0.35,   -0.22,   0.006\r\n2018-01-03,x,x,x,x\r\n20241002,    0.1,    0.1,    0.1,   0.02\r\n\r\nCopyright 2024\r\n");
        write(from.resolve("master.csv"), "code,industry\n600001,Cybersecurity\n600002,Banks\n");

        List<DatedExtract.FileResult> results = DatedExtract.write(config(tmp), from, tmp.resolve("to"), START, END);

        assertEquals("\uFEFF日期,收盘价\n20180102,10\n20241231,11\n", read(tmp.resolve("to/cn_daily/600001.csv")));
        assertEquals("Made by someone.\r\n\r\nDate,Mkt-RF,SMB,HML,RF\r\n20180102,    0.85,    0.35,   -0.22,   0.006\r\n"
                + "2018-01-03,x,x,x,x\r\n20241002,    0.1,    0.1,    0.1,   0.02\r\n\r\nCopyright 2024\r\n", read(tmp.resolve("to/factors/ff.CSV")));
        // 600002 has no price file at all, so no price in the period: its master row goes.
        assertEquals("code,industry\n600001,Cybersecurity\n", read(tmp.resolve("to/master.csv")));
        assertEquals(List.of(new DatedExtract.FileResult("cn_daily/600001.csv", 5, 4, 2, true),
                new DatedExtract.FileResult("factors/ff.CSV", 9, 4, 3, true),
                new DatedExtract.FileResult("master.csv", 3, 2, 1, true)), results);
    }

    @Test
    void aPriceFileWithNoRowInThePeriodIsNotWrittenAndItsSecurityLeavesTheMaster(@TempDir Path tmp) throws Exception {
        Path from = tmp.resolve("from");
        Files.createDirectories(from.resolve("cn_daily"));
        Files.createDirectories(from.resolve("factors"));
        write(from.resolve("cn_daily/600001.csv"), "日期,收盘价\n20180102,10\n");
        write(from.resolve("cn_daily/600002.csv"), "日期,收盘价\n20250102,10\n");
        write(from.resolve("factors/ff.CSV"), "Date,Mkt-RF,SMB,HML,RF\n20180102,1,1,1,1\n");
        write(from.resolve("master.csv"), "code,industry\n600001,Cybersecurity\n600002,Banks\n");

        List<DatedExtract.FileResult> results = DatedExtract.write(config(tmp), from, tmp.resolve("to"), START, END);

        assertFalse(Files.exists(tmp.resolve("to/cn_daily/600002.csv")), "a header-only file would be an input error");
        assertEquals(new DatedExtract.FileResult("cn_daily/600002.csv", 2, 1, 0, false), results.get(1));
        assertEquals("code,industry\n600001,Cybersecurity\n", read(tmp.resolve("to/master.csv")));
    }

    @Test
    void theCommittedExtractIsWhatTheCommandWrites(@TempDir Path tmp) throws Exception {
        Path full = RealData.requireFullFiles();
        Path root = SparkTest.projectRoot();
        PipelineConfig cfg = ConfigLoader.load(root.resolve("data/config/shared-real.yaml"));
        List<DatedExtract.FileResult> results = DatedExtract.write(cfg, full, tmp, START, END);
        Path committed = root.resolve("data/real");
        assertEquals(files(tmp), files(committed).stream().filter(p -> !p.equals("PROVENANCE.md")).toList(), "the same files");
        for (String f : files(tmp)) assertArrayEquals(Files.readAllBytes(tmp.resolve(f)), Files.readAllBytes(committed.resolve(f)), f);
        // data/real/PROVENANCE.md states these totals.
        assertEquals(95, results.stream().filter(DatedExtract.FileResult::written).count());
        assertEquals(153_358L, results.stream().mapToLong(DatedExtract.FileResult::dataRows).sum());
        assertEquals(109_817L, results.stream().mapToLong(DatedExtract.FileResult::dataRowsKept).sum());
        assertEquals(List.of("cn_securities.csv", "us_securities.csv"),
                results.stream().filter(DatedExtract.FileResult::whole).map(DatedExtract.FileResult::path).toList(),
                "only the masters are whole: every security has prices in the period");
    }

    private static PipelineConfig config(Path tmp) throws Exception {
        Path cfg = tmp.resolve("extract.yaml");
        Files.writeString(cfg, String.join("\n",
                "markets: [{id: XSHG, region: CN, zone: Asia/Shanghai, close: \"15:00\", currency: CNY}]",
                "layouts:",
                "  cn: {columns: {trade_date: [日期], close_price: [收盘价]}, date_formats: [yyyyMMdd], symbol_from_file: \"^(?<symbol>[0-9]+)\\\\.csv$\"}",
                "  ff: {columns: {trade_date: [Date], mkt_rf: [Mkt-RF], smb: [SMB], hml: [HML], rf: [RF]}, date_formats: [yyyyMMdd], stop_at_blank_line: true}",
                "securities: [{path: master.csv, columns: {symbol: [code], industry: [industry]}, default_market: XSHG}]",
                "prices: [{path: \"cn_daily/*.csv\", layout: cn}]",
                "factors: [{path: \"factors/*.CSV\", layout: ff}]", ""));
        return ConfigLoader.load(cfg);
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static void write(Path p, String s) throws Exception {
        Files.write(p, s.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(Path p) throws Exception {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }
}
