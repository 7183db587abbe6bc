package org.cybermarket.forecast;

import org.cybermarket.input.InputFileException;
import org.cybermarket.testing.SparkTest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Growth analytics checked against numbers worked by hand (the IDC figures of the story). */
class GrowthTest {
    @Test
    void theImplied2022ChinaBaseIs12Point21Billion() {
        // 1.135^2 = 1.288225; ^4 = 1.659524; ^5 = 1.883560; 23 / 1.883560 = 12.2109
        assertEquals(23 / Math.pow(1.135, 5), Growth.project(23.0, 2027, 0.135, 2022), 1e-12);
        assertEquals(12.2109, Growth.project(23.0, 2027, 0.135, 2022), 5e-5);
    }

    @Test
    void chinaGains1Point0832TimesInRelativeSizeBy2027() {
        // 13.5% vs 11.7%: 1.8 points a year; (1.135 / 1.117)^5 = 1.016115^5 = 1.0832
        assertEquals(0.018, 0.135 - 0.117, 1e-15);
        assertEquals(1.0832, Growth.relativeGrowth(0.135, 0.117, 5), 5e-5);
    }

    @Test
    void doublingTimes() {
        // ln 2 / ln 1.135 = 0.693147 / 0.126633 = 5.4737; ln 2 / ln 1.117 = 0.693147 / 0.110647 = 6.2645
        assertEquals(5.47, Growth.doublingYears(0.135), 0.005);
        assertEquals(6.26, Growth.doublingYears(0.117), 0.005);
        assertTrue(Double.isNaN(Growth.doublingYears(-0.05)), "a shrinking market never doubles");
    }

    @Test
    void valueToCagrToValueRoundTrips() {
        double g = Growth.cagr(7.35, 2019, 17.9, 2023);
        assertEquals(0.2492, g, 5e-5, "(17.9 / 7.35)^(1/4) - 1 = 2.435374^0.25 - 1");
        assertEquals(17.9, Growth.project(7.35, 2019, g, 2023), 1e-12);
        assertEquals(7.35, Growth.project(17.9, 2023, g, 2019), 1e-12);
    }

    @Test
    void impossibleInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Growth.cagr(1, 2024, 2, 2020));
        assertThrows(IllegalArgumentException.class, () -> Growth.project(1, 2020, -1.2, 2024));
    }

    static ResearchFigure value(String id, String vintage, String market, int year, double v, String unit) {
        return new ResearchFigure(id, "test", java.time.LocalDate.parse(vintage), market, "m", "USD", unit, "value", year, null, null, v, null, null, null);
    }

    static ResearchFigure cagr(String id, String vintage, String market, int y0, int y1, double g) {
        return new ResearchFigure(id, "test", java.time.LocalDate.parse(vintage), market, "m", "USD", "billion", "cagr", null, y0, y1, null, g, null, null);
    }

    @Test
    void theSeedSeriesGetsItsBaseItsPathAndTheComparison() {
        List<MarketForecast.Series> s = MarketForecast.series(List.of(value("v", "2024-07-22", "China", 2027, 23, "billion"),
                cagr("c", "2024-07-22", "China", 2022, 2027, 0.135), cagr("w", "2024-07-22", "Worldwide", 2022, 2027, 0.117)));
        List<MarketForecast.YearRow> years = MarketForecast.years(s, 0.02);
        MarketForecast.YearRow y2022 = years.stream().filter(r -> r.market().equals("China") && r.year() == 2022).findFirst().orElseThrow();
        assertEquals(23 / Math.pow(1.135, 5), y2022.valueBn(), 1e-12);
        assertEquals("derived", y2022.basis());
        assertEquals("actual", y2022.status(), "2022 is before the 2024 vintage");
        MarketForecast.YearRow y2025 = years.stream().filter(r -> r.market().equals("China") && r.year() == 2025).findFirst().orElseThrow();
        assertEquals(23 / Math.pow(1.135, 2), y2025.valueBn(), 1e-12);
        assertEquals("path", y2025.basis());
        assertEquals("projected", y2025.status());
        assertEquals(0.135, y2025.growth(), 1e-12);
        assertEquals(23 / Math.pow(1.135, 5) * Math.pow(1.115, 3), y2025.scenarioLowBn(), 1e-12, "CAGR minus 2 points from the base");
        assertEquals(6, years.stream().filter(r -> r.market().equals("China")).count(), "2022..2027");
        List<MarketForecast.ComparisonRow> cmp = MarketForecast.comparisons(s, List.of("China/Worldwide"));
        MarketForecast.ComparisonRow end = cmp.stream().filter(c -> c.year() == 2027).findFirst().orElseThrow();
        assertEquals(Math.pow(1.135 / 1.117, 5), end.relativeSizeIndex(), 1e-12);
        assertEquals(0.018, end.differential(), 1e-12);
        assertNull(end.shareAOfB(), "no worldwide size in this vintage, so no share");
    }

    @Test
    void revisionsCompareWhatEachVintageSaysAboutTheSameYear() {
        // 2019 vintage: 17.9bn in 2023. 2024 vintage: 23 / 1.135^4 = 23 / 1.659524 = 13.8594bn in 2023 -> 13.8594 / 17.9 - 1 = -22.57%.
        List<MarketForecast.Series> s = MarketForecast.series(List.of(value("a", "2019-09-10", "China", 2023, 17.9, "billion"),
                value("b", "2024-07-22", "China", 2027, 23, "billion"), cagr("c", "2024-07-22", "China", 2022, 2027, 0.135)));
        MarketForecast.RevisionRow r = MarketForecast.revisions(MarketForecast.years(s, 0.02)).stream()
                .filter(x -> x.year() == 2023).findFirst().orElseThrow();
        assertEquals(23 / Math.pow(1.135, 4) / 17.9 - 1, r.revision(), 1e-12);
        assertEquals(-0.2257, r.revision(), 5e-5);
    }

    @Test
    void unitsAreConvertedExplicitlyAndConflictsAreErrors() {
        List<MarketForecast.Series> s = MarketForecast.series(List.of(value("a", "2023-03-16", "Worldwide", 2023, 219000, "million"),
                value("b", "2023-03-16", "Worldwide", 2023, 219, "billion")));
        assertEquals(1, s.size());
        var e = assertThrows(IllegalArgumentException.class, () -> MarketForecast.series(List.of(
                value("a", "2023-03-16", "Worldwide", 2023, 219, "billion"), value("b", "2023-03-16", "Worldwide", 2023, 220, "billion"))));
        assertTrue(e.getMessage().contains("two different values"), e.getMessage());
    }

    @Test
    void badFiguresNameTheFigure() {
        String[][] cases = {
                {"{\"id\":\"x\",\"source\":\"s\",\"vintage\":\"2024-01-01\",\"market\":\"C\",\"currency\":\"USD\",\"unit\":\"billion\",\"kind\":\"cagr\",\"start_year\":2022,\"end_year\":2027,\"cagr\":-1.5}",
                        "research figure 'x': a CAGR below -100% (-1.5) is impossible"},
                {"{\"id\":\"y\",\"source\":\"s\",\"vintage\":\"2024-01-01\",\"market\":\"C\",\"currency\":\"USD\",\"unit\":\"billion\",\"kind\":\"cagr\",\"start_year\":2027,\"end_year\":2022,\"cagr\":0.1}",
                        "research figure 'y': end year 2022 is not after start year 2027"},
                {"{\"id\":\"z\",\"source\":\"s\",\"vintage\":\"2024-01-01\",\"market\":\"C\",\"unit\":\"billion\",\"kind\":\"value\",\"year\":2027,\"value\":1}",
                        "research figure 'z' has no currency"},
                {"{\"id\":\"p\",\"source\":\"s\",\"vintage\":\"2024-01-01\",\"market\":\"C\",\"currency\":\"USD\",\"unit\":\"billion\",\"kind\":\"cagr\",\"start_year\":2022,\"end_year\":2027,\"cagr\":13.5}",
                        "looks like a percent"},
                {"{\"id\":\"u\",\"source\":\"s\",\"vintage\":\"2024-01-01\",\"market\":\"C\",\"currency\":\"USD\",\"unit\":\"bn\",\"kind\":\"value\",\"year\":2027,\"value\":1}",
                        "has unit 'bn'"},
        };
        for (String[] c : cases) {
            String json = "{\"figures\": [" + c[0] + "]}";
            var e = assertThrows(InputFileException.class, () -> ResearchCatalogue.parse("figures.json", json.getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().startsWith("figures.json: ") && e.getMessage().contains(c[1]), e.getMessage());
        }
        String dup = "{\"figures\": [" + "{\"id\":\"a\",\"source\":\"s\",\"vintage\":\"2024-01-01\",\"market\":\"C\",\"currency\":\"USD\",\"unit\":\"billion\",\"kind\":\"value\",\"year\":2027,\"value\":23}"
                + ",{\"id\":\"b\",\"source\":\"s\",\"vintage\":\"2024-01-01\",\"market\":\"C\",\"currency\":\"USD\",\"unit\":\"billion\",\"kind\":\"value\",\"year\":2027,\"value\":24}]}";
        var e = assertThrows(InputFileException.class, () -> ResearchCatalogue.parse("figures.json", dup.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("research figure 'b': two different values"), e.getMessage());
    }

    @Test
    void theBundledFiguresLoad() throws Exception {
        byte[] json = Files.readAllBytes(SparkTest.projectRoot().resolve("data/research/figures.json"));
        List<ResearchFigure> f = ResearchCatalogue.parse("figures.json", json);
        assertEquals(13, f.size());
        for (ResearchFigure x : f) assertFalse(x.source().isBlank(), x.id() + " has its source");
    }
}
