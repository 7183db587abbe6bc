package org.cybermarket.io;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;

/**
 * CSV for spreadsheets and CSV readers (RFC 4180: records end with CRLF; a cell holding a comma, a semicolon (the
 * separator of spreadsheets in many locales), a quote, CR or LF is quoted, quotes doubled). A text cell starting with
 * =, +, -, @, a tab or a carriage return gets a leading single quote so that no spreadsheet runs it as a formula
 * (OWASP CSV injection); numbers are written as numbers. Written beside the target and moved into place.
 */
public final class CsvExport {
    private CsvExport() {}

    public static long write(Dataset<Row> df, Path file) throws IOException {
        Path target = file.toAbsolutePath().normalize();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        long n = 0;
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(String.join(",", java.util.Arrays.stream(df.columns()).map(CsvExport::cell).toList()));
                w.write("\r\n");
                Iterator<Row> it = df.toLocalIterator();
                while (it.hasNext()) {
                    Row r = it.next();
                    StringBuilder line = new StringBuilder();
                    for (int i = 0; i < r.size(); i++) {
                        if (i > 0) line.append(',');
                        Object v = r.get(i);
                        line.append(v == null ? "" : v instanceof Number ? v.toString() : cell(v.toString()));
                    }
                    w.write(line.append("\r\n").toString());
                    n++;
                }
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return n;
    }

    /** Quotes a text cell where RFC 4180 needs it and neutralises formula triggers. */
    public static String cell(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) v = "'" + v;
        boolean quote = !v.equals(s);
        for (int i = 0; i < v.length() && !quote; i++) quote = ",;\"\r\n".indexOf(v.charAt(i)) >= 0;
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
