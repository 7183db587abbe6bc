package org.cybermarket.config;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * How one vendor lays out a delimited file. A new vendor is a new entry in the config, not code.
 *
 * @param columns       canonical field name -> header aliases (matched trimmed and case-insensitively, never by position)
 * @param dateFormats   java.time patterns tried in order (for example {@code yyyyMMdd}, {@code yyyy-MM-dd})
 * @param delimiter     one character
 * @param encoding      charset name; a UTF-8 byte-order mark is always accepted and removed
 * @param symbolFromFile regex with a group named {@code symbol}, applied to the file name, when the file holds one symbol
 * @param valueScale    multiplier applied to every numeric field (0.01 for files quoted in percent)
 * @param stopAtBlankLine data ends at the first blank line after the data (a footer follows)
 * @param decimalComma  numbers are written 1.234,50 (decimal comma, dots between thousands)
 */
public record Layout(
        Map<String, List<String>> columns,
        List<String> dateFormats,
        String delimiter,
        String encoding,
        String symbolFromFile,
        Double valueScale,
        Boolean stopAtBlankLine,
        Boolean decimalComma) implements Serializable {

    public Layout {
        if (columns == null || columns.isEmpty()) {
            throw new IllegalArgumentException("layout needs 'columns' (canonical name -> header aliases)");
        }
        columns = Map.copyOf(columns);
        dateFormats = dateFormats == null || dateFormats.isEmpty() ? List.of("yyyy-MM-dd") : List.copyOf(dateFormats);
        delimiter = delimiter == null ? "," : delimiter;
        if (delimiter.length() != 1) {
            throw new IllegalArgumentException("layout delimiter must be one character, got '" + delimiter + "'");
        }
        encoding = encoding == null ? "UTF-8" : encoding;
        valueScale = valueScale == null ? 1.0 : valueScale;
        stopAtBlankLine = stopAtBlankLine != null && stopAtBlankLine;
        decimalComma = decimalComma != null && decimalComma;
        if (decimalComma && ",".equals(delimiter)) throw new IllegalArgumentException("a layout with decimal_comma needs another delimiter than ','");
    }
}
