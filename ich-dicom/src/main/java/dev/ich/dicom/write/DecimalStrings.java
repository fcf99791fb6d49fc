package dev.ich.dicom.write;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * DICOM Decimal String (DS) values: at most 16 characters, as close to the double as that allows.
 */
public final class DecimalStrings {

    static final int MAX_LENGTH = 16;

    private DecimalStrings() {}

    /** The shortest DS text of at most 16 characters nearest to {@code v}, which must be finite. */
    public static String format(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("a DS value must be finite, got " + v);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(v);
        for (int digits = 17; digits >= 1; digits--) {
            BigDecimal rounded =
                    exact.round(new MathContext(digits, RoundingMode.HALF_EVEN))
                            .stripTrailingZeros();
            String plain = rounded.toPlainString();
            if (plain.length() <= MAX_LENGTH) {
                return plain;
            }
            String scientific = scientific(rounded);
            if (scientific.length() <= MAX_LENGTH) {
                return scientific;
            }
        }
        throw new IllegalArgumentException("cannot write " + v + " as a DS value");
    }

    /** d.dddE±x, which BigDecimal.toString only uses for exponents below -6. */
    private static String scientific(BigDecimal v) {
        String digits = v.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - v.scale();
        String mantissa =
                digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (v.signum() < 0 ? "-" : "") + mantissa + "E" + exponent;
    }

    /** The value a reader will see: the formatted string parsed back. */
    static double roundTrip(double v) {
        return Double.parseDouble(format(v));
    }
}
