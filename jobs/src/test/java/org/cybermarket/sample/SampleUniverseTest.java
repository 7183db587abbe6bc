package org.cybermarket.sample;

import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bundled data/sample is exactly what the generator writes with the default seed. */
class SampleUniverseTest {
    @Test
    void theBundledSampleIsReproducibleByteForByte(@TempDir Path tmp) throws Exception {
        new SampleUniverse(SampleUniverse.DEFAULT_SEED).write(tmp);
        Path bundled = SparkTest.projectRoot().resolve("data/sample");
        List<Path> generated;
        try (Stream<Path> s = Files.walk(tmp)) {
            generated = s.filter(Files::isRegularFile).map(tmp::relativize).sorted().toList();
        }
        List<Path> committed;
        try (Stream<Path> s = Files.walk(bundled)) {
            committed = s.filter(Files::isRegularFile).map(bundled::relativize).filter(p -> !p.toString().equals("README.md")).sorted().toList();
        }
        assertEquals(generated, committed, "same files");
        for (Path p : generated) assertArrayEquals(Files.readAllBytes(tmp.resolve(p)), Files.readAllBytes(bundled.resolve(p)), p.toString());
    }

    @Test
    void eachMarketHasItsOwnHolidays() {
        List<java.time.LocalDate> cn = SampleUniverse.tradingDays(SampleUniverse.CN_HOLIDAYS);
        List<java.time.LocalDate> us = SampleUniverse.tradingDays(SampleUniverse.US_HOLIDAYS);
        assertEquals(false, cn.contains(java.time.LocalDate.of(2024, 2, 12)), "Spring Festival");
        assertEquals(true, us.contains(java.time.LocalDate.of(2024, 2, 12)));
        assertEquals(false, us.contains(java.time.LocalDate.of(2024, 7, 4)), "Independence Day");
        assertEquals(true, cn.contains(java.time.LocalDate.of(2024, 7, 4)));
    }
}
