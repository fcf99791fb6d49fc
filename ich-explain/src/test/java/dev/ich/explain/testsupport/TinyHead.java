package dev.ich.explain.testsupport;

import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.util.List;

/**
 * A crude synthetic head for rendering tests: air, a skull shell, brain and one spherical bleed.
 */
public final class TinyHead {

    private TinyHead() {}

    /**
     * HU on {@code g}: ellipsoidal head filling ~80 % of the grid, bleed of radius {@code r} voxels
     * at (ci, cj, ck).
     */
    public static CtVolume ct(VolumeGeometry g, double ci, double cj, double ck, double r) {
        float[] hu = new float[g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double x = (i - (g.nx() - 1) / 2.0) / (0.42 * g.nx());
                    double y = (j - (g.ny() - 1) / 2.0) / (0.46 * g.ny());
                    double z = (k - (g.nz() - 1) / 2.0) / (0.55 * g.nz());
                    double e = Math.sqrt(x * x + y * y + z * z);
                    float v;
                    if (e > 1) {
                        v = -1000;
                    } else if (e > 0.9) {
                        v = 1000;
                    } else {
                        v = 32 + (float) (4 * Math.sin(i * 0.7) * Math.cos(j * 0.5));
                        double d =
                                Math.sqrt(
                                        (i - ci) * (i - ci)
                                                + (j - cj) * (j - cj)
                                                + (k - ck) * (k - ck));
                        if (d <= r) {
                            v = 72;
                        }
                    }
                    hu[g.index(i, j, k)] = v;
                }
            }
        }
        return CtVolume.wrap(
                g, hu, new Provenance("1.2.3", g.nz(), g.nz(), "1.2.840.10008.1.2.1", List.of()));
    }

    /** A Gaussian blob of width {@code sigma} voxels at (ci, cj, ck), peak 2. */
    public static float[] blob(VolumeGeometry g, double ci, double cj, double ck, double sigma) {
        float[] h = new float[g.voxelCount()];
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    double d2 = (i - ci) * (i - ci) + (j - cj) * (j - cj) + (k - ck) * (k - ck);
                    h[g.index(i, j, k)] = (float) (2 * Math.exp(-d2 / (2 * sigma * sigma)));
                }
            }
        }
        return h;
    }
}
