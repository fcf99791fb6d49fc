package dev.ich.model.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.training.GradientCollector;
import dev.ich.model.IchModel;
import java.util.Locale;

/**
 * Run in a child JVM by {@link NativeGuardTest}: prints the cap in force, then takes the weight
 * gradient of a one-channel 7×7×7 stride-2 convolution of a volume only 5 slices deep (args: {@code
 * crash}) or 9 slices deep ({@code safe}) and prints its largest error against the same gradient
 * summed in double precision here. The 5-slice case is the upstream reproducer: oneDNN's AVX-512
 * weight-gradient kernel crashes, hangs or returns garbage on it.
 */
public final class GuardProbe {

    private static final int KERNEL = 7;
    private static final int STRIDE = 2;
    private static final int PADDING = 3;

    private GuardProbe() {}

    public static void main(String[] args) {
        System.out.println("cap: " + IchModel.cpuKernelCap().describe());
        Engines.pytorch();
        System.out.println("offline: " + System.getProperty("ai.djl.offline"));
        int depth = args[0].equals("crash") ? 5 : 9;
        long[] shape = {3, 1, depth, 6, 7};
        double worst = 0;
        for (int repeat = 0; repeat < 5; repeat++) {
            try (NDManager manager = Engines.pytorch().newBaseManager()) {
                NDArray x = manager.randomNormal(new Shape(shape));
                NDArray w = manager.randomNormal(new Shape(4, 1, KERNEL, KERNEL, KERNEL));
                w.setRequiresGradient(true);
                try (GradientCollector collector = Engines.pytorch().newGradientCollector()) {
                    NDArray y =
                            Conv3d.conv3d(
                                            x,
                                            w,
                                            null,
                                            new Shape(STRIDE, STRIDE, STRIDE),
                                            new Shape(PADDING, PADDING, PADDING))
                                    .singletonOrThrow();
                    collector.backward(y.sum());
                }
                worst =
                        Math.max(
                                worst,
                                relativeError(
                                        w.getGradient().toFloatArray(),
                                        expected(x.toFloatArray(), shape)));
            }
        }
        System.out.printf(Locale.ROOT, "max relative error: %.3e%n", worst);
    }

    /**
     * d(Σ y)/d w[f, k] = Σ over samples and output voxels p of x[2p + k − 3], the same for every
     * filter f.
     */
    private static double[] expected(float[] x, long[] shape) {
        int n = (int) shape[0];
        int[] size = {(int) shape[2], (int) shape[3], (int) shape[4]};
        int[] out = new int[3];
        for (int axis = 0; axis < 3; axis++) {
            out[axis] = (size[axis] + 2 * PADDING - KERNEL) / STRIDE + 1;
        }
        double[] g = new double[KERNEL * KERNEL * KERNEL];
        for (int b = 0; b < n; b++) {
            for (int kd = 0; kd < KERNEL; kd++) {
                for (int kh = 0; kh < KERNEL; kh++) {
                    for (int kw = 0; kw < KERNEL; kw++) {
                        double sum = 0;
                        for (int pd = 0; pd < out[0]; pd++) {
                            for (int ph = 0; ph < out[1]; ph++) {
                                for (int pw = 0; pw < out[2]; pw++) {
                                    int d = STRIDE * pd + kd - PADDING;
                                    int h = STRIDE * ph + kh - PADDING;
                                    int w = STRIDE * pw + kw - PADDING;
                                    if (d >= 0
                                            && d < size[0]
                                            && h >= 0
                                            && h < size[1]
                                            && w >= 0
                                            && w < size[2]) {
                                        sum += x[((b * size[0] + d) * size[1] + h) * size[2] + w];
                                    }
                                }
                            }
                        }
                        g[(kd * KERNEL + kh) * KERNEL + kw] += sum;
                    }
                }
            }
        }
        return g;
    }

    private static double relativeError(float[] actual, double[] perFilter) {
        double scale = 0;
        for (double v : perFilter) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        for (int i = 0; i < actual.length; i++) {
            double difference = Math.abs(actual[i] - perFilter[i % perFilter.length]);
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
