package dev.ich.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.GradientCollector;
import dev.ich.model.IchModel;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Run in a child JVM by {@link ChannelBlockGuardTest}: prints the cap in force, then for every
 * convolution named on the command line ({@code mb,ic,oc,depth,height,width,kernel,stride,padding})
 * takes the output and the input and weight gradients through libtorch several times, each backward
 * pass inside {@link ChannelBlockGuard#backwardPass} for a network of the base width {@code
 * -Dprobe.network.width}, and prints, per shape, the largest error against the same sums in double
 * precision here, whether every value was finite and whether the repeats were bit-identical.
 */
public final class ConvolutionProbe {

    private static final int REPEATS = 3;

    private ConvolutionProbe() {}

    public static void main(String[] args) {
        System.out.println("cap: " + IchModel.cpuKernelCap().describe());
        Engines.pytorch();
        Engines.setIntraOpThreads(1);
        int networkWidth = Integer.getInteger("probe.network.width");
        for (String arg : args) {
            System.out.println(Convolution.parse(arg).check(networkWidth));
        }
        System.out.println(
                "oneDNN convolutions after the backward passes: "
                        + (ChannelBlockGuard.oneDnnConvolutionsEnabled() ? "on" : "off"));
    }

    /**
     * One convolution's shape: batch, channels in and out, volume, cubic kernel, stride and
     * padding.
     */
    record Convolution(int mb, int ic, int oc, int[] size, int k, int s, int p) {

        static Convolution parse(String spec) {
            int[] v = Arrays.stream(spec.split(",")).mapToInt(Integer::parseInt).toArray();
            return new Convolution(
                    v[0], v[1], v[2], new int[] {v[3], v[4], v[5]}, v[6], v[7], v[8]);
        }

        int[] out() {
            int[] o = new int[3];
            for (int a = 0; a < 3; a++) {
                o[a] = (size[a] + 2 * p - k) / s + 1;
            }
            return o;
        }

        String check(int networkWidth) {
            Random rng =
                    new Random(
                            Arrays.hashCode(
                                    new int[] {mb, ic, oc, size[0], size[1], size[2], k, s, p}));
            int[] o = out();
            float[] x = gaussian(rng, mb * ic * size[0] * size[1] * size[2]);
            float[] w = gaussian(rng, oc * ic * k * k * k);
            float[] g = gaussian(rng, mb * oc * o[0] * o[1] * o[2]);
            double[][] expected = reference(x, w, g);
            float[][] first = null;
            double[] worst = new double[3];
            boolean finite = true;
            boolean repeatable = true;
            for (int r = 0; r < REPEATS; r++) {
                float[][] got = run(x, w, g, networkWidth);
                for (int i = 0; i < 3; i++) {
                    worst[i] = Math.max(worst[i], relativeError(got[i], expected[i]));
                    finite &= Arrays.stream(box(got[i])).allMatch(Double::isFinite);
                }
                if (first == null) {
                    first = got;
                } else {
                    repeatable &= Arrays.deepEquals(first, got);
                }
            }
            return String.format(
                    Locale.ROOT,
                    "shape %d,%d,%d,%d,%d,%d,%d,%d,%d: output %.2e input-gradient %.2e "
                            + "weight-gradient %.2e finite %b repeatable %b",
                    mb,
                    ic,
                    oc,
                    size[0],
                    size[1],
                    size[2],
                    k,
                    s,
                    p,
                    worst[0],
                    worst[1],
                    worst[2],
                    finite,
                    repeatable);
        }

        private float[][] run(float[] x, float[] w, float[] g, int networkWidth) {
            int[] o = out();
            try (NDManager manager = Engines.pytorch().newBaseManager()) {
                NDArray xa = manager.create(x, new Shape(mb, ic, size[0], size[1], size[2]));
                NDArray wa = manager.create(w, new Shape(oc, ic, k, k, k));
                NDArray ga = manager.create(g, new Shape(mb, oc, o[0], o[1], o[2]));
                xa.setRequiresGradient(true);
                wa.setRequiresGradient(true);
                float[] y;
                try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                    NDArray ya =
                            Conv3d.conv3d(xa, wa, null, new Shape(s, s, s), new Shape(p, p, p))
                                    .singletonOrThrow();
                    y = ya.toFloatArray();
                    ChannelBlockGuard.backwardPass(
                            networkWidth, () -> collector.backward(ya.mul(ga).sum()));
                }
                return new float[][] {
                    y, xa.getGradient().toFloatArray(), wa.getGradient().toFloatArray()
                };
            }
        }

        /**
         * Output, input gradient and weight gradient of Σ g·conv(x, w), summed in double precision.
         */
        private double[][] reference(float[] x, float[] w, float[] g) {
            int[] o = out();
            int vin = size[0] * size[1] * size[2];
            int vout = o[0] * o[1] * o[2];
            int kk = k * k * k;
            double[] y = new double[mb * oc * vout];
            double[] gx = new double[x.length];
            double[] gw = new double[w.length];
            for (int b = 0; b < mb; b++) {
                for (int f = 0; f < oc; f++) {
                    for (int c = 0; c < ic; c++) {
                        for (int od = 0; od < o[0]; od++) {
                            for (int oh = 0; oh < o[1]; oh++) {
                                for (int ow = 0; ow < o[2]; ow++) {
                                    int yi = (b * oc + f) * vout + (od * o[1] + oh) * o[2] + ow;
                                    double sum = 0;
                                    double gy = g[yi];
                                    for (int kd = 0; kd < k; kd++) {
                                        int d = s * od + kd - p;
                                        if (d < 0 || d >= size[0]) {
                                            continue;
                                        }
                                        for (int kh = 0; kh < k; kh++) {
                                            int h = s * oh + kh - p;
                                            if (h < 0 || h >= size[1]) {
                                                continue;
                                            }
                                            for (int kw = 0; kw < k; kw++) {
                                                int q = s * ow + kw - p;
                                                if (q < 0 || q >= size[2]) {
                                                    continue;
                                                }
                                                int xi =
                                                        (b * ic + c) * vin
                                                                + (d * size[1] + h) * size[2]
                                                                + q;
                                                int wi = (f * ic + c) * kk + (kd * k + kh) * k + kw;
                                                sum += (double) x[xi] * w[wi];
                                                gx[xi] += gy * w[wi];
                                                gw[wi] += gy * x[xi];
                                            }
                                        }
                                    }
                                    y[yi] += sum;
                                }
                            }
                        }
                    }
                }
            }
            return new double[][] {y, gx, gw};
        }
    }

    private static float[] gaussian(Random rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    private static double[] box(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    private static double relativeError(float[] actual, double[] expected) {
        double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double difference = Math.abs(actual[i] - expected[i]);
            worst =
                    Math.max(
                            worst,
                            Double.isFinite(difference)
                                    ? difference / scale
                                    : Double.POSITIVE_INFINITY);
        }
        return worst;
    }
}
