package dev.ich.core.preprocess;

import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Small volumes for the preprocessing tests. */
final class TestVolumes {

    private TestVolumes() {}

    /** Axis-aligned, 1 mm isotropic. */
    static VolumeGeometry axial(int nx, int ny, int nz) {
        return VolumeGeometry.axial(nx, ny, nz, new Vec3(1, 1, 1), Vec3.ZERO);
    }

    /**
     * Rotated about two axes, with a tilted slice axis and anisotropic spacing (0.45 × 0.7 × 4 mm):
     * nothing about it is aligned with anything.
     */
    static VolumeGeometry oblique(int nx, int ny, int nz) {
        double a = Math.toRadians(25);
        double b = Math.toRadians(-15);
        Vec3 axisI = new Vec3(Math.cos(a), Math.sin(a), 0);
        Vec3 axisJ = new Vec3(-Math.sin(a) * Math.cos(b), Math.cos(a) * Math.cos(b), Math.sin(b));
        Vec3 normal = axisI.cross(axisJ);
        Vec3 axisK = normal.plus(axisJ.times(0.2)).normalized();
        return new VolumeGeometry(
                nx,
                ny,
                nz,
                new Vec3(0.45, 0.7, 4.0),
                new Vec3(-40.5, 17.25, -8),
                axisI,
                axisJ,
                axisK);
    }

    /** All voxels {@code hu}. */
    static float[] filled(VolumeGeometry g, float hu) {
        float[] v = new float[g.voxelCount()];
        Arrays.fill(v, hu);
        return v;
    }

    /**
     * Air (−1000 HU with noise) around an off-centre ellipsoidal head with random tissue values.
     */
    static CtVolume head(VolumeGeometry g, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] hu = new float[g.voxelCount()];
        double cx = g.nx() * 0.52;
        double cy = g.ny() * 0.47;
        double cz = g.nz() * 0.5;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double r =
                            Math.hypot(
                                    Math.hypot(
                                            (i - cx) / (g.nx() * 0.4), (j - cy) / (g.ny() * 0.42)),
                                    (k - cz) / (g.nz() * 0.45));
                    double v =
                            r < 1
                                    ? (r > 0.9 ? 800 : 20 + 70 * random.nextDouble())
                                    : -1000 + 20 * random.nextGaussian();
                    hu[g.index(i, j, k)] = (float) v;
                }
            }
        }
        return CtVolume.wrap(g, hu, Provenance.synthetic("test-head", g.nz()));
    }
}
