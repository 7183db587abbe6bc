package org.cybermarket.input;

import org.cybermarket.config.Layout;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one delimited file, described by a {@link Layout}, into canonical values. Plain Java: no Spark,
 * so the rules are unit-testable line by line. Columns are found by header name (aliases, case-insensitive),
 * never by position; lines before the header are preamble; with {@code stopAtBlankLine} everything after
 * the first blank line that follows data is footer.
 */
public final class DelimitedFileParser {
    /** Date "format" that reads Excel serial day numbers (1900 date system). */
    public static final String EXCEL_SERIAL = "excel_serial";
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final Pattern THOUSANDS = Pattern.compile("^[+-]?\\d{1,3}(,\\d{3})+(\\.\\d+)?$");
    private static final Pattern THOUSANDS_DOT = Pattern.compile("^[+-]?\\d{1,3}(\\.\\d{3})+(,\\d+)?$");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("^[+-]?\\d+(,\\d+)?$");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("^[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?$");

    private final Layout layout;
    private final TargetSchema target;
    private final List<String> fieldNames;
    private final List<DateTimeFormatter> formatters = new ArrayList<>();
    private final boolean excelSerial;
    private final Pattern symbolPattern;
    private final char delimiter;

    public DelimitedFileParser(Layout layout, TargetSchema target) {
        this.layout = layout;
        this.target = target;
        this.fieldNames = target.fieldNames();
        boolean serial = false;
        for (String f : layout.dateFormats()) {
            if (EXCEL_SERIAL.equals(f)) {
                serial = true;
            } else {
                formatters.add(DateTimeFormatter.ofPattern(f.replace("yyyy", "uuuu"), Locale.ROOT)
                        .withResolverStyle(ResolverStyle.STRICT));
            }
        }
        this.excelSerial = serial;
        this.symbolPattern = layout.symbolFromFile() == null ? null : Pattern.compile(layout.symbolFromFile());
        this.delimiter = layout.delimiter().charAt(0);
        for (String field : layout.columns().keySet()) {
            if (!target.fields().containsKey(field)) {
                throw new IllegalArgumentException("layout maps unknown field '" + field + "' for " + target.name()
                        + " (known: " + fieldNames + ")");
            }
        }
    }

    /**
     * Parses a whole file: one {@link ParsedLine} per physical line. Throws {@link InputFileException} for problems that
     * concern the whole file. Lines outside the data block are checked by rule: a preamble or footer line that parses as
     * a data row under the header is a reject ({@code ROW_OUTSIDE_DATA_BLOCK}), a line before the header that looks like
     * a header but does not match the layout is named ({@code HEADER_MISMATCH}), and a last line cut short without a
     * final newline is {@code TRUNCATED_LAST_LINE}.
     */
    public List<ParsedLine> parse(String fileName, byte[] bytes) {
        String text = decode(fileName, bytes);
        if (text.isBlank()) throw new InputFileException(fileName, "empty file (no header, no rows)");
        String[] lines = text.split("\r\n|\n|\r", -1);
        int count = lines.length;
        boolean endsWithNewline = count > 0 && lines[count - 1].isEmpty();
        if (endsWithNewline) count--; // the final newline ends the last line

        String fileSymbol = symbolFromFileName(fileName);
        int headerIndex = -1;
        int[] positions = null;
        List<String> headerCells = null;
        for (int i = 0; i < count && headerIndex < 0; i++) {
            List<String> cells = split(stripBom(lines[i]));
            if (cells == null) continue;
            int[] found = locate(cells);
            if (found != null && hasRequired(found, fileSymbol != null)) {
                headerIndex = i;
                positions = found;
                headerCells = cells;
            }
        }
        if (headerIndex < 0) {
            throw new InputFileException(fileName, "no header line with the required columns " + describeRequired(fileSymbol != null)
                    + "; " + closestHeader(lines, count, fileSymbol != null));
        }
        Block block = new Block(headerIndex + 1, positions, headerCells, fileSymbol);
        List<ParsedLine> out = new ArrayList<>(count);
        for (int i = 0; i < headerIndex; i++) {
            out.add(outsideData(i + 1, lines[i], ParsedLine.Kind.PREAMBLE, block, true));
        }
        out.add(new ParsedLine(headerIndex + 1, ParsedLine.Kind.HEADER, lines[headerIndex], null, null, null));
        boolean footer = false;
        boolean sawData = false;
        String headerNormalized = normalizeHeader(lines[headerIndex]);
        for (int i = headerIndex + 1; i < count; i++) {
            String line = lines[i];
            long number = i + 1;
            if (footer) {
                out.add(outsideData(number, line, ParsedLine.Kind.FOOTER, block, false));
            } else if (line.isBlank()) {
                out.add(new ParsedLine(number, ParsedLine.Kind.BLANK, line, null, null, null));
                if (sawData && layout.stopAtBlankLine()) footer = true;
            } else {
                sawData = true;
                if (normalizeHeader(line).equals(headerNormalized)) {
                    out.add(reject(number, line, RejectReason.REPEATED_HEADER, "the header line appears again inside the data"
                            + (line.charAt(0) == BOM ? " (after a byte-order mark: two files joined?)" : "")));
                } else {
                    out.add(parseRow(number, line, block));
                }
            }
        }
        if (!sawData) throw new InputFileException(fileName, "header only: no data rows after line " + (headerIndex + 1));
        if (!endsWithNewline) markTruncatedLastLine(out);
        if (!target.scaledReturns().isEmpty()) ReturnScale.check(fileName, out, target, layout);
        return out;
    }

    /** The header found in a file: where it is, the position of each canonical field, its cells, and the file's symbol. */
    private record Block(long headerLine, int[] positions, List<String> headerCells, String fileSymbol) {}

    private static final char BOM = '\uFEFF';

    private static String stripBom(String line) {
        return !line.isEmpty() && line.charAt(0) == BOM ? line.substring(1) : line;
    }

    /**
     * A line before the header or after the data: blank, a data row in the wrong place (a reject, so that it is seen),
     * a header-like line that does not match (named), or text.
     */
    private ParsedLine outsideData(long number, String line, ParsedLine.Kind kind, Block block, boolean beforeHeader) {
        if (line.isBlank()) return new ParsedLine(number, ParsedLine.Kind.BLANK, line, null, null, null);
        String where = beforeHeader ? "before the header (line " + block.headerLine() + ")"
                : "after the end of the data (a blank line ends the data in this layout)";
        ParsedLine row = parseRow(number, line, block);
        if (row.reason() == null || VALUE_LEVEL.contains(row.reason())) {
            return reject(number, line, RejectReason.ROW_OUTSIDE_DATA_BLOCK, "a data row " + where + ", not read as data"
                    + (row.reason() == null ? "" : " (and " + row.reason() + ": " + row.detail() + ")"), row.values());
        }
        if (beforeHeader) {
            String mismatch = headerMismatch(line, block);
            if (mismatch != null) return reject(number, line, RejectReason.HEADER_MISMATCH, mismatch);
        }
        return new ParsedLine(number, kind, line, null, null, null);
    }

    /** Reasons of a line shaped like a data row (its key fields parse) with a bad value: such a line is still a row. */
    private static final Set<RejectReason> VALUE_LEVEL = EnumSet.of(RejectReason.INVALID_NUMBER, RejectReason.MISSING_PRICE,
            RejectReason.NON_POSITIVE_PRICE, RejectReason.HIGH_BELOW_LOW, RejectReason.PRICE_OUTSIDE_HIGH_LOW, RejectReason.NEGATIVE_VOLUME);

    /** Reasons a line cut off inside gets. */
    private static final Set<RejectReason> CUT = EnumSet.of(RejectReason.WRONG_FIELD_COUNT, RejectReason.UNBALANCED_QUOTE,
            RejectReason.INVALID_NUMBER, RejectReason.UNPARSEABLE_DATE);

    /**
     * A line with as many fields as the header and at least two cells that name layout columns, but which is not the
     * header: the cells that differ from the header, or null when the line does not look like a header.
     */
    private String headerMismatch(String line, Block block) {
        List<String> cells = split(stripBom(line));
        if (cells == null || cells.size() != block.headerCells().size() || matchedFields(cells) < 2) return null;
        List<String> diffs = new ArrayList<>();
        for (int c = 0; c < cells.size(); c++) {
            String have = cells.get(c).trim();
            String want = block.headerCells().get(c).trim();
            if (!have.equalsIgnoreCase(want)) diffs.add("'" + have + "' where the header has '" + want + "'" + fieldOf(c, block));
        }
        return "a header-like line before the header (line " + block.headerLine() + ") that does not match the layout: "
                + String.join("; ", diffs) + "; the rows under it are not read as data";
    }

    private String fieldOf(int column, Block block) {
        for (int f = 0; f < fieldNames.size(); f++) {
            if (block.positions()[f] == column) return " (" + fieldNames.get(f) + " " + layout.columns().get(fieldNames.get(f)) + ")";
        }
        return "";
    }

    private int matchedFields(List<String> cells) {
        int[] found = locate(cells);
        int n = 0;
        if (found != null) for (int p : found) if (p >= 0) n++;
        return n;
    }

    /** For the no-header error: the line that comes closest to a header, and what it lacks. */
    private String closestHeader(String[] lines, int count, boolean symbolFromFile) {
        int best = -1;
        int bestMatched = 1;
        for (int i = 0; i < count; i++) {
            List<String> cells = split(stripBom(lines[i]));
            if (cells == null) continue;
            int n = matchedFields(cells);
            if (n > bestMatched) {
                best = i;
                bestMatched = n;
            }
        }
        if (best < 0) return "first line is '" + abbreviate(count > 0 ? lines[0] : "") + "'";
        List<String> cells = split(stripBom(lines[best]));
        int[] found = locate(cells);
        List<String> missing = new ArrayList<>();
        for (int f = 0; f < fieldNames.size(); f++) {
            String name = fieldNames.get(f);
            boolean required = target.required().contains(name) && !("symbol".equals(name) && symbolFromFile);
            if (required && found[f] < 0) missing.add(name + " " + layout.columns().getOrDefault(name, List.of("(no alias configured)")));
        }
        for (var group : target.requiredAnyOf()) {
            if (group.stream().allMatch(g -> found[fieldNames.indexOf(g)] < 0)) missing.add("one of " + group.stream().sorted().toList());
        }
        List<String> unmatched = new ArrayList<>();
        for (int c = 0; c < cells.size(); c++) {
            boolean used = false;
            for (int p : found) used |= p == c;
            if (!used && !cells.get(c).isBlank()) unmatched.add("'" + cells.get(c).trim() + "'");
        }
        return "line " + (best + 1) + " comes closest but lacks " + String.join(", ", missing)
                + (unmatched.isEmpty() ? "" : "; its other cells are " + String.join(", ", unmatched));
    }

    /**
     * A file that does not end with a newline may have been cut off. Its last line is a reject when it is a data row
     * that is malformed or shorter than every other data row of the file (a cut inside the last field still parses:
     * {@code ...,934500,27} for {@code ...,934500,273.72}).
     */
    private static void markTruncatedLastLine(List<ParsedLine> out) {
        int last = out.size() - 1;
        ParsedLine l = out.get(last);
        if (l.kind() != ParsedLine.Kind.DATA || l.reason() == RejectReason.ROW_OUTSIDE_DATA_BLOCK) return;
        int shortest = Integer.MAX_VALUE;
        for (int i = 0; i < last; i++) {
            ParsedLine o = out.get(i);
            if (o.kind() == ParsedLine.Kind.DATA && o.reason() == null) shortest = Math.min(shortest, o.raw().length());
        }
        boolean malformed = l.reason() != null && CUT.contains(l.reason());
        boolean short_ = shortest != Integer.MAX_VALUE && l.raw().length() < shortest;
        if (malformed || short_) {
            out.set(last, reject(l.lineNumber(), l.raw(), RejectReason.TRUNCATED_LAST_LINE, "the file ends inside this line, without a newline: "
                    + (malformed ? l.detail() : l.raw().length() + " characters where every other data row has at least " + shortest)
                    + " (file cut off?)", l.values()));
        }
    }

    private ParsedLine parseRow(long number, String rawLine, Block block) {
        String line = stripBom(rawLine);
        List<String> cells = split(line);
        if (cells == null) return reject(number, rawLine, RejectReason.UNBALANCED_QUOTE, "a quoted field is not closed");
        int headerSize = block.headerCells().size();
        if (cells.size() != headerSize) {
            return reject(number, rawLine, RejectReason.WRONG_FIELD_COUNT,
                    "expected " + headerSize + " fields separated by '" + delimiter + "', found " + cells.size());
        }
        Object[] values = new Object[fieldNames.size()];
        for (int f = 0; f < fieldNames.size(); f++) {
            String name = fieldNames.get(f);
            String cell = block.positions()[f] >= 0 ? cells.get(block.positions()[f]).trim() : null;
            if ("symbol".equals(name) && cell == null) cell = block.fileSymbol();
            if (cell == null) continue;
            switch (target.fields().get(name)) {
                case STRING -> values[f] = cell.isEmpty() ? null : cell;
                case DATE -> {
                    LocalDate d = parseDate(cell);
                    if (d == null) return reject(number, rawLine, RejectReason.UNPARSEABLE_DATE,
                            name + " '" + cell + "' matches none of " + layout.dateFormats());
                    values[f] = d;
                }
                case DOUBLE -> {
                    if (isMissing(cell)) continue;
                    Double v = parseNumber(layout.decimalComma() ? fromDecimalComma(cell) : cell);
                    if (v == null) return reject(number, rawLine, RejectReason.INVALID_NUMBER, name + " '" + cell + "' is not a finite number", values);
                    values[f] = v * layout.valueScale();
                }
                default -> throw new IllegalStateException();
            }
        }
        return validate(number, rawLine, values);
    }

    private ParsedLine validate(long number, String line, Object[] values) {
        return validate(target, number, line, values);
    }

    /**
     * The row rules every input obeys, whatever its format (the Parquet reader calls this too): symbol present
     * and normalised, required fields, no missing, zero or negative price, high not below low, open, close (and an
     * adjusted close that stands alone) within [low, high], no negative volume. A rejected row keeps the values it has,
     * so that later rules (the as-of date) can still see its date.
     */
    public static ParsedLine validate(TargetSchema target, long number, String line, Object[] values) {
        List<String> fieldNames = target.fieldNames();
        Map<String, Object> byName = new HashMap<>();
        for (int f = 0; f < fieldNames.size(); f++) byName.put(fieldNames.get(f), values[f]);
        if (target.fields().containsKey("symbol")) {
            Object s = byName.get("symbol");
            if (s == null || ((String) s).isBlank()) return reject(number, line, RejectReason.MISSING_SYMBOL, "no symbol in the row or the file name", values);
            int idx = fieldNames.indexOf("symbol");
            values[idx] = ((String) s).trim().toUpperCase(Locale.ROOT);
        }
        for (String req : target.required()) {
            if (byName.get(req) == null && target.fields().get(req) != FieldType.STRING) {
                RejectReason reason = target.prices().contains(req) ? RejectReason.MISSING_PRICE : RejectReason.INVALID_NUMBER;
                if (target.fields().get(req) == FieldType.DATE) reason = RejectReason.UNPARSEABLE_DATE;
                return reject(number, line, reason, req + " is missing", values);
            }
        }
        if (target.fields().containsKey("industry") && byName.get("industry") == null) {
            return reject(number, line, RejectReason.MISSING_INDUSTRY, "industry is empty", values);
        }
        for (var group : target.requiredAnyOf()) {
            if (group.stream().allMatch(g -> byName.get(g) == null)) {
                return reject(number, line, RejectReason.MISSING_PRICE, "none of " + group.stream().sorted().toList() + " has a value", values);
            }
        }
        for (String p : target.prices()) {
            Object v = byName.get(p);
            if (v != null && (Double) v <= 0) return reject(number, line, RejectReason.NON_POSITIVE_PRICE, p + " is " + v, values);
        }
        Double high = (Double) byName.get("high_price");
        Double low = (Double) byName.get("low_price");
        if (high != null && low != null) {
            if (high < low) return reject(number, line, RejectReason.HIGH_BELOW_LOW, "high_price " + high + " < low_price " + low, values);
            // An adjusted close is on another basis than an unadjusted high and low (a dividend puts it below the low), so
            // it is checked only where it is the row's only close.
            List<String> inside = byName.get("close_price") == null ? List.of("open_price", "adj_close_price") : List.of("open_price", "close_price");
            for (String p : inside) {
                Double v = (Double) byName.get(p);
                if (v != null && (v < low || v > high)) {
                    return reject(number, line, RejectReason.PRICE_OUTSIDE_HIGH_LOW, p + " " + v + " outside [low_price " + low + ", high_price " + high + "]", values);
                }
            }
        }
        Object volume = byName.get("volume");
        if (volume != null && (Double) volume < 0) return reject(number, line, RejectReason.NEGATIVE_VOLUME, "volume is " + volume, values);
        return new ParsedLine(number, ParsedLine.Kind.DATA, line, null, null, values);
    }

    private static ParsedLine reject(long number, String line, RejectReason reason, String detail) {
        return reject(number, line, reason, detail, null);
    }

    private static ParsedLine reject(long number, String line, RejectReason reason, String detail, Object[] values) {
        return new ParsedLine(number, ParsedLine.Kind.DATA, line, reason, detail, values);
    }

    LocalDate parseDate(String cell) {
        for (DateTimeFormatter f : formatters) {
            try {
                return LocalDate.parse(cell, f);
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        if (excelSerial && cell.matches("\\d{1,6}(\\.0+)?")) {
            long serial = (long) Double.parseDouble(cell);
            if (serial > 60) return EXCEL_EPOCH.plusDays(serial); // serials up to 60 hit Excel's fictitious 1900-02-29
        }
        return null;
    }

    static boolean isMissing(String cell) {
        return cell.isEmpty() || cell.equals("-") || cell.equals("--") || cell.equalsIgnoreCase("null")
                || cell.equalsIgnoreCase("n/a") || cell.equalsIgnoreCase("na");
    }

    /** A finite number, with thousands separators allowed only in their proper places; NaN and infinities are not numbers here. */
    static Double parseNumber(String cell) {
        String c = cell;
        if (THOUSANDS.matcher(c).matches()) c = c.replace(",", "");
        if (!PLAIN_NUMBER.matcher(c).matches()) return null;
        double v = Double.parseDouble(c);
        return Double.isFinite(v) ? v : null;
    }

    /** 1.234,50 -> 1234.50 and 10,5 -> 10.5; anything else is left for parseNumber to refuse. */
    static String fromDecimalComma(String cell) {
        if (THOUSANDS_DOT.matcher(cell).matches()) return cell.replace(".", "").replace(',', '.');
        if (DECIMAL_COMMA.matcher(cell).matches()) return cell.replace(',', '.');
        return cell.contains(",") || cell.contains(".") ? "not a number: " + cell : cell;
    }

    private String symbolFromFileName(String fileName) {
        if (symbolPattern == null) return null;
        String base = fileName.substring(fileName.lastIndexOf('/') + 1);
        Matcher m = symbolPattern.matcher(base);
        if (!m.find()) throw new InputFileException(fileName, "file name does not match symbol_from_file '" + symbolPattern + "'");
        return m.group("symbol");
    }

    /** Column position per canonical field, or -1; null when a field's aliases match two columns. */
    private int[] locate(List<String> cells) {
        int[] pos = new int[fieldNames.size()];
        for (int f = 0; f < fieldNames.size(); f++) {
            pos[f] = -1;
            List<String> aliases = layout.columns().get(fieldNames.get(f));
            if (aliases == null) continue;
            for (int c = 0; c < cells.size(); c++) {
                String cell = cells.get(c).trim();
                for (String alias : aliases) {
                    if (cell.equalsIgnoreCase(alias.trim())) {
                        if (pos[f] >= 0 && pos[f] != c) return null;
                        pos[f] = c;
                    }
                }
            }
        }
        return pos;
    }

    private boolean hasRequired(int[] pos, boolean symbolFromFile) {
        for (int f = 0; f < fieldNames.size(); f++) {
            String name = fieldNames.get(f);
            if (target.required().contains(name) && pos[f] < 0 && !("symbol".equals(name) && symbolFromFile)) return false;
        }
        for (var group : target.requiredAnyOf()) {
            boolean any = false;
            for (String g : group) any |= pos[fieldNames.indexOf(g)] >= 0;
            if (!any) return false;
        }
        return true;
    }

    private String describeRequired(boolean symbolFromFile) {
        List<String> parts = new ArrayList<>();
        for (String name : fieldNames) {
            if (target.required().contains(name) && !("symbol".equals(name) && symbolFromFile)) {
                parts.add(name + " " + layout.columns().getOrDefault(name, List.of("(no alias configured)")));
            }
        }
        for (var group : target.requiredAnyOf()) {
            List<String> alts = new ArrayList<>();
            for (String g : group.stream().sorted().toList()) alts.add(g + " " + layout.columns().getOrDefault(g, List.of()));
            parts.add("one of " + alts);
        }
        return String.join(", ", parts);
    }

    private String normalizeHeader(String line) {
        return stripBom(line).replace("\"", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /** Splits one line on the delimiter with RFC 4180 quotes; null when a quote is left open. */
    List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delimiter) {
                cells.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) return null;
        cells.add(cur.toString());
        return cells;
    }

    private String decode(String fileName, byte[] bytes) {
        Charset charset = Charset.forName(layout.encoding());
        int start = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            if (!charset.equals(StandardCharsets.UTF_8)) {
                throw new InputFileException(fileName, "starts with a UTF-8 byte-order mark but the layout says " + charset);
            }
            start = 3;
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate((int) ((bytes.length - start) * (double) decoder.maxCharsPerByte()) + 16);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = start; i < offset; i++) if (bytes[i] == '\n') line++;
            throw new InputFileException(fileName, "line " + line + ": bytes at offset " + offset + " are not valid " + charset
                    + " (mixed or wrong encoding; set the layout's 'encoding')");
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
