package dev.ich.eval.metrics;

/**
 * DeLong's test of two correlated AUCs (two models scored on the same cases).
 *
 * @param aucA the AUC of model A
 * @param aucB the AUC of model B
 * @param difference aucA − aucB
 * @param variance DeLong's variance of the difference, var(A) + var(B) − 2 cov(A, B)
 * @param z difference / √variance; ±∞ when the variance is 0 and the AUCs differ, 0 when both are
 *     equal
 * @param pValue two-sided p-value, 2·(1 − Φ(|z|))
 * @param lower lower confidence bound of the difference
 * @param upper upper confidence bound of the difference
 * @param level the confidence level of the bounds
 */
public record DeLongComparison(
        double aucA,
        double aucB,
        double difference,
        double variance,
        double z,
        double pValue,
        double lower,
        double upper,
        double level) {}
