package dev.ich.cli;

import java.lang.reflect.Field;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** Checks the {@link Range} of every numeric option of the commands about to run. */
final class OptionRanges {

    private OptionRanges() {}

    /**
     * Checks the options given on the command line (the defaults are in range, which a test
     * checks).
     *
     * @throws ParameterException naming the first option whose value lies outside its range
     */
    static void check(CommandLine.ParseResult parsed) {
        for (CommandLine command : parsed.asCommandLineList()) {
            for (OptionSpec option : command.getCommandSpec().options()) {
                Range range = rangeOf(option);
                Object value = option.getValue();
                if (range == null
                        || !command.getParseResult().hasMatchedOption(option)
                        || !(value instanceof Number number)) {
                    continue;
                }
                double v = number.doubleValue();
                if (!(v >= range.min() && v <= range.max())) {
                    throw new ParameterException(
                            command,
                            String.format(
                                    Locale.ROOT,
                                    "%s must be from %s to %s, got %s",
                                    option.longestName(),
                                    format(range.min()),
                                    format(range.max()),
                                    value));
                }
            }
        }
    }

    /** The option's {@link Range}, or null when it has none. */
    static Range rangeOf(OptionSpec option) {
        return option.userObject() instanceof Field field ? field.getAnnotation(Range.class) : null;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v)
                : Double.toString(v);
    }
}
