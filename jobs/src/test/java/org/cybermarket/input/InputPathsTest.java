package org.cybermarket.input;

import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Input globs and folders on the local file system: what they match, and symbolic links that would loop. */
class InputPathsTest {
    static Path dataset(Path dir) throws Exception {
        Path d = Files.createDirectories(dir.resolve("prices"));
        Files.writeString(d.resolve("a.csv"), "x\n");
        Files.writeString(d.resolve("b.csv"), "x\n");
        Files.writeString(d.resolve("_SUCCESS"), "");
        return d;
    }

    static InputFileException listFails(String glob) {
        return assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(InputFileException.class, () -> InputPaths.list(SparkTest.spark(), glob)));
    }

    @Test
    void aFolderStandsForItsDataFilesAndAGlobForWhatItMatches(@TempDir Path dir) throws Exception {
        Path d = dataset(dir);
        Files.createDirectories(d.resolve("sub"));
        Files.writeString(d.resolve("sub/c.csv"), "x\n");
        assertEquals(List.of("file:" + d.resolve("a.csv"), "file:" + d.resolve("b.csv"), "file:" + d.resolve("sub/c.csv")),
                InputPaths.list(SparkTest.spark(), d.toString()));
        assertEquals(List.of("file:" + d.resolve("a.csv")), InputPaths.list(SparkTest.spark(), d + "/a*.csv"));
        assertEquals(List.of("file:" + d.resolve("a.csv"), "file:" + d.resolve("b.csv")), InputPaths.list(SparkTest.spark(), dir + "/*/*.csv"));
    }

    @Test
    void aLinkBackToItsOwnFolderIsReportedNotFollowedForty(@TempDir Path dir) throws Exception {
        Path d = dataset(dir);
        Files.createSymbolicLink(d.resolve("again"), Path.of("."));
        InputFileException e = listFails(d.toString());
        assertEquals(d + ": symbolic link loop: " + d.resolve("again") + " leads back to a folder that contains it (.); remove the link "
                + "or point the input at a folder without it", e.getMessage());
    }

    @Test
    void twoLinksBackDoNotHangTheListing(@TempDir Path dir) throws Exception {
        Path d = dataset(dir);
        Files.createSymbolicLink(d.resolve("x"), Path.of("."));
        Files.createSymbolicLink(d.resolve("y"), Path.of("."));
        assertTrue(listFails(d.toString()).getMessage().contains("symbolic link loop"));
    }

    @Test
    void aLinkToItselfIsReportedNotSkipped(@TempDir Path dir) throws Exception {
        Path d = dataset(dir);
        Files.createSymbolicLink(d.resolve("c.csv"), Path.of("c.csv"));
        assertEquals(d + "/*.csv: symbolic link " + d.resolve("c.csv") + " -> c.csv cannot be followed (it leads to itself, in a loop, or nowhere)",
                listFails(d + "/*.csv").getMessage());
        assertTrue(listFails(d.toString()).getMessage().contains("c.csv -> c.csv cannot be followed"));
    }
}
