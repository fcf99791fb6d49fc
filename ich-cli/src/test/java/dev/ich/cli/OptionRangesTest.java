package dev.ich.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every numeric option of every command has a range, checked before the command does any work. */
class OptionRangesTest {

    private static final Set<Class<?>> NUMERIC =
            Set.of(
                    int.class,
                    long.class,
                    double.class,
                    float.class,
                    Integer.class,
                    Long.class,
                    Double.class,
                    Float.class);

    @Test
    void everyNumericOptionHasARangeThatHoldsItsDefault() {
        List<String> missing = new ArrayList<>();
        CommandLine root = new CommandLine(IchCli.class);
        for (CommandLine command : root.getSubcommands().values()) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                if (!NUMERIC.contains(option.type())) {
                    continue;
                }
                String name = command.getCommandName() + " " + option.longestName();
                Range range = OptionRanges.rangeOf(option);
                if (range == null) {
                    missing.add(name);
                } else if (option.defaultValue() != null) {
                    double d = Double.parseDouble(option.defaultValue());
                    assertThat(d).as(name + " default").isBetween(range.min(), range.max());
                }
            }
        }
        assertThat(missing).as("numeric options without @Range").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "evaluate --predictions p.csv --out o --bootstrap 2000000000 | --bootstrap",
                "predict --model m s.nii --threads 100000 | --threads",
                "predict --model m s.nii --threads 0 | --threads",
                "train --manifest m.csv --out o --epochs 0 | --epochs",
                "explain --model m s.nii --out o --tile 1000000 | --tile",
            })
    @Timeout(10)
    void anOutOfRangeValueIsAUsageErrorBeforeAnyWork(String args, String option) {
        StringWriter err = new StringWriter();
        int code =
                IchCli.run(
                        args.trim().split(" "),
                        new PrintWriter(new StringWriter(), true),
                        new PrintWriter(err, true));
        assertThat(code).isEqualTo(IchCli.EXIT_BAD_INPUT);
        assertThat(err.toString()).contains(option + " must be from").doesNotContain("at dev.ich");
    }
}
