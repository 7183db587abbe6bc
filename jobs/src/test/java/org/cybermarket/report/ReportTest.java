package org.cybermarket.report;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.store.Snapshot;
import org.cybermarket.testing.Outputs;
import org.cybermarket.testing.RealData;
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

        Matcher m = Pattern.compile("<img src=\"([^\"]+)\" width=\"(\\d+)\" height=\"(\\d+)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            Path png = index.getParent().resolve(m.group(1));
            byte[] head = Files.readAllBytes(png);
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(head, 4), png + " is a PNG");
            BufferedImage img = ImageIO.read(png.toFile());
            // Drawn at twice the size the page shows it, for sharp text on high-density screens.
            assertEquals(Charts.SCALE * Integer.parseInt(m.group(2)), img.getWidth(), png.toString());
            assertEquals(Charts.SCALE * Integer.parseInt(m.group(3)), img.getHeight(), png.toString());
            images++;
        }
        assertTrue(images >= 6, "CAAR per market, sector rankings per region and day, growth and growth index: " + images);
        assertTrue(html.indexOf("<section id=\"findings\">") < html.indexOf("<section id=\"caar\">")
                && html.indexOf("<section id=\"run-summary\">") > html.indexOf("<section id=\"data-quality\">"), "findings first, run metadata last");
        assertTrue(html.contains("crowdstrike-2024-07-19"));
        assertTrue(html.contains("2024-07-22"), "day +1 of the Shanghai-like market is listed by date");
    }

    /**
     * The headline of the default (real-data) run, stated in the findings: the report's first section says where Chinese
     * cybersecurity stood on Monday 2024-07-22 and gives the XSHG group's AAR, Patell and BMP of that day and of day 0.
     * The numbers are those RealDataSectorTest and RealDataEventStudyTest pin (data/real, market model).
     */
    @Test
    void theFindingsComeFirstAndStateTheHeadlineInSentences() throws Exception {
        String html = Files.readString(Outputs.report(RealData.pipelineOutput()).resolve("index.html"));
        String findings = html.substring(html.indexOf("<section"), html.indexOf("</section>"));
        assertTrue(findings.startsWith("<section id=\"findings\">"), "the first section is the findings");
        assertTrue(findings.contains(Html.esc("On Monday 2024-07-22 (day +1 on XSHE and XSHG) Cybersecurity was the best of 10 ranked industries "
                + "in CN, +4.08% equal-weighted across 16 names (benchmark 000300.SH -0.68%); 5 smaller industries are listed unranked; "
                + "against the market model its 9 names on XSHG had an average abnormal return of +6.69% on day +1 (t 9.38, p < 0.001; "
                + "Patell 6.35, p < 0.001; BMP 9.38, p < 0.001; Corrado rank 2.07, p = 0.038); its 7 names on XSHE are not in the event "
                + "study (excluded: TOO_FEW_ESTIMATION_DAYS).")), findings);
        assertTrue(findings.contains(Html.esc("its 9 names on XSHG had an average abnormal return of +4.46% on day 0 (t 3.91, p = 0.004; "
                + "Patell 3.88, p < 0.001; BMP 4.63, p = 0.002; Corrado rank 1.63, p = 0.103)")), findings);
        assertTrue(findings.contains("What these figures do not show"));
    }

    @Test
    void pValuesAndStatisticsAreWrittenAsAReaderExpects() {
        assertEquals("p < 0.001", Html.p(2.1e-10));
        assertEquals("p = 0.038", Html.p(0.03846));
        assertEquals("+4.08%", Html.pct(0.0408286));
        assertEquals("-0.68%", Html.pct(-0.0068));
        assertEquals("9.38", Html.stat(9.37552));
        assertEquals("Monday 2024-07-22", Html.day(java.time.LocalDate.of(2024, 7, 22)));
    }

    @Test
    void escapingCoversAttributesAndText() {
        assertEquals("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;", Html.esc("<a href=\"x\" onclick='y'>&"));
        assertTrue(Html.table(List.of("<b>"), List.of(List.of("<i>"))).contains("<th>&lt;b&gt;</th>"));
    }
}
