package org.cybermarket.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cybermarket.pipeline.Job;
import org.cybermarket.pipeline.JobContext;

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
        long recon = store.stage("ingest_reconciliation", r.reconciliation().coalesce(1));
        if (recon == 0) throw new IllegalStateException("no input file was read");
        store.stage("securities", r.securities().coalesce(1));
        long prices = store.stage("prices", r.prices().repartition(col("market")).sortWithinPartitions("symbol", "trade_date"), "market");
        store.stage("factors", r.factors().coalesce(1));
        long rejected = store.stage("rejects", r.rejects().coalesce(1));
        Dataset<Row> reconciliation = store.readStaged("ingest_reconciliation");
        Row totals = reconciliation.agg(sum("rows_read"), sum(when(not(col("balanced")), 1).otherwise(0))).first();
        if (!totals.isNullAt(1) && totals.getLong(1) > 0) {
            throw new IllegalStateException("ingest reconciliation does not balance for " + totals.getLong(1) + " file(s): see ingest_reconciliation");
        }
        ctx.log().stage(name(), totals.isNullAt(0) ? 0 : totals.getLong(0), prices, rejected, t0);
    }
}
