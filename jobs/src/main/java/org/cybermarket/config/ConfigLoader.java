package org.cybermarket.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a {@link PipelineConfig} from JSON or YAML and turns every mistake into one readable line. */
public final class ConfigLoader {
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
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static PipelineConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": config file not found");
        }
        String name = file.getFileName().toString().toLowerCase();
        ObjectMapper mapper = name.endsWith(".json") ? jsonMapper() : yamlMapper();
        try {
            return mapper.readValue(file.toFile(), PipelineConfig.class);
        } catch (JsonMappingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            String path = e.getPathReference() == null ? "" : " at " + e.getPathReference().replace("org.cybermarket.config.", "");
            String msg = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
            throw new ConfigException(file + where + ": " + firstLine(msg) + path);
        } catch (IOException e) {
            throw new ConfigException(file + ": " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** A configuration problem, with the file and what is wrong. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) { super(message); }
    }
}
