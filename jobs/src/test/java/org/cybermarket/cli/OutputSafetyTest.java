package org.cybermarket.cli;

import org.cybermarket.testing.Cli;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.SampleRun;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The tool deletes or replaces only what it wrote (issue 19): output roots apart from the inputs, folders holding
 * other files refused, queries that only read, exports that replace only earlier exports, secrets never printed.
 */
class OutputSafetyTest {
    /** Every file under a folder with its SHA-256. */
    static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) out.put(dir.relativize(p).toString(), HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
        }
        return out;
    }

    /** A copy of the sample data and config in tmp, so that a run could (but must not) touch it. */
    static Path sampleCopy(Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Outputs.copy(SparkTest.projectRoot().resolve("data/sample"), data.resolve("sample"));
        Outputs.copy(SparkTest.projectRoot().resolve("data/events"), data.resolve("events"));
        Outputs.copy(SparkTest.projectRoot().resolve("data/research"), data.resolve("research"));
        Files.createDirectories(data.resolve("config"));
        Files.copy(SparkTest.projectRoot().resolve("data/config/sample.yaml"), data.resolve("config/sample.yaml"));
        return data;
    }

    @Test
    void anOutputRootThatOverlapsTheInputsIsRefusedBeforeAnythingIsWritten(@TempDir Path tmp) throws Exception {
        Path data = sampleCopy(tmp);
        Map<String, String> before = tree(data);
        String config = data.resolve("config/sample.yaml").toString();
        // The data folder itself (a run deleted factors/ff3_daily_synthetic.csv: issue 19), a folder inside it, a parent.
        for (Path out : List.of(data.resolve("sample"), data.resolve("sample/factors"), data, tmp)) {
            Cli.Result r = Cli.run("pipeline", "--config", config, "--out", out.toString(), "--master", "local[2]");
            assertEquals(1, r.code(), out.toString());
            assertTrue(r.err().contains("overlaps the input") || r.err().contains("did not write"), out + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        }
        // A new folder inside the data folder would be an empty, valid root: only the overlap check stops it.
        Path inside = data.resolve("sample/out");
        Cli.Result r = Cli.run("pipeline", "--config", config, "--out", inside.toString(), "--master", "local[2]");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("the output root overlaps the input " + data.resolve("sample")), r.err());
        assertFalse(Files.exists(inside), "refused before anything was created");
        assertEquals(before, tree(data), "no input file was touched");
    }

    @Test
    void aFolderHoldingOtherFilesIsNeverUsedAsAnOutputRootOrReportTarget(@TempDir Path tmp) throws Exception {
        Path user = tmp.resolve("thesis");
        Files.createDirectories(user.resolve("report"));
        Files.writeString(user.resolve("report/thesis.docx"), "my thesis");
        Map<String, String> before = tree(user);
        Cli.Result run = Cli.run(Cli.sample("forecast", user));
        assertEquals(1, run.code());
        assertTrue(run.err().contains("holds files cybermarket did not write (report)"), run.err());
        Cli.Result report = Cli.run("report", "--out", user.toString());
        assertEquals(1, report.code());
        assertTrue(report.err().contains("did not write"), report.err());
        assertEquals(before, tree(user), "the user's files are untouched");

        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        Cli.Result onFile = Cli.run(Cli.sample("forecast", file));
        assertEquals(1, onFile.code());
        assertTrue(onFile.err().contains("is a file, not a folder"), onFile.err());
    }

    @Test
    void anOutputRootWithAForeignFileInItIsRefusedNamingTheFile(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Outputs.copy(SampleRun.output(), out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        Cli.Result r = Cli.run(Cli.sample("forecast", out));
        assertEquals(1, r.code());
        assertTrue(r.err().contains("holds files cybermarket did not write (notes.txt)"), r.err());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void anOldSnapshotIsDeletedFileByFileKeepingWhatSomeoneElsePutThere(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        Outputs.copy(SampleRun.output(), out);
        Path first = Outputs.current(out);
        Files.writeString(first.resolve("report/notes.txt"), "mine");
        for (int i = 0; i < 2; i++) assertEquals(0, Cli.run("report", "--out", out.toString()).code()); // each publishes a snapshot
        assertEquals("mine", Files.readString(first.resolve("report/notes.txt")), "kept");
        assertEquals(List.of("report"), List.of(first.toFile().list()), "everything the tool wrote there is gone");
        try (Stream<Path> s = Files.list(out.resolve("snapshots"))) {
            assertEquals(3, s.count(), "the current snapshot, the one before it, and the old one kept for the foreign file");
        }
    }

    @Test
    void queryRunsQueriesOnlyAndTouchesNoFolder(@TempDir Path tmp) throws Exception {
        String out = SampleRun.output().toString();
        Path victim = tmp.resolve("some/dir");
        Files.createDirectories(victim);
        Files.writeString(victim.resolve("keep.txt"), "keep");
        for (String sql : List.of("INSERT OVERWRITE DIRECTORY '" + victim + "' USING parquet SELECT 1",
"CREATE TABLE t USING parquet AS SELECT 1",
                "DROP VIEW prices", "SET spark.sql.shuffle.partitions=1", "CACHE TABLE prices",
                "SELECT reflect('java.lang.System', 'getProperty', 'user.home')",
                "WITH a AS (SELECT java_method('java.lang.Math', 'abs', -1) x) SELECT * FROM a")) {
            Cli.Result r = Cli.run("query", "--out", out, sql);
            assertEquals(1, r.code(), sql);
            assertTrue(r.err().contains("read-only queries"), sql + ": " + r.err());
        }
        assertEquals("keep", Files.readString(victim.resolve("keep.txt")));
        Cli.Result ok = Cli.run("query", "--out", out, "WITH a AS (SELECT count(*) n FROM prices) SELECT n FROM a");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().contains("51684"), ok.out());
        Cli.Result typo = Cli.run("query", "--out", out, "selct * from returns");
        assertEquals(1, typo.code());
        assertTrue(typo.err().contains("does not parse"), typo.err());
    }

    @Test
    void parquetExportsReplaceOnlyEarlierExports(@TempDir Path tmp) throws Exception {
        String out = SampleRun.output().toString();
        Path dir = tmp.resolve("export");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/notes.txt"), "mine");
        Cli.Result refused = Cli.run("query", "--out", out, "--parquet", dir.toString(), "select 1 as one");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("holds files cybermarket did not write (sub)"), refused.err());
        assertEquals("mine", Files.readString(dir.resolve("sub/notes.txt")));

        Path mine = tmp.resolve("mine");
        assertEquals(0, Cli.run("query", "--out", out, "--parquet", mine.toString(), "select 1 as one").code());
        assertEquals(0, Cli.run("query", "--out", out, "--parquet", mine.toString(), "select 2 as two").code(), "an earlier export is replaced");
        assertEquals(2, SparkTest.spark().read().parquet(mine.toString()).first().getInt(0));
        Cli.Result inside = Cli.run("query", "--out", out, "--parquet", Outputs.current(SampleRun.output()).resolve("x").toString(), "select 1");
        assertEquals(1, inside.code(), "never into an output root");

        Path csv = tmp.resolve("t.csv");
        Files.writeString(csv, "mine");
        assertEquals(1, Cli.run("query", "--out", out, "--csv", csv.toString(), "select 1").code(), "an existing file needs --overwrite");
        assertEquals("mine", Files.readString(csv));
        assertEquals(0, Cli.run("query", "--out", out, "--csv", csv.toString(), "--overwrite", "select 1 as one").code());
    }

    @Test
    void terminalOutputShowsControlCharactersInsteadOfSendingThem() throws Exception {
        assertEquals("\\x1b[31mred\\x1b[0m \\x07 ok", QueryCommand.TerminalTable.safe("\u001b[31mred\u001b[0m \u0007 ok"));
        Cli.Result r = Cli.run("query", "--out", SampleRun.output().toString(), "select concat('a', char(27), '[2J') as x");
        assertEquals(0, r.code(), r.err());
        assertFalse(r.out().contains("\u001b"), "no escape character reaches the terminal");
        assertTrue(r.out().contains("a\\x1b[2J"), r.out());
    }

    @Test
    void sparkSettingValuesNeverReachTheConsoleOrTheRecords(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("out");
        String secret = "SUPERSECRET-4711";
        Cli.Result malformed = Cli.run(Cli.sample("forecast", out, "--conf", "spark.hadoop.fs.azure.account.key.acct:" + secret));
        assertEquals(2, malformed.code());
        assertFalse((malformed.out() + malformed.err()).contains(secret), malformed.err());
        assertTrue(malformed.err().contains("--conf number 1 is not KEY=VALUE"), malformed.err());

        Cli.Result ok = Cli.run(Cli.sample("forecast", out, "--conf", "spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net=" + secret));
        assertEquals(0, ok.code(), ok.err());
        assertFalse(ok.out().contains(secret));
        for (Path f : List.of(Outputs.manifest(out), Files.list(out.resolve("_runs")).findFirst().orElseThrow())) {
            String text = Files.readString(f);
            assertTrue(text.contains("spark.hadoop.fs.azure.account.key.acct.dfs.core.windows.net"), "the key is listed");
            assertFalse(text.contains(secret), f + " holds no secret");
        }
    }

    @Test
    void describeSaysWhatIsPublishedHowTheLatestRunEndedAndExitsNonZeroWhenThereIsNothingOrItFailed(@TempDir Path tmp) throws Exception {
        Cli.Result empty = Cli.run("describe", "--out", tmp.resolve("nothing").toString());
        assertEquals(1, empty.code());
        assertTrue(empty.out().contains("nothing to describe"), empty.out());

        Path out = tmp.resolve("out");
        Outputs.copy(SampleRun.output(), out);
        Cli.Result ok = Cli.run("describe", "--out", out.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("prices") && ok.out().contains("51,684 rows") && ok.out().contains("succeeded"), ok.out());

        System.setProperty(org.cybermarket.store.Faults.FAIL, "staged:market_forecast");
        try {
            assertEquals(1, Cli.run(Cli.sample("forecast", out)).code());
        } finally {
            System.clearProperty(org.cybermarket.store.Faults.FAIL);
        }
        Cli.Result failed = Cli.run("describe", "--out", out.toString());
        assertEquals(1, failed.code());
        assertTrue(failed.out().contains("FAILED") && failed.out().contains("injected failure at staged:market_forecast"), failed.out());
        assertTrue(failed.out().contains("51,684 rows"), "the published outputs are still listed: " + failed.out());
    }
}
