package dev.ich.core.preprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HeadBoxTest {

    @Test
    void equalsTheBruteForceBoxOnRandomSparseVolumes() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            VolumeGeometry g =
                    TestVolumes.axial(
                            1 + random.nextInt(23), 1 + random.nextInt(19), 1 + random.nextInt(7));
            float[] hu = TestVolumes.filled(g, -1000);
            int marks = random.nextInt(6);
            for (int m = 0; m < marks; m++) {
                hu[random.nextInt(hu.length)] = random.nextBoolean() ? -499.9f : -500f;
            }
            int margin = random.nextInt(3);
            CtVolume v = CtVolume.wrap(g, hu, Provenance.synthetic("t", g.nz()));
            assertThat(HeadBox.find(v, -500, margin, 1 + random.nextInt(3)))
                    .as("trial %d", trial)
                    .isEqualTo(bruteForce(g, hu, -500, margin));
        }
    }

    @Test
    void floatThresholdSeparatesExactlyLikeTheDoubleComparison() {
        double[] thresholds = {-500, -500.1, 0.1, -0.0, 1e-45, 3e38, 1e300, -1e300};
        for (double t : thresholds) {
            float f = HeadBox.exactFloatThreshold(t);
            float near = (float) t;
            for (float v :
                    new float[] {
                        Math.nextDown(Math.nextDown(near)),
                        Math.nextDown(near),
                        near,
                        Math.nextUp(near),
                        Math.nextUp(Math.nextUp(near))
                    }) {
                if (Float.isFinite(v)) {
                    assertThat(v > f).as("v=%s t=%s", v, t).isEqualTo(v > t);
                }
            }
        }
    }

    private static CropBox bruteForce(VolumeGeometry g, float[] hu, double threshold, int margin) {
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (hu[g.index(i, j, k)] > threshold) {
                        int[] p = {i, j, k};
                        for (int a = 0; a < 3; a++) {
                            lo[a] = Math.min(lo[a], p[a]);
                            hi[a] = Math.max(hi[a], p[a]);
                        }
                    }
                }
            }
        }
        if (hi[0] < 0) {
            return null;
        }
        int[] n = {g.nx(), g.ny(), g.nz()};
        int[] s = new int[3];
        int[] e = new int[3];
        for (int a = 0; a < 3; a++) {
            s[a] = Math.max(0, lo[a] - margin);
            e[a] = Math.min(n[a] - 1, hi[a] + margin);
        }
        return new CropBox(s[0], s[1], s[2], e[0] - s[0] + 1, e[1] - s[1] + 1, e[2] - s[2] + 1);
    }
}
