package org.cybermarket.cli;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.io.CsvExport;
import org.cybermarket.input.InputFileException;
import org.cybermarket.io.SparkSessions;
import org.cybermarket.store.OutputRoot;
import org.cybermarket.store.Snapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * SQL over the published outputs: every dataset of the current snapshot is a view named after it. Queries only
 * ({@link ReadOnlySql}); they can read any file the user can read, and write only the export asked for.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run a read-only SQL query over the published datasets (each a view named after it).",
                "Only queries are run (SELECT, WITH, VALUES, TABLE): no DDL, DML, SET or INSERT ... DIRECTORY."})
final class QueryCommand implements Callable<Integer> {
    /** Marks a folder written by --parquet, so that a later export may replace it (and nothing else). */
    static final String EXPORT_MARKER = ".cybermarket-export";

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SQL", description = "The query (or use --file).")
    String sql;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the query from a file.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Output root to query (default: ${DEFAULT-VALUE}).")
    String root;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the result as CSV (RFC 4180; formula-like cells neutralised).")
    Path csv;

    @Option(names = "--parquet", paramLabel = "DIR", description = "Write the result as Parquet into a new folder (or one an earlier --parquet wrote).")
    Path parquet;

    @Option(names = "--overwrite", description = "Let --csv replace an existing file.")
    boolean overwrite;

    @Option(names = "--limit", defaultValue = "50", description = "Rows to print (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Mixin
    SparkConfOption conf;

    @Override
    public Integer call() throws Exception {
        if ((sql == null) == (file == null)) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give the SQL query or --file, not both or neither");
        String statement = sql != null ? sql : Files.readString(file);
        checkExportTargets();
        SparkSession spark = SparkSessions.create(master, conf.map(spec.commandLine()));
        ReadOnlySql.check(spark, statement);
        OutputRoot r = OutputRoot.forReading(root, spark.sparkContext().hadoopConfiguration());
        if (r.currentId() == null) throw new InputFileException(r.location(), "nothing has been published here yet: run the pipeline first");
        String id = "query-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        // Registered as a reader: the snapshot it reads is kept until the query ends, even if runs publish meanwhile.
        try (OutputRoot.Registration reg = r.admit(id, "query", OutputRoot.Mode.READ, null, System.err::println)) {
            Snapshot snapshot = r.snapshot(spark, reg.base());
            for (String name : snapshot.datasets()) snapshot.read(name).createOrReplaceTempView(name);
            Dataset<Row> result = spark.sql(statement);
            if (csv != null) {
                long n = CsvExport.write(result, csv);
                System.out.println("wrote " + n + " rows to " + csv);
            } else if (parquet != null) {
                writeParquet(result);
                System.out.println("wrote " + parquet);
            } else {
                System.out.print(TerminalTable.render(result, limit));
            }
        }
        return 0;
    }

    /** Export targets never replace what the user wrote, and never write into an output root. */
    private void checkExportTargets() {
        for (Path target : new Path[]{csv, parquet}) {
            if (target == null) continue;
            if (OutputRoot.isLocal(root)) {
                try {
                    OutputRoot.checkApart(target.toString(), List.of(root));
                } catch (InputFileException e) {
                    throw new InputFileException(target.toString(), "an export cannot be written inside an output root, nor contain one");
                }
            }
        }
        if (csv != null) {
            if (Files.isDirectory(csv)) throw new InputFileException(csv.toString(), "is a folder; --csv writes a file");
            if (Files.exists(csv) && !overwrite) throw new InputFileException(csv.toString(), "exists; add --overwrite to replace it");
        }
        if (parquet != null && Files.exists(parquet)) {
            if (!Files.isDirectory(parquet)) throw new InputFileException(parquet.toString(), "is a file; --parquet writes a folder");
            try (Stream<Path> s = Files.list(parquet)) {
                List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
                if (!names.isEmpty() && !names.contains(EXPORT_MARKER)) {
                    throw new InputFileException(parquet.toString(), "holds files cybermarket did not write (" + String.join(", ", names.subList(0, Math.min(3, names.size())))
                            + (names.size() > 3 ? ", ..." : "") + "); give --parquet a new or empty folder");
                }
            } catch (IOException e) {
                throw new InputFileException(parquet.toString(), "cannot list: " + e.getMessage());
            }
        }
    }

    /** Written beside the target and moved into place, so a reader never sees half an export. */
    private void writeParquet(Dataset<Row> result) throws IOException {
        Path target = parquet.toAbsolutePath().normalize();
        String unique = ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + unique);
        result.write().parquet(tmp.toString());
        Files.writeString(tmp.resolve(EXPORT_MARKER), "written by cybermarket query --parquet; a later export may replace this folder\n");
        Path old = target.resolveSibling("." + target.getFileName() + ".old-" + unique);
        if (Files.exists(target)) Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        if (Files.exists(old)) {
            try (Stream<Path> s = Files.walk(old)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    /** A query result as a text table for a terminal: control characters from the data are shown escaped, never sent. */
    static final class TerminalTable {
        private TerminalTable() {}

        static String render(Dataset<Row> df, int limit) {
            String[] cols = df.columns();
            List<Row> rows = df.takeAsList(limit + 1);
            boolean more = rows.size() > limit;
            if (more) rows = rows.subList(0, limit);
            List<String[]> cells = new ArrayList<>();
            String[] header = new String[cols.length];
            for (int i = 0; i < cols.length; i++) header[i] = safe(cols[i]);
            cells.add(header);
            for (Row r : rows) {
                String[] line = new String[cols.length];
                for (int i = 0; i < cols.length; i++) line[i] = r.isNullAt(i) ? "null" : safe(String.valueOf(r.get(i)));
                cells.add(line);
            }
            int[] width = new int[cols.length];
            for (String[] line : cells) for (int i = 0; i < line.length; i++) width[i] = Math.max(width[i], line[i].length());
            StringBuilder sep = new StringBuilder("+");
            for (int w : width) sep.append("-".repeat(w + 2)).append('+');
            StringBuilder b = new StringBuilder(sep).append('\n');
            for (int k = 0; k < cells.size(); k++) {
                b.append('|');
                for (int i = 0; i < cols.length; i++) {
                    String c = cells.get(k)[i];
                    b.append(' ').append(k == 0 ? c + " ".repeat(width[i] - c.length()) : " ".repeat(width[i] - c.length()) + c).append(" |");
                }
                b.append('\n');
                if (k == 0) b.append(sep).append('\n');
            }
            b.append(sep).append('\n');
            b.append(more ? "first " + limit + " rows (--limit N for more)\n" : rows.size() + " row" + (rows.size() == 1 ? "" : "s") + "\n");
            return b.toString();
        }

        /** C0 and C1 control characters and DEL shown as \\xNN: a name cannot move the cursor or recolour the terminal. */
        static String safe(String s) {
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) b.append(String.format("\\x%02x", (int) c));
                else b.append(c);
            }
            return b.toString();
        }
    }
}
