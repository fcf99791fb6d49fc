package dev.ich.eval.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonPrimitive;
import dev.ich.eval.metrics.Estimate;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/** Number formatting for the tables: full precision in CSV and JSON, rounded in Markdown. */
final class Format {

    private Format() {}

    /** Full precision, round-trippable; empty for a missing value. */
    static String csv(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    static String csv(OptionalDouble v) {
        return v.isPresent() ? csv(v.getAsDouble()) : "";
    }

    static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** "4.91 [3.80, 6.12]". */
    static String withCi(Estimate e, int decimals) {
        return fixed(e.value(), decimals)
                + " ["
                + fixed(e.lower(), decimals)
                + ", "
                + fixed(e.upper(), decimals)
                + "]";
    }

    static String withCi(Optional<Estimate> e, int decimals) {
        return e.map(x -> withCi(x, decimals)).orElse("n/a");
    }

    /** A p-value with three significant digits, or "< 0.0001". */
    static String pValue(double p) {
        if (p < 1e-4) {
            return "< 0.0001";
        }
        return String.format(Locale.ROOT, "%.3g", p);
    }

    static JsonElement json(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    static JsonElement json(OptionalDouble v) {
        return v.isPresent() ? json(v.getAsDouble()) : JsonNull.INSTANCE;
    }

    static JsonArray interval(double lower, double upper) {
        JsonArray a = new JsonArray();
        a.add(json(lower));
        a.add(json(upper));
        return a;
    }

    static JsonElement interval(Optional<Estimate> e) {
        return e.<JsonElement>map(x -> interval(x.lower(), x.upper())).orElse(JsonNull.INSTANCE);
    }

    static JsonElement value(Optional<Estimate> e) {
        return e.<JsonElement>map(x -> json(x.value())).orElse(JsonNull.INSTANCE);
    }

    /** A CSV field, quoted when it holds a comma, quote or line break. */
    static String csvText(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** A Markdown table cell: pipes escaped, line breaks flattened. */
    static String md(String s) {
        return s.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }
}
