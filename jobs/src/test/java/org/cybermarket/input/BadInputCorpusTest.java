package org.cybermarket.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cybermarket.config.Layout;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file in test resources bad-inputs/ with its expected outcome from cases.json: either a whole-file error
 * whose message names the file and the problem, or the exact reject reason per line, with every good row kept
 * and every line accounted for.
 */
class BadInputCorpusTest {
    static final Map<String, List<String>> LONG = Map.of("trade_date", List.of("date"), "symbol", List.of("symbol"),
            "open_price", List.of("open"), "high_price", List.of("high"), "low_price", List.of("low"),
            "close_price", List.of("close"), "volume", List.of("volume"));

    static Layout layout(String name) {
        return switch (name) {
            case "long" -> new Layout(LONG, List.of("yyyy-MM-dd"), ",", "UTF-8", null, null, null, null);
            case "long_dmy" -> new Layout(LONG, List.of("yyyy-MM-dd", "dd.MM.yyyy"), ",", "UTF-8", null, null, null, null);
            case "long_excel" -> new Layout(LONG, List.of("yyyy-MM-dd", DelimitedFileParser.EXCEL_SERIAL), ",", "UTF-8", null, null, null, null);
            case "long_footer" -> new Layout(LONG, List.of("yyyy-MM-dd"), ",", "UTF-8", null, null, true, null);
            case "master" -> new Layout(Map.of("symbol", List.of("symbol"), "name", List.of("name"), "industry", List.of("industry")),
                    null, null, null, null, null, null, null);
            case "semicolon_decimal_comma" -> new Layout(LONG, List.of("dd.MM.yyyy"), ";", "UTF-8", null, null, null, true);
            case "cn" -> new Layout(Map.of("trade_date", List.of("日期"), "open_price", List.of("开盘价"), "high_price", List.of("最高价"),
                    "low_price", List.of("最低价"), "close_price", List.of("收盘价"), "volume", List.of("成交量"), "turnover", List.of("成交额")),
                    List.of("yyyyMMdd"), ",", "UTF-8", "(?<symbol>\\d{6})\\.csv$", null, null, null);
            case "ff" -> new Layout(FF, List.of("yyyyMMdd"), null, null, null, 0.01, true, null);
            case "ff_fractions" -> new Layout(FF, List.of("yyyyMMdd"), null, null, null, null, true, null);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static final Map<String, List<String>> FF = Map.of("trade_date", List.of("", "Date"), "mkt_rf", List.of("Mkt-RF"), "smb", List.of("SMB"),
            "hml", List.of("HML"), "rf", List.of("RF"));

    static TargetSchema target(String layoutName) {
        return switch (layoutName) {
            case "master" -> TargetSchema.SECURITIES;
            case "ff", "ff_fractions" -> TargetSchema.FACTORS;
            default -> TargetSchema.PRICES;
        };
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusFileHasItsExpectedOutcome() throws Exception {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("/bad-inputs/cases.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        assertTrue(cases.size() >= 30, "the corpus must hold at least 30 cases, has " + cases.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            String file = c.get("file").asText();
            tests.add(DynamicTest.dynamicTest(file + ": " + c.get("note").asText(), () -> check(c)));
        }
        return tests.stream();
    }

    private void check(JsonNode c) throws Exception {
        String file = c.get("file").asText();
        byte[] bytes;
        try (InputStream in = getClass().getResourceAsStream("/bad-inputs/" + file)) {
            bytes = in.readAllBytes();
        }
        String layoutName = c.get("layout").asText();
        DelimitedFileParser parser = new DelimitedFileParser(layout(layoutName), target(layoutName));
        if (c.has("error")) {
            InputFileException e = assertThrows(InputFileException.class, () -> parser.parse(file, bytes));
            assertTrue(e.getMessage().startsWith(file + ": "), "message names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains(c.get("error").asText()), "expected '" + c.get("error").asText() + "' in: " + e.getMessage());
            return;
        }
        List<ParsedLine> lines = parser.parse(file, bytes);
        Map<String, String> rejects = new TreeMap<>();
        Map<String, String> details = new TreeMap<>();
        int kept = 0;
        for (ParsedLine l : lines) {
            if (l.kind() != ParsedLine.Kind.DATA) continue;
            if (l.reason() != null) {
                rejects.put(Long.toString(l.lineNumber()), l.reason().name());
                details.put(Long.toString(l.lineNumber()), l.detail());
            } else {
                kept++;
            }
        }
        if (c.has("detail")) {
            c.get("detail").fields().forEachRemaining(e -> assertTrue(String.valueOf(details.get(e.getKey())).contains(e.getValue().asText()),
                    "line " + e.getKey() + " detail names the problem: " + details.get(e.getKey())));
        }
        Map<String, String> expected = new TreeMap<>();
        c.get("rejects").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asText()));
        assertEquals(expected, rejects, "rejected lines and reasons");
        assertEquals(c.get("kept").asInt(), kept, "good rows kept");
        long physical = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).replace("\r\n", "\n").lines().count();
        assertEquals(physical, lines.size(), "every physical line is accounted for once");
    }
}
