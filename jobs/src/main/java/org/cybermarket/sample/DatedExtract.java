package org.cybermarket.sample;

import org.cybermarket.config.FactorInput;
import org.cybermarket.config.Layout;
import org.cybermarket.config.MasterInput;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.config.PriceInput;
import org.cybermarket.input.DelimitedFileParser;
import org.cybermarket.input.InputFileException;
import org.cybermarket.input.ParsedLine;
import org.cybermarket.input.TargetSchema;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A dated extract of the input files a config names (the public validation files in {@code ../shared/data/real}),
 * kept in their published layouts: every file is copied line by line, byte for byte (preamble, header, blank lines,
 * footer, line ends, byte-order mark, quirks), and only data rows are cut:
 * <ul>
 *   <li>price and factor files: a data row whose date (read with the file's layout) lies outside [start, end];</li>
 *   <li>security masters, which have no dates: the row of a security none of whose price rows is kept, so the
 *       master lists exactly the securities the extract has prices for.</li>
 * </ul>
 * A line the layout cannot read as a dated row (a row the pipeline would reject) is kept, so the pipeline meets
 * it as it would in the full file. A price or factor file left without data rows is not written (a header-only file
 * is an input error). Plain Java, local folders: it runs without Spark.
 */
public final class DatedExtract {
    private DatedExtract() {}

    /** What became of one file: its path relative to the source folder, its lines and data rows. */
    public record FileResult(String path, long lines, long dataRows, long dataRowsKept, boolean written) {
        /** The file was written whole: nothing in it lay outside the period. */
        public boolean whole() {
            return written && dataRows == dataRowsKept;
        }
    }

    /** One line of a file: its bytes with the line end it had. */
    private record RawLine(int start, int end) {}

    /**
     * Writes the extract of every security master, price file and factor file of {@code cfg} found under
     * {@code from} into the same relative paths under {@code to}. Returns one result per source file, masters last.
     */
    public static List<FileResult> write(PipelineConfig cfg, Path from, Path to, LocalDate start, LocalDate end) {
        if (start.isAfter(end)) throw new IllegalArgumentException("the extract's start " + start + " is after its end " + end);
        List<FileResult> results = new ArrayList<>();
        Set<String> symbolsKept = new HashSet<>();
        for (PriceInput p : cfg.prices()) {
            Layout layout = layout(cfg, p.layout(), p.path());
            for (Path f : files(from, p.path())) {
                results.add(cutByDate(from, to, f, new DelimitedFileParser(layout, TargetSchema.PRICES), TargetSchema.PRICES, start, end, symbolsKept));
            }
        }
        for (FactorInput fi : cfg.factors()) {
            Layout layout = layout(cfg, fi.layout(), fi.path());
            for (Path f : files(from, fi.path())) {
                results.add(cutByDate(from, to, f, new DelimitedFileParser(layout, TargetSchema.FACTORS), TargetSchema.FACTORS, start, end, new HashSet<>()));
            }
        }
        for (MasterInput m : cfg.securities()) {
            // The same reading of the master as ingest's (Ingest: the master's columns as a layout).
            Layout layout = new Layout(m.columns(), null, null, null, null, null, null, null);
            for (Path f : files(from, m.path())) {
                results.add(cutMaster(from, to, f, new DelimitedFileParser(layout, TargetSchema.SECURITIES), symbolsKept));
            }
        }
        return results;
    }

    private static FileResult cutByDate(Path from, Path to, Path file, DelimitedFileParser parser, TargetSchema target,
                                        LocalDate start, LocalDate end, Set<String> symbolsKept) {
        int date = target.fieldNames().indexOf("trade_date");
        int symbol = target.fieldNames().indexOf("symbol");
        return cut(from, to, file, parser, values -> {
            LocalDate d = (LocalDate) values[date];
            boolean keep = !d.isBefore(start) && !d.isAfter(end);
            if (keep && symbol >= 0) symbolsKept.add((String) values[symbol]);
            return keep;
        }, false);
    }

    private static FileResult cutMaster(Path from, Path to, Path file, DelimitedFileParser parser, Set<String> symbolsKept) {
        int symbol = TargetSchema.SECURITIES.fieldNames().indexOf("symbol");
        return cut(from, to, file, parser, values -> symbolsKept.contains((String) values[symbol]), true);
    }

    /**
     * Copies the lines of {@code file} whose parsed row {@code keep} accepts, and every line that is not a readable
     * data row. Writes nothing when no data row is kept, unless {@code writeEmpty}.
     */
    private static FileResult cut(Path from, Path to, Path file, DelimitedFileParser parser,
                                  java.util.function.Predicate<Object[]> keep, boolean writeEmpty) {
        String rel = from.relativize(file).toString();
        byte[] bytes = read(file);
        List<ParsedLine> parsed = parser.parse(file.toString(), bytes);
        List<RawLine> raw = lines(bytes);
        if (raw.size() != parsed.size()) { // the parser and this split must agree line for line, or bytes would shift
            throw new InputFileException(file.toString(), "split into " + raw.size() + " lines here but " + parsed.size() + " by the parser");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        long data = 0;
        long kept = 0;
        for (int i = 0; i < raw.size(); i++) {
            ParsedLine line = parsed.get(i);
            boolean isData = line.kind() == ParsedLine.Kind.DATA;
            boolean readable = isData && line.values() != null;
            if (isData) data++;
            if (readable && !keep.test(line.values())) continue;
            if (isData) kept++;
            out.write(bytes, raw.get(i).start(), raw.get(i).end() - raw.get(i).start());
        }
        boolean write = kept > 0 || writeEmpty;
        if (write) {
            Path target = to.resolve(rel);
            try {
                Files.createDirectories(target.getParent());
                Files.write(target, out.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + target + ": " + e.getMessage(), e);
            }
        }
        return new FileResult(rel, raw.size(), data, kept, write);
    }

    /**
     * The physical lines of a file, each with its own line end ({@code \r\n}, {@code \n} or {@code \r}, as
     * {@link DelimitedFileParser} splits them); a last line without a line end is a line too.
     */
    static List<RawLine> lines(byte[] b) {
        List<RawLine> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n' || b[i] == '\r') {
                int end = b[i] == '\r' && i + 1 < b.length && b[i + 1] == '\n' ? i + 2 : i + 1;
                out.add(new RawLine(start, end));
                start = end;
                i = end - 1;
            }
        }
        if (start < b.length) out.add(new RawLine(start, b.length));
        return out;
    }

    private static Layout layout(PipelineConfig cfg, String name, String path) {
        Layout layout = cfg.layouts().get(name);
        if (layout == null) throw new IllegalArgumentException(path + ": the extract reads delimited files only, not layout '" + name + "'");
        return layout;
    }

    /** The files under {@code from} that a configured path or glob names, sorted. */
    static List<Path> files(Path from, String glob) {
        if (glob.startsWith("/") || glob.contains("://")) throw new IllegalArgumentException("the extract reads paths relative to its source folder, not " + glob);
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> s = Files.walk(from)) {
            List<Path> found = s.filter(Files::isRegularFile).filter(p -> matcher.matches(from.relativize(p))).sorted().toList();
            if (found.isEmpty()) throw new InputFileException(from.resolve(glob).toString(), "no input file matches this path");
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + from + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputFileException(file.toString(), "cannot read: " + e.getMessage());
        }
    }
}
