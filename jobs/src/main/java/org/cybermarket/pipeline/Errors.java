package org.cybermarket.pipeline;

import org.cybermarket.config.ConfigLoader;
import org.cybermarket.io.InputFileException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns any failure into the one line a scheduler's log should show. */
public final class Errors {
    private static final Pattern REMOTE = Pattern.compile("org\\.cybermarket\\.io\\.InputFileException: ([^\\n]+)");

    private Errors() {}

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
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int nl = msg.indexOf('\n');
        return nl < 0 ? msg : msg.substring(0, nl);
    }
}
