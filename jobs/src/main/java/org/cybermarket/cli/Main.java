package org.cybermarket.cli;

import org.cybermarket.pipeline.Errors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code cybermarket <command> [options]}. Exit 0 on success, 1 on a failed run, 2 on a usage error. */
@Command(name = "cybermarket", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Cybersecurity market analytics on Apache Spark: ingest, returns, sector returns, event studies, growth analytics.",
        footer = {"", "Also, through the ./cybermarket launcher: bench (the event-study benchmark against DuckDB and a bare Spark scan, "
                + "module bench/; ./cybermarket bench --help)."},
        subcommands = {PipelineCommand.class, JobCommands.Ingest.class, JobCommands.ReturnsCmd.class, JobCommands.Sectors.class, JobCommands.EventStudyCmd.class, JobCommands.Forecast.class,
                GenerateSampleCommand.class, GenerateScaledCommand.class, ExtractRealCommand.class, ReportCommand.class, QueryCommand.class, DescribeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where this process's Spark log goes (set before anything logs): a temporary file per run, named on failure. */
    static final String LOG_FILE = "cybermarket.log.file";

    public static void main(String[] args) {
        if (System.getProperty(LOG_FILE) == null) {
            java.nio.file.Path dir = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "cybermarket-logs");
            String stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC).format(java.time.Instant.now());
            System.setProperty(LOG_FILE, dir.resolve(stamp + "-" + ProcessHandle.current().pid() + ".log").toString());
        }
        System.exit(execute(args));
    }

    /** The last line of a failed command: the reason, and where Spark's log (with any stack trace) is. */
    static String failure(Throwable t) {
        // The whole story, stack trace included, goes to the log file that the line names; the console gets one line.
        org.apache.logging.log4j.LogManager.getLogger("cybermarket").error("the command failed", t);
        String reason = Errors.outOfMemory(t)
                ? String.format(java.util.Locale.ROOT, "out of memory: the Java heap of %,d MB was too small for this run; give it more, "
                + "for example CYBERMARKET_JAVA_OPTS=\"-Xmx8g\" ./cybermarket ... (under spark-submit: --driver-memory 8g)",
                Runtime.getRuntime().maxMemory() >> 20)
                : Errors.oneLine(t);
        String log = System.getProperty(LOG_FILE);
        boolean logged = log != null && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(log));
        return "cybermarket: " + reason + (logged ? " (details: " + log + ")" : "");
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the CLI with the given writers for picocli's own output and errors. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new Main()).setOut(out).setErr(err);
        // A usage error is one line saying what is wrong and where the help is, not the whole usage text.
        cmd.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("cybermarket: " + ex.getMessage().strip() + " (see: " + failed.getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cmd.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println(failure(ex));
            return 1;
        });
        try {
            return cmd.execute(args);
        } catch (Throwable t) { // an Error (Spark asserts with AssertionError) must still end in one line
            err.println(failure(t));
            err.flush();
            return 1;
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, for example: cybermarket pipeline");
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"cybermarket " + org.cybermarket.pipeline.Runner.version() + ", Spark " + org.apache.spark.package$.MODULE$.SPARK_VERSION()};
        }
    }
}
