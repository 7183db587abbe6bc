package org.cybermarket.eventstudy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.config.ConfigLoader;
import org.cybermarket.io.InputFileException;
import org.cybermarket.io.InputPaths;

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

/** Reads the event catalogue (JSON: {"events": [...]}) and says exactly which event is wrong and why. */
public final class EventCatalogue {
    private EventCatalogue() {}

    public static List<Event> load(SparkSession spark, String path) {
        return parse(path, InputPaths.readAll(spark, path));
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
                List<String> markets = new ArrayList<>();
                e.path("markets").forEach(m -> markets.add(m.asText()));
                List<String> sources = new ArrayList<>();
                e.path("sources").forEach(m -> sources.add(m.asText()));
                Event ev = new Event(text(e, "id"), text(e, "name"), instant(text(e, "instant")), text(e, "description"),
                        markets, overrides, sources);
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

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
