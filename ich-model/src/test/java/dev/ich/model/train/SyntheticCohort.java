package dev.ich.model.train;

import dev.ich.core.analysis.Outcome;
import dev.ich.core.preprocess.ModelInput;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded toy cohort for the trainer's tests: a bright ellipsoid "haematoma" of known voxel count
 * inside a noisy elliptical "head", in preprocessed [0, 1] units. Death is likelier for large
 * bleeds.
 */
final class SyntheticCohort {

    /** Millilitres per voxel: blobs of radius 2–7 voxels are about 1.5–70 ml. */
    static final double VOXEL_ML = 0.05;

    private SyntheticCohort() {}

    static List<TrainingExample> make(int count, long seed, int d, int h, int w) {
        SplittableRandom random = new SplittableRandom(seed);
        List<TrainingExample> out = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            float[] v = new float[d * h * w];
            double rz = 1.5 + random.nextDouble() * 3;
            double ry = 2 + random.nextDouble() * 5;
            double rx = 2 + random.nextDouble() * 5;
            double cz = d / 2.0 + random.nextDouble(-1, 1) * (d / 2.0 - rz - 1);
            double cy = h / 2.0 + random.nextDouble(-1, 1) * (h / 4.0);
            double cx = w / 2.0 + random.nextDouble(-1, 1) * (w / 4.0);
            int voxels = 0;
            for (int z = 0; z < d; z++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        double hy = (y - h / 2.0) / (h * 0.45);
                        double hx = (x - w / 2.0) / (w * 0.4);
                        double value = 0;
                        if (hy * hy + hx * hx <= 1) {
                            value = 0.15 + 0.05 * gaussian(random);
                        }
                        double ez = (z + 0.5 - cz) / rz;
                        double ey = (y + 0.5 - cy) / ry;
                        double ex = (x + 0.5 - cx) / rx;
                        if (ez * ez + ey * ey + ex * ex <= 1) {
                            value = 0.6 + 0.05 * gaussian(random);
                            voxels++;
                        }
                        v[(z * h + y) * w + x] = (float) Math.min(1, Math.max(0, value));
                    }
                }
            }
            double ml = voxels * VOXEL_ML;
            boolean died = random.nextDouble() < (ml > 20 ? 0.85 : 0.15);
            out.add(
                    new TrainingExample(
                            new ModelInput(d, h, w, v),
                            ml,
                            died ? Outcome.DIED : Outcome.SURVIVED));
        }
        return out;
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
