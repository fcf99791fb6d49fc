package dev.ich.eval.table;

import java.util.Arrays;
import java.util.Objects;

/**
 * Another model's predicted probability of the poor outcome for every case (a Table 2 row, compared
 * with the main model by DeLong's test).
 *
 * @param name the model name, shown in the tables
 * @param probabilities per case, in [0, 1]
 */
public record ProbabilityColumn(String name, double[] probabilities) {

    public ProbabilityColumn {
        Objects.requireNonNull(name, "name");
        probabilities = probabilities.clone();
        for (int i = 0; i < probabilities.length; i++) {
            if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
                throw new IllegalArgumentException(
                        "model "
                                + name
                                + ", case "
                                + i
                                + ": probability "
                                + probabilities[i]
                                + " is not in [0, 1]");
            }
        }
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbabilityColumn
                && ((ProbabilityColumn) o).name.equals(name)
                && Arrays.equals(((ProbabilityColumn) o).probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(probabilities);
    }

    @Override
    public String toString() {
        return "ProbabilityColumn[" + name + ", " + probabilities.length + " cases]";
    }
}
