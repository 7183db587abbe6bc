package org.cybermarket.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.io.OutputStore;
import org.cybermarket.pipeline.Job;
import org.cybermarket.pipeline.JobContext;

import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/** Reads every configured input into the canonical datasets: securities, prices, factors, rejects, ingest_reconciliation. */
public final class IngestJob implements Job {
    @Override
    public String name() { return "ingest"; }

    @Override
    public void run(JobContext ctx) {
        long t0 = System.nanoTime();
        Ingest.Result r = Ingest.run(ctx.spark(), ctx.config(), ctx.asOf());
        var store = ctx.store();
        // Written together: the first to need a cached input parses it, the others wait for it and share it.
        Map<String, Long> rows = store.stageAll(List.of(
                new OutputStore.Staging("ingest_reconciliation", r.reconciliation().coalesce(1)),
                new OutputStore.Staging("securities", r.securities().coalesce(1)),
                new OutputStore.Staging("prices", r.prices().repartition(col("market")).sortWithinPartitions("symbol", "trade_date"), "market"),
                new OutputStore.Staging("factors", r.factors().coalesce(1)),
                new OutputStore.Staging("rejects", r.rejects().coalesce(1))));
        if (rows.get("ingest_reconciliation") == 0) throw new IllegalStateException("no input file was read");
        long prices = rows.get("prices");
        long rejected = rows.get("rejects");
        Dataset<Row> reconciliation = store.readStaged("ingest_reconciliation");
        Row totals = reconciliation.agg(sum("rows_read"), sum(when(not(col("balanced")), 1).otherwise(0))).first();
        if (!totals.isNullAt(1) && totals.getLong(1) > 0) {
            throw new IllegalStateException("ingest reconciliation does not balance for " + totals.getLong(1) + " file(s): see ingest_reconciliation");
        }
        ctx.log().stage(name(), totals.isNullAt(0) ? 0 : totals.getLong(0), prices, rejected, t0);
    }
}
