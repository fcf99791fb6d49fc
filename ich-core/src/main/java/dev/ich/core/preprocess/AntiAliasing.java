package dev.ich.core.preprocess;

/**
 * The Gaussian low-pass filter applied before a downsampling resize, as scikit-image's {@code
 * resize(..., anti_aliasing=True)} and MONAI's {@code Resize(anti_aliasing=True)} do: trilinear
 * interpolation alone samples the source at a few points per output voxel, so at a four- to
 * six-fold reduction (a head 300–380 pixels wide to 80 or 64 columns) image noise passes through
 * almost undiminished and a small object's share of the output depends on where the samples fall.
 *
 * <p>Per axis, σ = max(0, (in / out − 1) / 2) source voxels (scikit-image's rule); the kernel is
 * {@code exp(−x² / 2σ²)} on the integers |x| ≤ ⌊4σ + 0.5⌋, normalised to sum 1, and the volume's
 * edge value is repeated outside it. This is {@code scipy.ndimage.gaussian_filter(v, σ,
 * mode='nearest', truncate=4.0)}, the reference of the tests. An axis with σ = 0 is left as it is.
 *
 * <p>Written here because no library on Maven Central offers a separable 3D Gaussian filter on a
 * plain float array without pulling in an image-processing framework.
 */
final class AntiAliasing {

    private AntiAliasing() {}

    /** σ in source voxels for a resize from {@code in} to {@code out} voxels along one axis. */
    static double sigma(int in, int out) {
        return Math.max(0, ((double) in / out - 1) / 2);
    }

    /**
     * Filters {@code v} in place.
     *
     * @param v values with {@code nx} fastest, then {@code ny}, then {@code nz}
     * @param sigmas σ along x, y and z in voxels
     */
    static void filter(float[] v, int nx, int ny, int nz, double[] sigmas, int threads) {
        double[] kx = kernel(sigmas[0]);
        double[] ky = kernel(sigmas[1]);
        double[] kz = kernel(sigmas[2]);
        if (kx != null || ky != null) {
            Parallel.forEach(
                    nz,
                    threads,
                    () -> {
                        double[] line = new double[Math.max(nx, ny)];
                        return z -> {
                            int plane = z * nx * ny;
                            if (kx != null) {
                                for (int y = 0; y < ny; y++) {
                                    filterLine(v, plane + y * nx, 1, nx, kx, line);
                                }
                            }
                            if (ky != null) {
                                for (int x = 0; x < nx; x++) {
                                    filterLine(v, plane + x, nx, ny, ky, line);
                                }
                            }
                        };
                    });
        }
        if (kz != null) {
            Parallel.forEach(
                    ny,
                    threads,
                    () -> {
                        double[] line = new double[nz];
                        return y -> {
                            for (int x = 0; x < nx; x++) {
                                filterLine(v, y * nx + x, nx * ny, nz, kz, line);
                            }
                        };
                    });
        }
    }

    /** The normalised kernel, centre at index radius; null when σ is 0 (nothing to do). */
    static double[] kernel(double sigma) {
        if (!(sigma > 1e-15)) {
            return null;
        }
        int radius = (int) (4.0 * sigma + 0.5);
        double[] k = new double[2 * radius + 1];
        double sum = 0;
        for (int x = -radius; x <= radius; x++) {
            k[x + radius] = Math.exp(-0.5 * x * x / (sigma * sigma));
            sum += k[x + radius];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }

    /**
     * Convolves the {@code n} values at {@code start, start + stride, …} with {@code k}, edge
     * repeated.
     */
    private static void filterLine(
            float[] v, int start, int stride, int n, double[] k, double[] line) {
        for (int i = 0; i < n; i++) {
            line[i] = v[start + i * stride];
        }
        int radius = k.length / 2;
        for (int i = 0; i < n; i++) {
            double acc = 0;
            for (int t = -radius; t <= radius; t++) {
                int src = Math.min(n - 1, Math.max(0, i + t));
                acc += k[t + radius] * line[src];
            }
            v[start + i * stride] = (float) acc;
        }
    }
}
