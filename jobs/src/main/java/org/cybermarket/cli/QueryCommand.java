package org.cybermarket.cli;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cybermarket.io.CsvExport;
import org.cybermarket.io.OutputStore;
import org.cybermarket.io.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** SQL over the outputs: every dataset is a view named after its folder. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Run SQL over the output datasets (each registered as a view named after its folder).")
final class QueryCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "SQL", description = "The statement (or use --file).")
    String sql;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the statement from a file.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Output root to query (default: ${DEFAULT-VALUE}).")
    String root;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the result as CSV (formula-like cells neutralised).")
    Path csv;

    @Option(names = "--parquet", paramLabel = "DIR", description = "Write the result as Parquet.")
    String parquet;

    @Option(names = "--limit", defaultValue = "50", description = "Rows to print (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark master (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark configuration, repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if ((sql == null) == (file == null)) throw new IllegalArgumentException("give the SQL statement or --file, not both or neither");
        String statement = sql != null ? sql : Files.readString(file);
        SparkSession spark = SparkSessions.create(master, conf);
        OutputStore store = new OutputStore(spark, root, "query");
        for (String name : store.datasets()) store.read(name).createOrReplaceTempView(name);
        Dataset<Row> result = spark.sql(statement);
        if (csv != null) {
            long n = CsvExport.write(result, csv);
            System.out.println("wrote " + n + " rows to " + csv);
        } else if (parquet != null) {
            result.write().mode("overwrite").parquet(parquet);
            System.out.println("wrote " + parquet);
        } else {
            result.show(limit, false);
        }
        return 0;
    }
}
