package dev.ich.bench;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.util.SplittableRandom;

/**
 * The study the benchmarks run on: 512 × 512 × 40 voxels of 0.45 × 0.45 × 5 mm, a head-shaped
 * ellipsoid (skull 900–1100 HU, brain 20–60 HU) in noisy air (−1010 to −990 HU), seeded. {@code
 * tools/bench/preprocess_torch.py} builds the same shape (same formula, its own noise), so both
 * crop the same box: i 66–446, j 21–471, k 0–39.
 */
public final class BenchHead {

    public static final int NX = 512;
    public static final int NY = 512;
    public static final int NZ = 40;

    private BenchHead() {}

    public static CtVolume create(long seed) {
        VolumeGeometry g =
                VolumeGeometry.axial(
                        NX, NY, NZ, new Vec3(0.45, 0.45, 5.0), new Vec3(-115, -115, 0));
        SplittableRandom random = new SplittableRandom(seed);
        float[] hu = new float[g.voxelCount()];
        int n = 0;
        for (int k = 0; k < NZ; k++) {
            double rk = (k - 19.5) / 20.5;
            for (int j = 0; j < NY; j++) {
                double rj = (j - 246.0) / 225.0;
                for (int i = 0; i < NX; i++) {
                    double ri = (i - 256.0) / 190.0;
                    double r2 = ri * ri + rj * rj + rk * rk;
                    double u = random.nextDouble();
                    hu[n++] =
                            (float)
                                    (r2 < 0.85
                                            ? 20 + 40 * u
                                            : r2 < 1 ? 900 + 200 * u : -1010 + 20 * u);
                }
            }
        }
        return CtVolume.wrap(g, hu, Provenance.synthetic("bench-head:seed=" + seed, NZ));
    }
}
