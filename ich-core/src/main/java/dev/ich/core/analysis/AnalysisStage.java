package dev.ich.core.analysis;

/** The steps of one analysis, in order; each is timed. */
public enum AnalysisStage {
    READ,
    PREPROCESS,
    PREDICT,
    ESTIMATE,
    EXPLAIN
}
