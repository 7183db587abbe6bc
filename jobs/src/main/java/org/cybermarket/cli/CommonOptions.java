package org.cybermarket.cli;

import org.cybermarket.config.ConfigLoader;
import org.cybermarket.config.PipelineConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Options every job command takes. */
public final class CommonOptions {
    /** Reads --as-of, saying in one line what is wrong with a date that is not one. */
    static final class AsOfDate implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                String why = e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Text '.*' could not be parsed(: | at index \\d+)?", "");
                throw new CommandLine.TypeConversionException("'" + value + "' is not a date yyyy-MM-dd" + (why.isBlank() ? "" : " (" + why + ")"));
            }
        }
    }

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "data/config/real.yaml",
            description = "Pipeline config, JSON or YAML (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Folder the input paths are relative to (overrides data_dir).")
    String dataDir;

    @Option(names = "--out", paramLabel = "DIR", description = "Output root (overrides out; default out/).")
    String out;

    @Option(names = "--as-of", paramLabel = "DATE", converter = AsOfDate.class,
            description = "Last date of data read, yyyy-MM-dd, for every input (prices and factors): later rows are counted in "
                    + "ingest_reconciliation as after the as-of date, not read (default: the config's as_of, else today in UTC).")
    LocalDate asOf;

    @Option(names = "--master", paramLabel = "URL", defaultValue = "local[*]",
            description = "Spark master (default: ${DEFAULT-VALUE}); 'none' leaves it to spark-submit.")
    String master;

    @picocli.CommandLine.Mixin
    SparkConfOption conf;

    /** The effective config: the file, then the CLI overrides. Relative data_dir and catalogue paths resolve against the file's folder. */
    PipelineConfig load() {
        PipelineConfig cfg = ConfigLoader.load(config);
        Path base = config.toAbsolutePath().getParent();
        String data = dataDir != null ? Path.of(dataDir).toAbsolutePath().normalize().toString() : resolveAgainst(base, cfg.dataDir());
        PipelineConfig c = new PipelineConfig(data, out != null ? out : cfg.out(), asOf != null ? asOf : cfg.asOf(), cfg.markets(),
                cfg.layouts(), cfg.prices(), cfg.securities(), cfg.factors(),
                cfg.events() == null ? null : resolveAgainst(base, cfg.events()),
                cfg.research() == null ? null : resolveAgainst(base, cfg.research()),
                cfg.eventStudy(), cfg.forecast(), cfg.quality(), cfg.sectors(), cfg.report());
        return c;
    }

    List<String> catalogues(PipelineConfig cfg) {
        List<String> out = new ArrayList<>();
        if (cfg.events() != null) out.add(cfg.events());
        if (cfg.research() != null) out.add(cfg.research());
        return out;
    }

    /** Every path the run reads: the config, its data folder, each input (up to its first wildcard), the catalogues. */
    List<String> inputPaths(PipelineConfig cfg) {
        List<String> out = new ArrayList<>(List.of(config.toAbsolutePath().normalize().toString(), cfg.dataDir()));
        for (var m : cfg.securities()) out.add(org.cybermarket.input.InputPaths.resolve(cfg.dataDir(), m.path()));
        for (var p : cfg.prices()) out.add(org.cybermarket.input.InputPaths.resolve(cfg.dataDir(), p.path()));
        for (var f : cfg.factors()) out.add(org.cybermarket.input.InputPaths.resolve(cfg.dataDir(), f.path()));
        out.addAll(catalogues(cfg));
        return out;
    }

    String sparkMaster() {
        return "none".equals(master) ? null : master;
    }

    private static String resolveAgainst(Path base, String p) {
        if (p.startsWith("/") || p.contains("://")) return p;
        return base.resolve(p).normalize().toString();
    }
}
