package dev.ich.explain.cam;

import java.util.Objects;

/**
 * The arithmetic of the Grad-CAM family on one {@link CamCapture}. Sums run in double precision and
 * the result is rounded to float once, so the maps agree with PyTorch's float32 arithmetic to well
 * below the tolerance of the parity tests.
 */
public final class CamMath {

    /** Grad-CAM++'s guard against a zero denominator, as in the pytorch-grad-cam library. */
    static final double GRAD_CAM_PLUS_PLUS_EPS = 1e-6;

    private CamMath() {}

    /**
     * The low-resolution map, {@code depth × height × width} of the capture, {@code width} fastest.
     *
     * @param capture activations and gradients of the chosen output
     * @param method which member of the family
     * @param polarity which side of the evidence (see {@link Polarity})
     */
    public static float[] map(CamCapture capture, CamMethod method, Polarity polarity) {
        Objects.requireNonNull(capture, "capture");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(polarity, "polarity");
        // Explaining −y is the same method with every gradient negated.
        double sign = polarity == Polarity.NEGATIVE ? -1 : 1;
        double[] sum =
                switch (method) {
                    case GRAD_CAM -> weightedSum(capture, gradCamWeights(capture, sign));
                    case GRAD_CAM_PLUS_PLUS ->
                            weightedSum(capture, gradCamPlusPlusWeights(capture, sign));
                    // Integrated gradients' capture is (x − x', mean path gradient): HiResCAM's
                    // product.
                    case HI_RES_CAM, INTEGRATED_GRADIENTS -> elementwiseSum(capture, sign, false);
                    case LAYER_CAM -> elementwiseSum(capture, sign, true);
                };
        boolean relu = polarity != Polarity.SIGNED;
        float[] out = new float[sum.length];
        for (int v = 0; v < sum.length; v++) {
            out[v] = (float) (relu ? Math.max(0, sum[v]) : sum[v]);
        }
        return out;
    }

    /**
     * Grad-CAM's channel weights {@code α_k = (1/Z) Σ_map ∂y/∂A_k} (the paper's eq. 3), for the
     * output {@code sign·y}.
     */
    public static double[] gradCamWeights(CamCapture capture, double sign) {
        int c = capture.channels();
        int m = capture.mapSize();
        double[] alpha = new double[c];
        for (int k = 0; k < c; k++) {
            double s = 0;
            int base = k * m;
            for (int v = 0; v < m; v++) {
                s += capture.gradient(base + v);
            }
            alpha[k] = sign * s / m;
        }
        return alpha;
    }

    /**
     * Grad-CAM++'s channel weights (see {@link CamMethod#GRAD_CAM_PLUS_PLUS}) for the output {@code
     * sign·y}.
     */
    public static double[] gradCamPlusPlusWeights(CamCapture capture, double sign) {
        int c = capture.channels();
        int m = capture.mapSize();
        double[] w = new double[c];
        for (int k = 0; k < c; k++) {
            int base = k * m;
            double sumA = 0;
            for (int v = 0; v < m; v++) {
                sumA += capture.activation(base + v);
            }
            double s = 0;
            for (int v = 0; v < m; v++) {
                double g = sign * capture.gradient(base + v);
                if (g <= 0) {
                    // ReLU(g) = 0 here, and a = 0 where g = 0: the voxel adds nothing.
                    continue;
                }
                double g2 = g * g;
                double a = g2 / (2 * g2 + sumA * g2 * g + GRAD_CAM_PLUS_PLUS_EPS);
                s += a * g;
            }
            w[k] = s;
        }
        return w;
    }

    private static double[] weightedSum(CamCapture capture, double[] weights) {
        int m = capture.mapSize();
        double[] sum = new double[m];
        for (int k = 0; k < weights.length; k++) {
            double wk = weights[k];
            if (wk == 0) {
                continue;
            }
            int base = k * m;
            for (int v = 0; v < m; v++) {
                sum[v] += wk * capture.activation(base + v);
            }
        }
        return sum;
    }

    private static double[] elementwiseSum(CamCapture capture, double sign, boolean reluGradient) {
        int m = capture.mapSize();
        double[] sum = new double[m];
        for (int k = 0; k < capture.channels(); k++) {
            int base = k * m;
            for (int v = 0; v < m; v++) {
                double g = sign * capture.gradient(base + v);
                if (reluGradient && g < 0) {
                    continue;
                }
                sum[v] += g * capture.activation(base + v);
            }
        }
        return sum;
    }
}
