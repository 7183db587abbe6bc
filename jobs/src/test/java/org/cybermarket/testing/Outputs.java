package org.cybermarket.testing;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Copying output roots and comparing datasets row for row. */
public final class Outputs {
    private Outputs() {}

    /**
     * Where a dataset of an output root is, for readers that take a path (Spark, DuckDB). Every test reads outputs
     * through here or through {@link org.cybermarket.store.OutputStore}, so the root's layout is written down once.
     */
    public static String dataset(Path root, String name) {
        return current(root).resolve(name).toString();
    }

    /** The manifest that describes what an output root shows. */
    public static Path manifest(Path root) {
        return current(root).resolve("_manifest.json");
    }

    /** The folder of the HTML report of an output root. */
    public static Path report(Path root) {
        return current(root).resolve("report");
    }

    /** The snapshot folder readers of an output root see now (the target of its {@code current} link). */
    public static Path current(Path root) {
        try {
            return root.resolve(Files.readSymbolicLink(root.resolve("current"))).normalize();
        } catch (java.io.IOException e) {
            throw new AssertionError(root + " has no published snapshot (no current link)", e);
        }
    }

    /** Copies an output root as it is: symbolic links (the current snapshot) stay links. */
    public static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isSymbolicLink(p)) Files.createSymbolicLink(t, Files.readSymbolicLink(p));
                else if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    public static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }

    /** Every row of a dataset as text, sorted: two datasets are equal when these lists are. */
    public static List<String> rows(Dataset<Row> df) {
        List<String> out = new ArrayList<>();
        String[] cols = df.columns().clone();
        java.util.Arrays.sort(cols);
        for (Row r : df.selectExpr(cols).collectAsList()) out.add(r.toString());
        out.sort(String::compareTo);
        return out;
    }

    public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual, String what) {
        assertEquals(rows(expected), rows(actual), what);
    }

    /**
     * Same rows, where every non-floating cell is identical and floating cells agree to {@code tol} times
     * max(1, |value|): Spark adds in partition order, so sums over many rows can differ in the last bits when the
     * partitioning differs (and a statistic near zero is a difference of larger sums, hence the absolute floor).
     */
    public static void assertSameRowsWithin(Dataset<Row> expected, Dataset<Row> actual, double relTol, String what) {
        java.util.Map<String, List<Double>> e = keyed(expected), a = keyed(actual);
        assertEquals(e.keySet(), a.keySet(), what + ": the same rows by every non-floating column");
        for (String k : e.keySet()) {
            List<Double> x = e.get(k), y = a.get(k);
            for (int i = 0; i < x.size(); i++) {
                Double u = x.get(i), v = y.get(i);
                if (u == null || v == null || u.isNaN() || v.isNaN()) {
                    assertEquals(String.valueOf(u), String.valueOf(v), what + " " + k);
                } else {
                    assertEquals(u, v, relTol * Math.max(1, Math.max(Math.abs(u), Math.abs(v))), what + " " + k + " cell " + i);
                }
            }
        }
    }

    private static java.util.Map<String, List<Double>> keyed(Dataset<Row> df) {
        String[] cols = df.columns().clone();
        java.util.Arrays.sort(cols);
        java.util.Map<String, List<Double>> out = new java.util.TreeMap<>();
        for (Row r : df.selectExpr(cols).collectAsList()) {
            StringBuilder key = new StringBuilder();
            List<Double> nums = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                Object o = r.get(i);
                if (o instanceof Double d) nums.add(d);
                else if (o == null && r.schema().fields()[i].dataType() instanceof org.apache.spark.sql.types.DoubleType) nums.add(null);
                else key.append(o).append('|');
            }
            List<Double> prev = out.put(key.toString(), nums);
            if (prev != null) throw new AssertionError("rows are not unique by their non-floating columns: " + key);
        }
        return out;
    }
}
