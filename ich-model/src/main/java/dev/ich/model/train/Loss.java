package dev.ich.model.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.ich.model.internal.FloatTensors;

/**
 * The paper's loss: {@code w_reg · MSE(size, ∛volume) + w_cls · BCE(p_death, outcome)}, batch
 * means.
 *
 * <p>The BCE on the softmax probability {@code p = softmax(scores)[1]} equals the two-class cross
 * entropy of the scores ({@code −log softmax(scores)[outcome]}); it is computed that way, through
 * the log-softmax, which is exact where {@code log(p)} would overflow. This is {@code
 * F.mse_loss(size, target) * w_reg + F.cross_entropy(scores, outcome) * w_cls} in
 * tools/reference/ich_net.py ({@code loss_fn}). With {@link RegressionLoss#RELATIVE_MSE} the first
 * term is {@code relative_loss_fn}'s instead.
 */
final class Loss {

    private final TaskMode mode;
    private final double wReg;
    private final double wCls;
    private final RegressionLoss regression;
    private final double referenceTarget;

    /**
     * @param referenceTarget the training set's mean ∛volume, which scales {@link
     *     RegressionLoss#RELATIVE_MSE}
     */
    Loss(
            TaskMode mode,
            double wReg,
            double wCls,
            RegressionLoss regression,
            double referenceTarget) {
        this.mode = mode;
        this.wReg = wReg;
        this.wCls = wCls;
        this.regression = regression;
        this.referenceTarget = referenceTarget;
    }

    /** The paper's loss: MSE and BCE. */
    static Loss paper(TaskMode mode, double wReg, double wCls) {
        return new Loss(mode, wReg, wCls, RegressionLoss.MSE, 1);
    }

    TaskMode mode() {
        return mode;
    }

    /**
     * @param size predicted sizes {@code N×1}
     * @param scores class scores {@code N×2}
     * @param sizeTargets cube roots of the volumes, length N
     * @param outcomes 0 (survived) or 1 (died), length N
     */
    NDArray compute(
            NDManager manager, NDArray size, NDArray scores, float[] sizeTargets, int[] outcomes) {
        NDArray total = null;
        if (mode.trainsVolume()) {
            int n = sizeTargets.length;
            NDArray squared =
                    size.sub(FloatTensors.of(manager, new Shape(n, 1), sizeTargets)).square();
            if (regression == RegressionLoss.RELATIVE_MSE) {
                float[] weights = new float[n];
                for (int i = 0; i < n; i++) {
                    double r = referenceTarget / sizeTargets[i];
                    weights[i] = (float) (r * r);
                }
                squared = squared.mul(FloatTensors.of(manager, new Shape(n, 1), weights));
            }
            total = squared.mean().mul((float) wReg);
        }
        if (mode.trainsPrognosis()) {
            float[] oneHot = new float[outcomes.length * 2];
            for (int i = 0; i < outcomes.length; i++) {
                oneHot[i * 2 + outcomes[i]] = 1f;
            }
            NDArray picked =
                    scores.logSoftmax(1)
                            .mul(FloatTensors.of(manager, new Shape(outcomes.length, 2), oneHot))
                            .sum();
            NDArray ce = picked.div(-(float) outcomes.length);
            NDArray weighted = ce.mul((float) wCls);
            total = total == null ? weighted : total.add(weighted);
        }
        return total;
    }
}
