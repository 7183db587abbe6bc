package org.cybermarket.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.config.PipelineConfig;
import org.cybermarket.input.InputPaths;
import org.cybermarket.pipeline.Job;
import org.cybermarket.pipeline.JobContext;
import org.cybermarket.pipeline.RunLog;
import org.cybermarket.store.OutputStore;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/** Reads every configured input into the canonical datasets: securities, prices, factors, rejects, ingest_reconciliation. */
public final class IngestJob implements Job {
    @Override
    public String name() { return "ingest"; }

    /** Every configured input path (prices, security masters, factors), as written in the config. */
    public static List<String> inputPaths(PipelineConfig cfg) {
        List<String> paths = new ArrayList<>();
        cfg.prices().forEach(p -> paths.add(p.path()));
        cfg.securities().forEach(m -> paths.add(m.path()));
        cfg.factors().forEach(f -> paths.add(f.path()));
        return paths;
    }

    /** Checks the local input paths before a session starts (see {@link InputPaths#checkLocal}). */
    public static void checkInputs(PipelineConfig cfg) {
        InputPaths.checkLocal(cfg.dataDir(), inputPaths(cfg));
    }

    @Override
    public void run(JobContext ctx) {
        long t0 = System.nanoTime();
        Ingest.Result r = Ingest.run(ctx.spark(), ctx.config(), ctx.asOf(), LocalDate.now(ZoneOffset.UTC));
        var store = ctx.store();
        // Written together: the first to need a cached input parses it, the others wait for it and share it.
        Map<String, Long> rows = store.stageAll(List.of(
                new OutputStore.Staging("ingest_reconciliation", r.reconciliation().coalesce(1)),
                new OutputStore.Staging("securities", r.securities().coalesce(1)),
                new OutputStore.Staging("prices", r.prices().repartition(col("market")).sortWithinPartitions("symbol", "trade_date"), "market"),
                new OutputStore.Staging("factors", r.factors().coalesce(1)),
                new OutputStore.Staging("rejects", r.rejects().coalesce(1))));
        if (rows.get("ingest_reconciliation") == 0) throw new IllegalStateException("no input file was read");
        Dataset<Row> reconciliation = store.readStaged("ingest_reconciliation");
        List<String> columns = List.of("rows_read", "rows_kept", "rows_rejected", "rows_duplicate", "rows_superseded",
                "rows_before_min_date", "rows_after_as_of");
        List<Column> sums = new ArrayList<>();
        for (String c : columns) sums.add(sum(c).as(c));
        sums.add(sum(when(not(col("balanced")), 1).otherwise(0)).as("unbalanced"));
        RunLog.Counts counts = new RunLog.Counts();
        long unbalanced = 0;
        for (Row t : reconciliation.groupBy("dataset").agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
                .orderBy("dataset").collectAsList()) {
            for (String c : columns) {
                long n = t.getLong(t.fieldIndex(c));
                if (n > 0 || c.equals("rows_read") || c.equals("rows_kept")) counts.add(t.getString(0), c.substring("rows_".length()).replace('_', ' '), n);
            }
            unbalanced += t.getLong(t.fieldIndex("unbalanced"));
        }
        if (unbalanced > 0) {
            throw new IllegalStateException("ingest reconciliation does not balance for " + unbalanced + " file(s): see ingest_reconciliation");
        }
        ctx.log().stage(name(), counts, t0);
    }
}
