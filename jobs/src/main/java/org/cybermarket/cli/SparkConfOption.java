package org.cybermarket.cli;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --conf KEY=VALUE}, repeatable. Parsed here rather than by picocli's map option, whose error for a malformed
 * entry repeats the entry: a value may be a credential, so no message ever shows one.
 */
final class SparkConfOption {
    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark configuration, repeatable. Values are never "
            + "printed, and a manifest records only the values of settings known to carry no secret.")
    List<String> entries = new ArrayList<>();

    Map<String, String> map(CommandLine command) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String e = entries.get(i);
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new CommandLine.ParameterException(command, "--conf number " + (i + 1)
                        + " is not KEY=VALUE (it is not shown here: it may hold a secret)");
            }
            out.put(e.substring(0, eq).trim(), e.substring(eq + 1));
        }
        return out;
    }
}
