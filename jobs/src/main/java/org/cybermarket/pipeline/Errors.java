package org.cybermarket.pipeline;

import org.cybermarket.config.ConfigLoader;
import org.cybermarket.input.InputFileException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns any failure into the one line a scheduler's log should show. */
public final class Errors {
    private static final Pattern REMOTE = Pattern.compile("org\\.cybermarket\\.io\\.InputFileException: ([^\\n]+)");

    private Errors() {}

    /**
     * True when the failure is the JVM running out of heap, directly or as Spark reports it after an executor thread
     * died of it (the job is then cancelled "because SparkContext was shut down").
     */
    public static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) return true;
            String m = t.getMessage();
            if (m != null && (m.contains("OutOfMemoryError") || m.contains("Java heap space") || m.contains("GC overhead limit exceeded")
                    || m.startsWith("Not enough memory") || m.contains("Unable to acquire") && m.contains("bytes of memory"))) return true;
        }
        return false;
    }

    public static String oneLine(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputFileException || t instanceof ConfigLoader.ConfigException) return t.getMessage();
            if (t.getMessage() != null) {
                Matcher m = REMOTE.matcher(t.getMessage()); // an executor's exception, as text, on a cluster
                if (m.find()) return m.group(1).trim();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return firstLine(root.getMessage(), root.getClass().getSimpleName());
    }

    /** The first line with text: Spark's parse errors start with an empty line ("\n[PARSE_SYNTAX_ERROR] ..."). */
    static String firstLine(String message, String otherwise) {
        if (message != null) {
            for (String line : message.split("\r?\n")) if (!line.isBlank()) return line.strip();
        }
        return otherwise;
    }
}
