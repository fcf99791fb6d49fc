package dev.ich.eval.report;

import dev.ich.eval.table.CaseTable;
import dev.ich.eval.table.EstimateColumn;
import dev.ich.eval.table.ProbabilityColumn;
import java.util.Random;

/**
 * A synthetic cohort shaped like the paper's (skewed volumes, ~30 % poor outcomes, two raters, a
 * single-task model).
 */
final class Cohort {

    private Cohort() {}

    static CaseTable make(int n, long seed) {
        Random rng = new Random(seed);
        CaseTable.Builder b = CaseTable.builder("synthetic cohort");
        double[] abc2 = new double[n];
        boolean[] abc2Present = new boolean[n];
        double[] rater = new double[n];
        double[] single = new double[n];
        for (int i = 0; i < n; i++) {
            double size = 1 + 4 * rng.nextDouble();
            double volume = Math.round(size * size * size * 100) / 100.0;
            double predicted =
                    Math.max(0.1, volume * (1 + 0.2 * rng.nextGaussian()) + rng.nextGaussian());
            double risk = 1 / (1 + Math.exp(-(volume - 40) / 12));
            int outcome = rng.nextDouble() < risk ? 1 : 0;
            double p =
                    clamp(
                            1
                                    / (1
                                            + Math.exp(
                                                    -(Math.log(risk / (1 - risk))
                                                            + 1.2 * rng.nextGaussian()))));
            single[i] =
                    clamp(
                            1
                                    / (1
                                            + Math.exp(
                                                    -(Math.log(risk / (1 - risk))
                                                            + 2.0 * rng.nextGaussian()))));
            b.addCase("case-" + i, volume, predicted, outcome, p);
            abc2[i] = volume * (1.15 + 0.25 * rng.nextGaussian()) + 0.5;
            abc2[i] = Math.max(0, abc2[i]);
            abc2Present[i] = i % 10 != 3;
            rater[i] = Math.max(0, volume * (1 + 0.1 * rng.nextGaussian()));
        }
        return b.addEstimate(new EstimateColumn("abc2", abc2, abc2Present))
                .addEstimate(EstimateColumn.complete("rater1_planimetry", rater))
                .addModel(new ProbabilityColumn("single_task", single))
                .build();
    }

    private static double clamp(double p) {
        return Math.round(Math.min(1, Math.max(0, p)) * 1000) / 1000.0;
    }
}
