package dev.ich.eval.report;

import dev.ich.core.error.IchException;
import dev.ich.core.io.OutputBatch;
import dev.ich.eval.Evaluation;
import java.util.List;

/**
 * Files an {@link EvaluationWriter} writes beside {@code metrics.json} and the tables, in the same
 * all-or-none batch: the figures of the {@code ich-eval-plots} artifact ({@code
 * dev.ich.eval.plot.EvaluationFigures}), for example. It lets the metrics stay free of any plotting
 * library.
 */
public interface EvaluationFiles {

    /**
     * The names of the files {@link #write} creates, in order.
     *
     * @return file names inside the evaluation folder
     */
    List<String> fileNames();

    /**
     * Writes every file {@link #fileNames()} names to the temporary path the batch gives for it
     * ({@link OutputBatch#temporary}); the writer commits the batch.
     *
     * @param evaluation what to show
     * @param batch the evaluation folder's batch
     * @throws IchException when a file cannot be written
     */
    void write(Evaluation evaluation, OutputBatch batch) throws IchException;
}
