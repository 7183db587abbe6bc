package org.cybermarket.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every config mistake is one line naming the file and the line of the offending key. */
class ConfigLoaderTest {
    static final String MARKETS = "markets:\n  - {id: XNYS, region: US, zone: America/New_York, close: \"16:00\", currency: USD}\n";
    static final String LAYOUT = "layouts:\n  l:\n    columns: {trade_date: [d], symbol: [s], close_price: [c]}\n";

    static String error(Path dir, String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(f)).getMessage().replace(f.toString(), name);
    }

    @Test
    void aKeyWrittenTwiceIsAnErrorNotASilentReplacement(@TempDir Path dir) throws Exception {
        String text = MARKETS + LAYOUT + "prices:\n  - {path: a.csv, layout: l}\nprices:\n  - {path: b.csv, layout: l}\n";
        assertEquals("c.yaml line 8: key 'prices' is written twice in the same mapping (the second would silently replace the first): keep one",
                error(dir, "c.yaml", text));
    }

    @Test
    void aKeyWrittenTwiceInsideAnEntryIsAnErrorToo(@TempDir Path dir) throws Exception {
        String text = "markets:\n  - id: XNYS\n    region: US\n    zone: America/New_York\n    zone: Europe/London\n    close: \"16:00\"\n    currency: USD\n";
        assertEquals("c.yaml line 5: key 'zone' is written twice in the same mapping (the second would silently replace the first): keep one",
                error(dir, "c.yaml", text));
    }

    @Test
    void anUnknownKeyIsReportedAtItsOwnLineWithTheKnownKeys(@TempDir Path dir) throws Exception {
        String text = "pricez: []\n" + MARKETS + LAYOUT + "prices:\n  - {path: a.csv, layout: l}\n";
        assertEquals("c.yaml line 1: unknown key 'pricez' (known here: as_of, data_dir, event_study, events, factors, forecast, layouts, "
                + "markets, out, prices, quality, report, research, sectors, securities) (at pricez)", error(dir, "c.yaml", text));
    }

    @Test
    void aValueARecordRefusesPointsAtItsKey(@TempDir Path dir) throws Exception {
        String text = MARKETS + "event_study:\n  estimation: [-250, -11]\n  model: capm\n";
        assertEquals("c.yaml line 5: event_study.model must be one of [mean_adjusted, market_adjusted, market_model, ff3, carhart4], "
                + "got 'capm' (at event_study)", error(dir, "c.yaml", text));
    }

    @Test
    void aYamlSyntaxErrorIsOneSentenceWithLineAndColumn(@TempDir Path dir) throws Exception {
        String text = "markets:\n  - {id: XNYS, region: US zone: America/New_York}\n";
        assertEquals("c.yaml line 2, column 31: YAML syntax error: expected ',' or '}', but got : (while parsing a flow mapping that "
                + "starts at line 2, column 5)", error(dir, "c.yaml", text));
    }

    @Test
    void aJsonKeyWrittenTwiceIsAnError(@TempDir Path dir) throws Exception {
        assertEquals("c.json line 1: key 'markets' is written twice in the same mapping (the second would silently replace the first): keep one",
                error(dir, "c.json", "{\"markets\": [], \"markets\": []}"));
    }
}
