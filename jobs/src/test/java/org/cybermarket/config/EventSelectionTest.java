package org.cybermarket.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** event_study.events and event_study.pools: all, a list of ids or a tag, read from the config; mistakes named. */
class EventSelectionTest {
    static EventStudySettings load(Path dir, String eventStudy) throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, ConfigLoaderTest.MARKETS + "event_study:\n" + eventStudy);
        return ConfigLoader.load(f).eventStudy();
    }

    @Test
    void theThreeFormsAreReadFromTheConfig(@TempDir Path dir) throws Exception {
        EventStudySettings s = load(dir, "  events: {tag: firm-level}\n  pools:\n    all: all\n    okta: [okta-2022-03-22, okta-2023-10-20]\n");
        assertEquals(new EventSelection.Tag("firm-level"), s.events());
        assertEquals(Map.of("all", EventSelection.ALL, "okta", new EventSelection.Ids(List.of("okta-2022-03-22", "okta-2023-10-20"))), s.pools());
    }

    @Test
    void withoutTheKeysEveryEventIsStudiedAndPooledAsAll(@TempDir Path dir) throws Exception {
        EventStudySettings s = load(dir, "  model: market_model\n");
        assertEquals(EventSelection.ALL, s.events());
        assertEquals(Map.of("all", EventSelection.ALL), s.pools());
    }

    @Test
    void eachFormChoosesItsEvents() {
        assertTrue(EventSelection.ALL.includes("x", List.of()));
        assertTrue(new EventSelection.Ids(List.of("a", "b")).includes("b", List.of("t")));
        assertFalse(new EventSelection.Ids(List.of("a")).includes("b", List.of("t")));
        assertTrue(new EventSelection.Tag("t").includes("b", List.of("u", "t")));
        assertFalse(new EventSelection.Tag("t").includes("b", List.of("u")));
    }

    @Test
    void anIdOrATagNotInTheCatalogueIsAnErrorNotAnEmptySelection() {
        var id = assertThrows(IllegalArgumentException.class,
                () -> new EventSelection.Ids(List.of("okta-2022")).checkAgainst(Set.of("okta-2022-03-22"), Set.of("breach"), "event_study.events"));
        assertEquals("event_study.events names event 'okta-2022', which is not among the catalogue's events (or not studied: event_study.events)",
                id.getMessage());
        var tag = assertThrows(IllegalArgumentException.class,
                () -> new EventSelection.Tag("breaches").checkAgainst(Set.of("okta-2022-03-22"), Set.of("breach", "us"), "event_study.pools.b"));
        assertEquals("event_study.pools.b names tag 'breaches', which no event studied carries (tags: [breach, us])", tag.getMessage());
    }

    @Test
    void anythingElseIsAnErrorSayingTheForms(@TempDir Path dir) {
        var e = assertThrows(ConfigLoader.ConfigException.class, () -> load(dir, "  events: some\n"));
        assertTrue(e.getMessage().contains("an event selection is 'all', a list of event ids or {tag: <tag>}, not \"some\""), e.getMessage());
    }
}
