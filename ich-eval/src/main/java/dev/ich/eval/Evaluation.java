package dev.ich.eval;

import dev.ich.eval.table.CaseTable;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link Evaluator#evaluate}: the paper's Table 1 (volume rows, the model's first),
 * Table 2 (prognosis rows, the model's first) and the DeLong comparisons of every further model
 * with the main one, with the cases kept for the figures.
 *
 * @param cases the evaluated cases
 * @param options how they were evaluated
 * @param volumeRows Table 1 rows, the model first, then every estimate column
 * @param prognosisRows Table 2 rows, the model first, then every further model
 * @param comparisons DeLong's test of the model against each further model
 */
public record Evaluation(
        CaseTable cases,
        EvaluationOptions options,
        List<VolumeRow> volumeRows,
        List<PrognosisRow> prognosisRows,
        List<ModelComparison> comparisons) {

    public Evaluation {
        Objects.requireNonNull(cases, "cases");
        Objects.requireNonNull(options, "options");
        volumeRows = List.copyOf(volumeRows);
        prognosisRows = List.copyOf(prognosisRows);
        comparisons = List.copyOf(comparisons);
        if (volumeRows.isEmpty() || prognosisRows.isEmpty()) {
            throw new IllegalArgumentException(
                    "an evaluation has at least the model's volume and prognosis rows");
        }
    }

    /** The main model's volume row. */
    public VolumeRow modelVolume() {
        return volumeRows.get(0);
    }

    /** The main model's prognosis row. */
    public PrognosisRow modelPrognosis() {
        return prognosisRows.get(0);
    }
}
