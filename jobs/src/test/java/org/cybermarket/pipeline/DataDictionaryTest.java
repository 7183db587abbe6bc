package org.cybermarket.pipeline;

import org.apache.spark.sql.types.StructField;
import org.cybermarket.store.Snapshot;
import org.cybermarket.testing.SampleRun;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/data-dictionary.md lists exactly the datasets and columns (with types) that the pipeline writes. */
class DataDictionaryTest {
    private static final Pattern SECTION = Pattern.compile("^## `([a-z0-9_]+)`$");
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9_]+)` \\| ([^|]+) \\| (.+) \\|$");

    static Map<String, List<String>> documented(Path file) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        String current = null;
        for (String line : Files.readAllLines(file)) {
            Matcher s = SECTION.matcher(line);
            if (s.matches()) {
                current = s.group(1);
                out.put(current, new ArrayList<>());
                continue;
            }
            Matcher r = ROW.matcher(line);
            if (r.matches() && current != null) {
                assertTrue(r.group(3).strip().length() > 3, current + "." + r.group(1) + " needs a meaning");
                out.get(current).add(r.group(1) + " " + r.group(2).strip());
            }
        }
        return out;
    }

    /** What differs between the written datasets and the dictionary; empty when they agree. */
    static List<String> differences(Map<String, List<String>> written, Map<String, List<String>> doc) {
        List<String> out = new ArrayList<>();
        for (String name : written.keySet()) {
            if (!doc.containsKey(name)) out.add("dataset " + name + " is not documented");
            else if (!written.get(name).equals(doc.get(name))) out.add(name + ": written " + written.get(name) + " but documented " + doc.get(name));
        }
        for (String name : doc.keySet()) if (!written.containsKey(name)) out.add("dataset " + name + " is documented but not written");
        return out;
    }

    static Map<String, List<String>> written() throws Exception {
        Snapshot store = Snapshot.current(SparkTest.spark(), SampleRun.output().toString());
        Map<String, List<String>> written = new TreeMap<>();
        for (String name : store.datasets()) {
            List<String> cols = new ArrayList<>();
            for (StructField f : store.read(name).schema().fields()) cols.add(f.name() + " " + f.dataType().simpleString());
            written.put(name, cols);
        }
        return written;
    }

    @Test
    void everyWrittenColumnIsDocumentedWithItsTypeAndNothingElse() throws Exception {
        Map<String, List<String>> written = written();
        assertEquals(List.of(), differences(written, documented(SparkTest.projectRoot().resolve("docs/data-dictionary.md"))));
        assertEquals(DatasetContract.SCHEMA_VERSIONS.keySet().stream().sorted().toList(), new ArrayList<>(written.keySet()),
                "every dataset has a schema version");
    }

    @Test
    void aColumnMissingFromTheDictionaryIsReported() throws Exception {
        Path doc = Files.createTempFile("dictionary", ".md");
        String text = Files.readString(SparkTest.projectRoot().resolve("docs/data-dictionary.md"));
        String row = "| `log_return` | double | ln(P_t / P_prev) |\n";
        assertTrue(text.contains(row));
        Files.writeString(doc, text.replace(row, ""));
        List<String> problems = differences(written(), documented(doc));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("returns: written"), problems.get(0));
    }
}
