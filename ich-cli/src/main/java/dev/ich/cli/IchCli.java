package dev.ich.cli;

import dev.ich.core.error.IchException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ich} command line. Each sub-command is a small class of its own; this class wires them
 * together and turns user mistakes into one-line errors with a non-zero exit code.
 */
@Command(
        name = "ich",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Intracerebral haemorrhage volume, prognosis and explanation on head CT (Gong et al. 2023).",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            AnalyzeCommand.class,
            PhantomsCommand.class,
            PhantomPreviewCommand.class,
            BenchCommand.class,
            EvaluateCommand.class,
            VolumeCommand.class,
            InfoCommand.class,
            ConvertCommand.class,
            TrainCommand.class,
            PredictCommand.class,
            ExplainCommand.class,
        })
public final class IchCli {

    /** Exit code for a problem with the user's input (a file, a study, an option value). */
    static final int EXIT_BAD_INPUT = 2;

    /** Exit code for an unexpected internal failure (a bug: please report it). */
    static final int EXIT_INTERNAL = 3;

    private IchCli() {}

    public static void main(String[] args) {
        System.exit(
                run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given output streams and returns the exit code (for tests).
     */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new IchCli());
        cli.setOut(out);
        cli.setErr(err);
        // Wide enough that one-line command descriptions stay on one line in the listing.
        cli.setUsageHelpWidth(120);
        cli.setExecutionExceptionHandler(IchCli::handleExecutionException);
        CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
        cli.setExecutionStrategy(
                parsed -> {
                    Integer help = CommandLine.executeHelpRequest(parsed);
                    if (help != null) {
                        return help;
                    }
                    OptionRanges.check(parsed);
                    return runLast.execute(parsed);
                });
        return cli.execute(args);
    }

    /** A user mistake becomes one line on stderr; the stack trace only with {@code --debug}. */
    private static int handleExecutionException(
            Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        boolean debug =
                parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"))
                        || parsed.hasMatchedOption("--debug");
        if (e instanceof IchException || e instanceof IllegalArgumentException) {
            err.println("ich " + cmd.getCommandName() + ": error: " + e.getMessage());
            if (debug) {
                e.printStackTrace(err);
            } else {
                err.println("(run again with --debug for details)");
            }
            return EXIT_BAD_INPUT;
        }
        err.println(
                "ich "
                        + cmd.getCommandName()
                        + ": internal error: "
                        + e
                        + " (this is a bug; run again with --debug and report the output)");
        if (debug) {
            e.printStackTrace(err);
        }
        return EXIT_INTERNAL;
    }
}
