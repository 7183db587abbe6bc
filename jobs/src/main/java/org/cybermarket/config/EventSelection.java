package org.cybermarket.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A set of catalogued events, as the config writes it: {@code all}, a list of event ids ({@code [okta-2022-03-22,
 * net-2024-02-01]}) or a tag ({@code {tag: firm-level}}). Which events a run studies ({@code event_study.events}) and
 * which it pools ({@code event_study.pools}). One class per way of choosing.
 */
@JsonDeserialize(using = EventSelection.Reader.class)
public sealed interface EventSelection extends Serializable permits EventSelection.All, EventSelection.Ids, EventSelection.Tag {
    /** True when the event with this id and these tags is chosen. */
    boolean includes(String id, Collection<String> tags);

    /**
     * Checks the selection against the ids and tags of the catalogue it chooses from: an id or a tag that is not there is
     * a mistake (a typo would otherwise select nothing, silently).
     */
    void checkAgainst(Set<String> ids, Set<String> tags, String key);

    /** How the config writes it. */
    String label();

    /** Every event. */
    record All() implements EventSelection {
        @Override public boolean includes(String id, Collection<String> tags) { return true; }
        @Override public void checkAgainst(Set<String> ids, Set<String> tags, String key) {}
        @Override public String label() { return "all"; }
    }

    /** The events with these ids. */
    record Ids(List<String> ids) implements EventSelection {
        public Ids {
            if (ids == null || ids.isEmpty()) throw new IllegalArgumentException("a list of event ids must name at least one event");
            ids = List.copyOf(ids);
        }

        @Override public boolean includes(String id, Collection<String> tags) { return ids.contains(id); }

        @Override public void checkAgainst(Set<String> known, Set<String> tags, String key) {
            for (String id : ids) {
                if (!known.contains(id)) throw new IllegalArgumentException(key + " names event '" + id + "', which is not among the catalogue's events (or not studied: event_study.events)");
            }
        }

        @Override public String label() { return String.join(",", ids); }
    }

    /** The events carrying this tag. */
    record Tag(String tag) implements EventSelection {
        public Tag {
            if (tag == null || tag.isBlank()) throw new IllegalArgumentException("{tag: ...} needs a tag");
        }

        @Override public boolean includes(String id, Collection<String> tags) { return tags.contains(tag); }

        @Override public void checkAgainst(Set<String> ids, Set<String> known, String key) {
            if (!known.contains(tag)) throw new IllegalArgumentException(key + " names tag '" + tag + "', which no event studied carries (tags: "
                    + known.stream().sorted().toList() + ")");
        }

        @Override public String label() { return "tag:" + tag; }
    }

    EventSelection ALL = new All();

    /** Reads {@code all}, a list of ids or {@code {tag: t}}. */
    final class Reader extends JsonDeserializer<EventSelection> {
        @Override
        public EventSelection deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
            JsonNode n = p.readValueAsTree();
            if (n.isTextual() && n.asText().equals("all")) return ALL;
            if (n.isArray()) {
                List<String> ids = new ArrayList<>();
                n.forEach(x -> ids.add(x.asText()));
                return new Ids(ids);
            }
            if (n.isObject() && n.size() == 1 && n.hasNonNull("tag")) return new Tag(n.get("tag").asText());
            throw new IllegalArgumentException("an event selection is 'all', a list of event ids or {tag: <tag>}, not " + n);
        }
    }
}
