package dev.sextant.experiments.cli;

import dev.sextant.experiments.campaign.CampaignException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sextant} command: {@code demo}, {@code run CAMPAIGN}, {@code worker}, {@code serve}, {@code bench},
 * {@code export}, {@code status}, {@code delete}; {@code sextant COMMAND --help} for each. Exit codes: 0 success, 1 error, 2 usage.
 */
@Command(name = "sextant", mixinStandardHelpOptions = true, version = "sextant 0.1.0",
        description = "Bayesian optimisation of expensive, noisy experiments: campaigns, workers, dashboard, benchmarks.",
        subcommands = {DemoCommand.class, RunCommand.class, WorkerCommand.class, ServeCommand.class, BenchCommand.class,
                ExportCommand.class, StatusCommand.class, DeleteCommand.class, CommandLine.HelpCommand.class})
public final class SextantCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Linear-algebra backend for the GP models; sets the system property the surrogate reads. */
    @CommandLine.Option(names = "--device", scope = CommandLine.ScopeType.INHERIT, paramLabel = "cpu|cuda|auto",
            description = "Linear-algebra backend for the models: cpu, cuda (GPU, CPU fallback) or auto (GPU for large "
                    + "problems). Default: $SEXTANT_DEVICE, else cpu.")
    void device(String device) {
        String d = device.trim().toLowerCase(java.util.Locale.ROOT);
        if (!d.equals("cpu") && !d.equals("cuda") && !d.equals("auto")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--device is '" + device + "'; expected cpu, cuda or auto");
        }
        System.setProperty("sextant.device", d);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (does not exit). */
    public static int execute(String... args) {
        quietLogging();
        CommandLine cl = new CommandLine(new SextantCli());
        cl.setUsageHelpWidth(120);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof CliException || ex instanceof CampaignException || ex instanceof IllegalArgumentException
                    || ex instanceof IllegalStateException) {
                err.println("sextant: " + ex.getMessage());
            } else {
                err.println("sextant: " + ex);
                ex.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Library logging at WARN unless the user chose a level (slf4j-simple). */
    private static void quietLogging() {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", System.getProperty("org.slf4j.simpleLogger.logFile", "System.err"));
    }
}
