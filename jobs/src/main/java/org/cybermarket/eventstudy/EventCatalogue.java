package org.cybermarket.eventstudy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.ConfigLoader;
import org.cybermarket.input.InputFileException;
import org.cybermarket.input.InputPaths;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the event catalogue (JSON: {"events": [...]}) and says exactly which event is wrong and why. A firm-level
 * entry names its securities, {@code "securities": [{"symbol": "OKTA", "market": "XNYS", "role": "target"}]}, with
 * {@code "peers": "industry"} or {@code "none"}; a market-wide entry lists {@code "markets"} (or none: every market).
 * Fields the engine does not read (reviewers' notes such as {@code expected_day0}) are left alone.
 */
public final class EventCatalogue {
    private EventCatalogue() {}

    public static List<Event> load(SparkSession spark, String path) {
        return parse(path, InputPaths.readAll(spark, path));
    }

    /**
     * The events a selection chooses, in catalogue order; an id or tag the catalogue does not have is an error naming
     * {@code key} (a typo would otherwise choose nothing).
     */
    public static List<Event> select(List<Event> events, org.cybermarket.config.EventSelection selection, String key) {
        Set<String> ids = new HashSet<>(), tags = new HashSet<>();
        for (Event e : events) {
            ids.add(e.id());
            tags.addAll(e.tags());
        }
        selection.checkAgainst(ids, tags, key);
        return events.stream().filter(e -> selection.includes(e.id(), e.tags())).toList();
    }

    public static List<Event> parse(String path, byte[] json) {
        ObjectMapper mapper = ConfigLoader.jsonMapper();
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InputFileException(path, "not valid JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputFileException(path, "not valid JSON: " + e.getMessage());
        }
        JsonNode list = root == null ? null : root.get("events");
        if (list == null || !list.isArray()) throw new InputFileException(path, "expected {\"events\": [...]}");
        List<Event> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int i = 0;
        for (JsonNode e : list) {
            String where = "event #" + (++i) + (e.hasNonNull("id") ? " '" + e.get("id").asText() + "'" : "");
            try {
                Map<String, LocalDate> overrides = new LinkedHashMap<>();
                e.path("day0_by_market").fields().forEachRemaining(f -> overrides.put(f.getKey(), LocalDate.parse(f.getValue().asText())));
                List<String> markets = texts(e, "markets");
                List<String> sources = texts(e, "sources");
                List<Event.NamedSecurity> securities = new ArrayList<>();
                for (JsonNode s : e.path("securities")) {
                    String role = text(s, "role");
                    securities.add(new Event.NamedSecurity(text(s, "symbol"), text(s, "market"), role == null ? null : Role.named(role)));
                }
                String peers = text(e, "peers");
                Event ev = new Event(text(e, "id"), text(e, "name"), instant(text(e, "instant")), text(e, "description"),
                        markets, overrides, sources, securities, peers == null ? null : Peers.named(peers), texts(e, "tags"),
                        text(e, "instant_precision"), text(e, "instant_reasoning"));
                if (!ids.add(ev.id())) throw new IllegalArgumentException("duplicate event id");
                out.add(ev);
            } catch (IllegalArgumentException | DateTimeParseException ex) {
                throw new InputFileException(path, where + ": " + ex.getMessage());
            }
        }
        return out;
    }

    /** ISO-8601 with an offset or a zone id; a local date-time alone is ambiguous and rejected. */
    static Instant instant(String s) {
        if (s == null) return null;
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException("instant '" + s + "' has no zone or offset (write 2024-07-19T04:09:00Z)");
            }
        }
    }

    private static List<String> texts(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        n.path(field).forEach(m -> out.add(m.asText()));
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
