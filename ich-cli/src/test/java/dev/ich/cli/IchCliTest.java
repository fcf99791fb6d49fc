package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IchCliTest {

    /** Output and exit code of one run of the command line. */
    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = IchCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommandWithADescriptionAndEachCommandHasHelp() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        Map<String, CommandLine> commands = new CommandLine(IchCli.class).getSubcommands();
        assertThat(commands).isNotEmpty();
        for (Map.Entry<String, CommandLine> command : commands.entrySet()) {
            String[] description = command.getValue().getCommandSpec().usageMessage().description();
            assertThat(description).as("description of %s", command.getKey()).isNotEmpty();
            // picocli wraps long descriptions, so compare with white space folded.
            String firstLine = description[0].split("%n")[0].replaceAll("\\s+", " ");
            assertThat(help.out().replaceAll("\\s+", " "))
                    .contains(command.getKey())
                    .contains(firstLine);
            Run commandHelp = run(command.getKey(), "--help");
            assertThat(commandHelp.exitCode()).as("%s --help", command.getKey()).isZero();
            assertThat(commandHelp.out()).contains("Usage: ich " + command.getKey());
        }
    }

    /** The launcher sets nothing about oneDNN: the library's own guard is what `ich` reports. */
    @Test
    void versionReportsTheCapOnLibtorchsCpuKernels() {
        Run run = run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .containsPattern("native: oneDNN kernels capped at AVX2 by (ich|the environment)");
    }

    @Test
    void anUnknownCommandIsAUsageErrorWithoutAStackTrace() {
        Run run = run("frobnicate");
        assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("frobnicate").doesNotContain("at dev.ich");
    }
}
