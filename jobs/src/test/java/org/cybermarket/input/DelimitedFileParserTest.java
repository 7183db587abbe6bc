package org.cybermarket.input;

import org.cybermarket.config.Layout;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class DelimitedFileParserTest {
    private static final Layout CN = new Layout(Map.of("trade_date", List.of("日期"), "open_price", List.of("开盘价"),
            "high_price", List.of("最高价"), "low_price", List.of("最低价"), "close_price", List.of("收盘价"),
            "volume", List.of("成交量"), "turnover", List.of("成交额")), List.of("yyyyMMdd"), ",", "UTF-8",
            "^(?<symbol>\\d{6})\\.csv$", null, null, null);

    @Test
    void readsChineseHeadersCompactDatesAndTheSymbolFromTheFileName() {
        String text = "日期,开盘价,最高价,最低价,收盘价,成交量,成交额\n20240722,22.60,24.10,22.51,23.54,9617050,226524113\n";
        List<ParsedLine> lines = new DelimitedFileParser(CN, TargetSchema.PRICES).parse("/x/688561.csv", text.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, lines.size());
        Object[] v = lines.get(1).values();
        List<String> f = TargetSchema.PRICES.fieldNames();
        assertEquals("688561", v[f.indexOf("symbol")]);
        assertEquals(LocalDate.of(2024, 7, 22), v[f.indexOf("trade_date")]);
        assertEquals(23.54, (Double) v[f.indexOf("close_price")], 0);
        assertEquals(226524113.0, (Double) v[f.indexOf("turnover")], 0);
        assertNull(v[f.indexOf("adj_close_price")]);
    }

    @Test
    void scalesPercentFactorsAndStopsAtTheFooter() {
        Layout ff = new Layout(Map.of("trade_date", List.of("", "Date"), "mkt_rf", List.of("Mkt-RF"), "smb", List.of("SMB"),
                "hml", List.of("HML"), "rf", List.of("RF")), List.of("yyyyMMdd"), null, null, null, 0.01, true, null);
        String text = "preamble line one\r\nline two, with a comma\r\n\r\nDate,Mkt-RF,SMB,HML,RF\r\n20240722,    1.08,    0.88,   -0.53,   0.021\r\n\r\nCopyright 2024\r\n";
        List<ParsedLine> lines = new DelimitedFileParser(ff, TargetSchema.FACTORS).parse("ff.csv", text.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("PREAMBLE", "PREAMBLE", "BLANK", "HEADER", "DATA", "BLANK", "FOOTER"),
                lines.stream().map(l -> l.kind().name()).toList());
        Object[] v = lines.get(4).values();
        assertEquals(0.0108, (Double) v[1], 1e-15);
        assertEquals(0.00021, (Double) v[4], 1e-15);
    }

    @Test
    void aColumnMatchedTwiceIsNotAHeader() {
        Layout twice = new Layout(Map.of("trade_date", List.of("date", "day"), "symbol", List.of("symbol"), "close_price", List.of("close")),
                null, null, null, null, null, null, null);
        String text = "date,day,symbol,close\n2024-07-22,2024-07-22,AAA,1\n";
        InputFileException e = assertThrows(InputFileException.class,
                () -> new DelimitedFileParser(twice, TargetSchema.PRICES).parse("f.csv", text.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("no header line"), e.getMessage());
    }

    @Test
    void withoutAHeaderTheErrorNamesTheLineThatComesClosestAndWhatItLacks() {
        String text = "日期,开盘价,最高价,最低价,收盘,成交量,成交额\n20240722,22.60,24.10,22.51,23.54,9617050,226524113\n";
        InputFileException e = assertThrows(InputFileException.class,
                () -> new DelimitedFileParser(CN, TargetSchema.PRICES).parse("/x/688561.csv", text.getBytes(StandardCharsets.UTF_8)));
        assertEquals("/x/688561.csv: no header line with the required columns trade_date [日期], one of [adj_close_price [], close_price [收盘价]]; "
                + "line 1 comes closest but lacks one of [adj_close_price, close_price]; its other cells are '收盘'", e.getMessage());
    }

    @Test
    void symbolsAreTrimmedAndUpperCased() {
        Layout l = new Layout(BadInputCorpusTest.LONG, null, null, null, null, null, null, null);
        String text = "date,symbol,open,high,low,close,volume\n2024-07-22,  crwd ,1,1,1,1,1\n";
        List<ParsedLine> lines = new DelimitedFileParser(l, TargetSchema.PRICES).parse("f.csv", text.getBytes(StandardCharsets.UTF_8));
        assertEquals("CRWD", lines.get(1).values()[0]);
    }

    @Test
    void aLayoutMappingAnUnknownFieldIsRejectedUpFront() {
        Layout l = new Layout(Map.of("closing", List.of("close")), null, null, null, null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DelimitedFileParser(l, TargetSchema.PRICES));
        assertTrue(e.getMessage().contains("unknown field 'closing'"), e.getMessage());
    }
}
