package org.cybermarket.cli;

import org.cybermarket.config.ConfigLoader;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.sample.DatedExtract;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/** Rebuilds data/real: a dated extract of the public validation files, in their published layouts. */
@Command(name = "extract-real", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Copy the files a config names (default: the public files of ../shared/data/real) line by line, byte for byte,",
                "cutting only data rows dated outside [--start, --end] and master rows of securities left without prices",
                "(data/real/PROVENANCE.md)."})
final class ExtractRealCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = "data/config/shared-real.yaml",
            description = "Config naming the files and their layouts (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--from", paramLabel = "DIR", description = "Folder the config's paths are relative to (default: the config's data_dir).")
    Path from;

    @Option(names = "--to", paramLabel = "DIR", defaultValue = "data/real", description = "Target folder (default: ${DEFAULT-VALUE}).")
    Path to;

    @Option(names = "--start", paramLabel = "DATE", defaultValue = "2018-01-01", description = "First date kept (default: ${DEFAULT-VALUE}).")
    LocalDate start;

    @Option(names = "--end", paramLabel = "DATE", defaultValue = "2024-12-31", description = "Last date kept (default: ${DEFAULT-VALUE}).")
    LocalDate end;

    @Override
    public Integer call() {
        PipelineConfig cfg = ConfigLoader.load(config);
        Path source = (from != null ? from : config.toAbsolutePath().getParent().resolve(cfg.dataDir())).toAbsolutePath().normalize();
        if (!Files.isDirectory(source)) throw new IllegalArgumentException(source + ": no such folder (give --from DIR)");
        List<DatedExtract.FileResult> files = DatedExtract.write(cfg, source, to, start, end);
        long rows = 0;
        long kept = 0;
        for (DatedExtract.FileResult f : files) {
            rows += f.dataRows();
            kept += f.dataRowsKept();
            String what = !f.written() ? "not written: no data row in the period"
                    : f.whole() ? "whole: no row to cut" : String.format("cut %,d rows", f.dataRows() - f.dataRowsKept());
            System.out.printf("%-48s %,7d of %,7d data rows  %s%n", f.path(), f.dataRowsKept(), f.dataRows(), what);
        }
        System.out.printf("extract of %s, %s..%s: %,d files, %,d of %,d data rows kept, in %s%n", source, start, end,
                files.stream().filter(DatedExtract.FileResult::written).count(), kept, rows, to.toAbsolutePath().normalize());
        return 0;
    }
}
