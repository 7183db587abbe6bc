package org.cybermarket.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.cybermarket.config.ConfigLoader;
import org.cybermarket.input.InputFileException;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads research figures ({"figures": [...]}) and names the figure and the problem when one is wrong. */
public final class ResearchCatalogue {
    private ResearchCatalogue() {}

    public static List<ResearchFigure> parse(String path, byte[] json) {
        ObjectMapper mapper = ConfigLoader.jsonMapper();
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new InputFileException(path, "not valid JSON: " + e.getMessage().split("\n")[0]);
        }
        JsonNode list = root == null ? null : root.get("figures");
        if (list == null || !list.isArray()) throw new InputFileException(path, "expected {\"figures\": [...]}");
        List<ResearchFigure> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode n : list) {
            try {
                ResearchFigure f = new ResearchFigure(text(n, "id"), text(n, "source"),
                        n.hasNonNull("vintage") ? LocalDate.parse(n.get("vintage").asText()) : null, text(n, "market"), text(n, "metric"),
                        text(n, "currency"), text(n, "unit"), text(n, "kind"), integer(n, "year"), integer(n, "start_year"),
                        integer(n, "end_year"), number(n, "value"), number(n, "cagr"), number(n, "growth"), text(n, "note"));
                if (!ids.add(f.id())) throw new IllegalArgumentException("research figure '" + f.id() + "' appears twice");
                out.add(f);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new InputFileException(path, e.getMessage());
            }
        }
        return checked(path, out); // two figures for the same market, year and vintage must agree
    }

    private static List<ResearchFigure> checked(String path, List<ResearchFigure> figures) {
        try {
            MarketForecast.series(figures);
            return figures;
        } catch (IllegalArgumentException e) {
            throw new InputFileException(path, e.getMessage());
        }
    }

    private static String text(JsonNode n, String f) {
        return n.hasNonNull(f) ? n.get(f).asText() : null;
    }

    private static Integer integer(JsonNode n, String f) {
        if (!n.hasNonNull(f)) return null;
        if (!n.get(f).canConvertToExactIntegral()) throw new IllegalArgumentException("'" + f + "' must be a whole year, got " + n.get(f));
        return n.get(f).asInt();
    }

    private static Double number(JsonNode n, String f) {
        if (!n.hasNonNull(f)) return null;
        if (!n.get(f).isNumber()) throw new IllegalArgumentException("'" + f + "' must be a number, got " + n.get(f));
        return n.get(f).asDouble();
    }
}
