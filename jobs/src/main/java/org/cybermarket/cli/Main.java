package org.cybermarket.cli;

import org.cybermarket.pipeline.Errors;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: {@code cybermarket <command> [options]}. Exit 0 on success, 1 on a failed run, 2 on a usage error. */
@Command(name = "cybermarket", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Cybersecurity market analytics on Apache Spark: ingest, returns, sector returns, event studies, growth analytics.",
        subcommands = {PipelineCommand.class, JobCommands.Ingest.class, JobCommands.ReturnsCmd.class, JobCommands.Sectors.class, JobCommands.EventStudyCmd.class, JobCommands.Forecast.class,
                GenerateSampleCommand.class, GenerateScaledCommand.class, ExtractRealCommand.class, ReportCommand.class, QueryCommand.class, DescribeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int execute(String... args) {
        return execute(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the CLI with the given writers for picocli's own output and errors. */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cmd = new CommandLine(new Main()).setOut(out).setErr(err);
        cmd.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("cybermarket: " + Errors.oneLine(ex));
            return 1;
        });
        try {
            return cmd.execute(args);
        } catch (Throwable t) { // an Error (Spark asserts with AssertionError) must still end in one line
            err.println("cybermarket: " + Errors.oneLine(t));
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
