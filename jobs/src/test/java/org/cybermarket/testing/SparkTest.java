package org.cybermarket.testing;

import org.apache.spark.sql.SparkSession;
import org.cybermarket.io.SparkSessions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One SparkSession per test JVM (local[2], few shuffle partitions), and the project's folders. */
public final class SparkTest {
    private static SparkSession spark;

    private SparkTest() {}

    public static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSessions.create("local[2]", Map.of("spark.sql.shuffle.partitions", "2",
                    "spark.sql.adaptive.enabled", "false", "spark.driver.host", "127.0.0.1"));
        }
        return spark;
    }

    /** The project root (where data/config lives). */
    public static Path projectRoot() {
        String prop = System.getProperty("cybermarket.project.root");
        if (prop != null && Files.isDirectory(Path.of(prop, "data", "config"))) return Path.of(prop);
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("data/config"))) return p;
        }
        throw new IllegalStateException("cannot find the project root (data/config) from " + Path.of("").toAbsolutePath());
    }

    /** Spark's Java 17 flags, from the parent POM (the same list Surefire and ./cybermarket use). */
    public static String addOpens() {
        try {
            String pom = Files.readString(projectRoot().resolve("pom.xml"));
            var m = java.util.regex.Pattern.compile("<spark.add.opens>(.*)</spark.add.opens>").matcher(pom);
            if (!m.find()) throw new IllegalStateException("no spark.add.opens in pom.xml");
            return m.group(1).trim();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** ../shared/data/real beside the checkout, or null where it is absent. */
    public static Path realData() {
        Path p = projectRoot().resolve("../shared/data/real").normalize();
        return Files.isDirectory(p) ? p : null;
    }
}
