package org.cybermarket.io;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CSV exports never hand a spreadsheet a formula (OWASP CSV injection) and survive any CSV reader (RFC 4180). */
class CsvExportTest {
    @Test
    void cellsThatLookLikeFormulasAreNeutralised() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", CsvExport.cell("=HYPERLINK(\"http://x\")"));
        assertEquals("\"'+1+1\"", CsvExport.cell("+1+1"));
        assertEquals("\"'-2+3\"", CsvExport.cell("-2+3"));
        assertEquals("\"'@SUM(A1)\"", CsvExport.cell("@SUM(A1)"));
        assertEquals("\"'\tx\"", CsvExport.cell("\tx"));
        assertEquals("Cybersecurity", CsvExport.cell("Cybersecurity"));
        assertEquals("\"Acme, Inc.\"", CsvExport.cell("Acme, Inc."));
    }

    @Test
    void everySeparatorAndLineBreakIsQuoted() {
        // A bare CR left unquoted started a new row at "@SUM(...)" in CSV readers and spreadsheets (issue 19).
        assertEquals("\"a\r@SUM(1+1)*cmd|' /C calc'!A0\"", CsvExport.cell("a\r@SUM(1+1)*cmd|' /C calc'!A0"));
        assertEquals("\"a\nb\"", CsvExport.cell("a\nb"));
        assertEquals("\"a;b\"", CsvExport.cell("a;b"), "the separator of spreadsheets in many locales");
        assertEquals("\"say \"\"hi\"\"\"", CsvExport.cell("say \"hi\""));
    }

    @Test
    void hostileCellsRoundTripThroughARealCsvParser(@TempDir Path tmp) throws Exception {
        List<String> hostile = List.of("a\r@SUM(1+1)*cmd|' /C calc'!A0", "line\nbreak", "crlf\r\nx", "semi;colon", "com,ma",
                "\"quoted\"", "=1+1", "plain", "tab\there", "\u001b[31mred");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < hostile.size(); i++) rows.add(RowFactory.create(i, hostile.get(i), -1.5 * i));
        Dataset<Row> df = SparkTest.spark().createDataFrame(rows, new StructType().add("id", DataTypes.IntegerType)
                .add("text", DataTypes.StringType).add("value", DataTypes.DoubleType));
        Path file = tmp.resolve("export.csv");
        assertEquals(hostile.size(), CsvExport.write(df, file));
        // univocity's RFC 4180 parser (Spark's CSV reader), keeping line breaks inside quotes exactly as written.
        var settings = new com.univocity.parsers.csv.CsvParserSettings();
        settings.getFormat().setLineSeparator("\r\n");
        settings.setNormalizeLineEndingsWithinQuotes(false);
        settings.setHeaderExtractionEnabled(true);
        settings.setKeepQuotes(false);
        settings.setIgnoreLeadingWhitespaces(false);
        settings.setIgnoreTrailingWhitespaces(false);
        List<String[]> back = new com.univocity.parsers.csv.CsvParser(settings).parseAll(file.toFile(), "UTF-8");
        assertEquals(hostile.size(), back.size(), "one record per row: no line break inside a cell started a new one");
        for (int i = 0; i < hostile.size(); i++) {
            String expected = "=+-@\t\r".indexOf(hostile.get(i).charAt(0)) >= 0 ? "'" + hostile.get(i) : hostile.get(i);
            assertEquals(String.valueOf(i), back.get(i)[0]);
            assertEquals(expected, back.get(i)[1], "row " + i);
            assertEquals(-1.5 * i, Double.parseDouble(back.get(i)[2]), 0.0, "numbers stay numbers");
        }
        assertEquals(List.of(), List.of(Files.list(tmp).filter(p -> p.getFileName().toString().startsWith(".")).toArray()), "no temporary file left");
    }
}
