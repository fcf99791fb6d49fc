package dev.ich.eval.table;

import java.util.Arrays;
import java.util.Objects;

/**
 * Another rater's or method's volume estimate for the cases (a Table 1 row), possibly missing for
 * some cases.
 *
 * @param name the column name, shown in the tables
 * @param valuesMl per case the estimate in ml; ignored where {@code present} is false
 * @param present per case whether there is an estimate
 */
public record EstimateColumn(String name, double[] valuesMl, boolean[] present) {

    public EstimateColumn {
        Objects.requireNonNull(name, "name");
        if (valuesMl.length != present.length) {
            throw new IllegalArgumentException(
                    "column "
                            + name
                            + ": "
                            + valuesMl.length
                            + " values but "
                            + present.length
                            + " presence flags");
        }
        valuesMl = valuesMl.clone();
        present = present.clone();
        for (int i = 0; i < valuesMl.length; i++) {
            if (present[i] && !(Double.isFinite(valuesMl[i]) && valuesMl[i] >= 0)) {
                throw new IllegalArgumentException(
                        "column "
                                + name
                                + ", case "
                                + i
                                + ": volume "
                                + valuesMl[i]
                                + " is not a finite non-negative number");
            }
        }
    }

    /** A column with an estimate for every case. */
    public static EstimateColumn complete(String name, double[] valuesMl) {
        boolean[] all = new boolean[valuesMl.length];
        Arrays.fill(all, true);
        return new EstimateColumn(name, valuesMl, all);
    }

    @Override
    public double[] valuesMl() {
        return valuesMl.clone();
    }

    @Override
    public boolean[] present() {
        return present.clone();
    }

    /** The number of cases with an estimate. */
    public int count() {
        int c = 0;
        for (boolean p : present) {
            if (p) {
                c++;
            }
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EstimateColumn
                && ((EstimateColumn) o).name.equals(name)
                && Arrays.equals(((EstimateColumn) o).valuesMl, valuesMl)
                && Arrays.equals(((EstimateColumn) o).present, present);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(valuesMl);
    }

    @Override
    public String toString() {
        return "EstimateColumn[" + name + ", " + count() + " of " + present.length + " cases]";
    }
}
