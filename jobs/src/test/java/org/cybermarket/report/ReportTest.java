package org.cybermarket.report;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.testing.Outputs;
import org.cybermarket.io.Snapshot;
import org.cybermarket.testing.SampleRun;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.*;
import static org.junit.jupiter.api.Assertions.*;

/** The report from a fixture output folder: every section, valid PNGs of the expected size, hostile names escaped. */
class ReportTest {
    static final String HOSTILE = "<script>alert(1)</script>";

    @Test
    void rendersEverySectionWithValidChartsAndEscapesHostileNames(@TempDir Path tmp) throws Exception {
        Path fixture = tmp.resolve("out");
        Outputs.copy(SampleRun.output(), fixture);
        var spark = SparkTest.spark();
        // The vendor at fault has the largest abnormal return on day 0, so its name is in the report.
        Dataset<Row> securities = spark.read().parquet(Outputs.dataset(fixture, "securities"))
                .withColumn("name", when(col("symbol").equalTo("FLCN"), lit(HOSTILE)).otherwise(col("name"))).cache();
        securities.count();
        securities.write().mode("overwrite").parquet(tmp.resolve("securities").toString());
        Path snapshot = Outputs.current(fixture); // the test's own copy: its datasets and report are replaced in place
        Outputs.deleteTree(snapshot.resolve("securities"));
        Files.move(tmp.resolve("securities"), snapshot.resolve("securities"));
        Outputs.deleteTree(snapshot.resolve("report"));

        Path index = Report.render(spark, Snapshot.current(spark, fixture.toString()));
        String html = Files.readString(index);
        for (String section : Report.SECTIONS) assertTrue(html.contains("<section id=\"" + section + "\">"), "section " + section);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the hostile name is shown, escaped");
        assertFalse(html.contains(HOSTILE), "the hostile name never appears as markup");

        Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            Path png = index.getParent().resolve(m.group(1));
            byte[] head = Files.readAllBytes(png);
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(head, 4), png + " is a PNG");
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(Charts.WIDTH, img.getWidth(), png.toString());
            assertEquals(Charts.HEIGHT, img.getHeight(), png.toString());
            images++;
        }
        assertTrue(images >= 4, "CAAR, two sector rankings and growth: " + images);
        assertTrue(html.contains("crowdstrike-2024-07-19"));
        assertTrue(html.contains("2024-07-22"), "day +1 of the Shanghai-like market is listed by date");
    }

    @Test
    void escapingCoversAttributesAndText() {
        assertEquals("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;", Html.esc("<a href=\"x\" onclick='y'>&"));
        assertTrue(Html.table(List.of("<b>"), List.of(List.of("<i>"))).contains("<th>&lt;b&gt;</th>"));
    }
}
