package dev.ich.eval.table;

import dev.ich.core.error.IchException;
import java.util.regex.Pattern;

/** Strict parsing of table cells; errors name the file, line and column. */
final class Cells {

    /** Plain decimal numbers only: no NaN, Infinity, hexadecimal or Java's 'd'/'f' suffixes. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private Cells() {}

    static double number(String file, int line, String column, String cell) throws IchException {
        String s = cell.strip();
        if (s.isEmpty()) {
            throw CsvReader.error(file, line, "column " + column + " is empty");
        }
        if (!DECIMAL.matcher(s).matches()) {
            throw CsvReader.error(
                    file,
                    line,
                    "column " + column + " holds '" + abbreviate(s) + "', which is not a number");
        }
        double v = Double.parseDouble(s);
        if (!Double.isFinite(v)) {
            throw CsvReader.error(
                    file,
                    line,
                    "column " + column + " holds " + abbreviate(s) + ", which overflows a double");
        }
        return v;
    }

    static double volume(String file, int line, String column, String cell) throws IchException {
        double v = number(file, line, column, cell);
        if (v < 0) {
            throw CsvReader.error(
                    file,
                    line,
                    "column " + column + " is " + v + " ml; a volume cannot be negative");
        }
        return v;
    }

    static double probability(String file, int line, String column, String cell)
            throws IchException {
        double v = number(file, line, column, cell);
        if (v < 0 || v > 1) {
            throw CsvReader.error(
                    file,
                    line,
                    "column " + column + " is " + v + "; a probability must lie in [0, 1]");
        }
        return v;
    }

    static int outcome(String file, int line, String column, String cell) throws IchException {
        String s = cell.strip();
        if (s.equals("0")) {
            return 0;
        }
        if (s.equals("1")) {
            return 1;
        }
        throw CsvReader.error(
                file,
                line,
                "column "
                        + column
                        + " holds '"
                        + abbreviate(s)
                        + "'; the outcome must be 0 (good) or 1 (poor)");
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }
}
