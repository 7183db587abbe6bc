package org.cybermarket.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads a {@link PipelineConfig} from JSON or YAML and turns every mistake into one readable line naming the file and
 * the line of the offending key: unknown keys (with the known ones), keys written twice, values a record refuses, and
 * syntax errors (with line and column).
 */
public final class ConfigLoader {
    private static final Pattern NAMED_KEY = Pattern.compile("^([a-z_]+(?:\\.[a-z_0-9]+)+)\\b");

    private ConfigLoader() {}

    public static ObjectMapper yamlMapper() {
        return configure(new ObjectMapper(new YAMLFactory()));
    }

    public static ObjectMapper jsonMapper() {
        return configure(new ObjectMapper());
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A key written twice would otherwise silently keep the second value (a whole 'prices:' list lost).
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    public static PipelineConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": config file not found");
        }
        boolean json = file.getFileName().toString().toLowerCase().endsWith(".json");
        ObjectMapper mapper = json ? jsonMapper() : yamlMapper();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + firstLine(e.getMessage()));
        }
        try {
            return mapper.readValue(bytes, PipelineConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(file + describe(e, json, bytes));
        } catch (IOException e) {
            throw new ConfigException(file + ": " + firstLine(e.getMessage()));
        }
    }

    /** " line L[, column C]: problem", one sentence. */
    private static String describe(JsonProcessingException e, boolean json, byte[] bytes) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException y) return yamlSyntax(y);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException p && p.getOriginalMessage() != null && p.getOriginalMessage().startsWith("Duplicate field")) {
                String key = p.getOriginalMessage().replaceFirst("^Duplicate field '([^']*)'.*$", "$1");
                return " line " + line(p.getLocation()) + ": key '" + key + "' is written twice in the same mapping (the second would "
                        + "silently replace the first): keep one";
            }
        }
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            Map<String, Integer> lines = keyLines(json, bytes);
            String problem = problem(m);
            // A record's own check names its key (event_study.model must be ...): point at that key's line when it is written.
            Matcher named = NAMED_KEY.matcher(problem);
            String pointer = named.find() && lines.containsKey("/" + named.group(1).replace('.', '/'))
                    ? "/" + named.group(1).replace('.', '/') : pointer(m.getPath());
            Integer line = null;
            for (String p = pointer; line == null && !p.isEmpty(); p = p.substring(0, p.lastIndexOf('/'))) line = lines.get(p);
            String where = line != null ? " line " + line : e.getLocation() == null ? "" : " line " + line(e.getLocation());
            return where + ": " + problem + " (at " + dotted(m.getPath()) + ")";
        }
        JsonLocation loc = e.getLocation();
        return (loc == null ? "" : " line " + loc.getLineNr() + ", column " + loc.getColumnNr()) + ": " + firstLine(e.getOriginalMessage());
    }

    private static String problem(JsonMappingException m) {
        if (m instanceof UnrecognizedPropertyException u) {
            TreeSet<String> known = new TreeSet<>();
            for (Object k : u.getKnownPropertyIds()) known.add(k.toString());
            return "unknown key '" + u.getPropertyName() + "' (known here: " + String.join(", ", known) + ")";
        }
        Throwable root = m;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return firstLine(root instanceof IllegalArgumentException ? root.getMessage() : m.getOriginalMessage());
    }

    private static String yamlSyntax(MarkedYAMLException y) {
        Mark at = y.getProblemMark();
        String where = at == null ? "" : " line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1);
        String context = "";
        if (y.getContext() != null) {
            Mark c = y.getContextMark();
            context = " (" + y.getContext() + (c == null ? "" : " that starts at line " + (c.getLine() + 1) + ", column " + (c.getColumn() + 1)) + ")";
        }
        return where + ": YAML syntax error: " + firstLine(y.getProblem()) + context;
    }

    private static int line(JsonLocation loc) {
        return loc == null ? 0 : loc.getLineNr();
    }

    /** JSON pointer of each key (and array element) to the line where it is written; the first occurrence wins. */
    static Map<String, Integer> keyLines(boolean json, byte[] bytes) {
        Map<String, Integer> out = new HashMap<>();
        ObjectMapper plain = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        try (JsonParser p = plain.getFactory().createParser(bytes)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) continue;
                out.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.getTokenLocation().getLineNr());
            }
        } catch (IOException | RuntimeException e) {
            // a syntax error further on: the keys before it are known
        }
        return out;
    }

    private static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            b.append('/').append(r.getFieldName() != null ? r.getFieldName().replace("~", "~0").replace("/", "~1") : Integer.toString(r.getIndex()));
        }
        return b.toString();
    }

    /** markets[0].zone */
    private static String dotted(List<JsonMappingException.Reference> path) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            else b.append('[').append(r.getIndex()).append(']');
        }
        return b.length() == 0 ? "the top level" : b.toString();
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        for (String line : s.split("\n")) if (!line.isBlank()) return line.strip();
        return "unreadable";
    }

    /** A configuration problem, with the file and what is wrong. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) { super(message); }
    }
}
