package org.cybermarket.io;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * CSV for spreadsheets. A text cell starting with =, +, -, @ (or a tab or carriage return) is prefixed with a
 * single quote so that no spreadsheet runs it as a formula (OWASP CSV injection); numbers are written as numbers.
 */
public final class CsvExport {
    private CsvExport() {}

    public static long write(Dataset<Row> df, Path file) throws IOException {
        long n = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(String.join(",", java.util.Arrays.stream(df.columns()).map(CsvExport::cell).toList()));
            w.write("\n");
            Iterator<Row> it = df.toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.size(); i++) {
                    if (i > 0) line.append(',');
                    Object v = r.get(i);
                    line.append(v == null ? "" : v instanceof Number ? v.toString() : cell(v.toString()));
                }
                w.write(line.append('\n').toString());
                n++;
            }
        }
        return n;
    }

    /** Quotes a text cell and neutralises formula triggers. */
    public static String cell(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || !v.equals(s)) v = "\"" + v.replace("\"", "\"\"") + "\"";
        return v;
    }
}
