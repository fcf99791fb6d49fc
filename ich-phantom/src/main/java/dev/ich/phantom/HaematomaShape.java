package dev.ich.phantom;

/**
 * The irregular, lobulated shape of one haematoma as a scalar field around its centre: a randomly
 * oriented ellipsoid whose radius is bulged by a few random lobes and roughened by a small random
 * field. {@link #scaleAt} gives, for a point, the smallest shape scale at which the point is
 * inside, so the shapes grown from one centre are nested and the voxel count grows monotonically
 * with the scale: picking the {@code n} voxels of smallest scale gives a shape of exactly {@code n}
 * voxels.
 */
final class HaematomaShape {

    private static final int MAX_LOBES = 4;
    private static final double MAX_LOBE_SUM = 0.6;
    private static final double ROUGHNESS = 0.08;

    private final double[] rotation;
    private final double inverseAxisY;
    private final double inverseAxisZ;
    private final double[] lobeDirections;
    private final double[] lobeAmplitudes;
    private final ValueNoise roughness;

    HaematomaShape(Rng rng) {
        rotation = rng.randomRotation();
        inverseAxisY = 1 / rng.uniform(0.55, 1.0);
        inverseAxisZ = 1 / rng.uniform(0.55, 1.0);
        int lobes = 1 + rng.nextInt(MAX_LOBES);
        lobeDirections = new double[3 * lobes];
        lobeAmplitudes = new double[lobes];
        double sum = 0;
        for (int m = 0; m < lobes; m++) {
            double dx = rng.gaussian();
            double dy = rng.gaussian();
            double dz = rng.gaussian();
            double dn = Math.sqrt(dx * dx + dy * dy + dz * dz);
            lobeDirections[3 * m] = dx / dn;
            lobeDirections[3 * m + 1] = dy / dn;
            lobeDirections[3 * m + 2] = dz / dn;
            lobeAmplitudes[m] = rng.uniform(0.1, 0.4);
            sum += lobeAmplitudes[m];
        }
        if (sum > MAX_LOBE_SUM) {
            for (int m = 0; m < lobes; m++) {
                lobeAmplitudes[m] *= MAX_LOBE_SUM / sum;
            }
        }
        roughness = new ValueNoise(rng, 200, 6);
    }

    /**
     * An upper bound of {@code |q| / scaleAt(q)}: no point farther than {@code reach × s} from the
     * centre has a scale below {@code s}.
     */
    double reach() {
        return (1 + MAX_LOBE_SUM) / (1 - ROUGHNESS);
    }

    /**
     * The scale at which the offset {@code q} (mm, patient axes) from the centre joins the shape.
     */
    double scaleAt(double qx, double qy, double qz) {
        double r = Math.sqrt(qx * qx + qy * qy + qz * qz);
        if (r < 1e-9) {
            return 0;
        }
        double ux = rotation[0] * qx + rotation[1] * qy + rotation[2] * qz;
        double uy = rotation[3] * qx + rotation[4] * qy + rotation[5] * qz;
        double uz = rotation[6] * qx + rotation[7] * qy + rotation[8] * qz;
        double vy = uy * inverseAxisY;
        double vz = uz * inverseAxisZ;
        double rho = Math.sqrt(ux * ux + vy * vy + vz * vz);
        double bulge = 1;
        for (int m = 0; m < lobeAmplitudes.length; m++) {
            double c =
                    (ux * lobeDirections[3 * m]
                                    + uy * lobeDirections[3 * m + 1]
                                    + uz * lobeDirections[3 * m + 2])
                            / r;
            if (c > 0) {
                bulge += lobeAmplitudes[m] * c * c * c;
            }
        }
        return rho / bulge * (1 + ROUGHNESS * roughness.at(qx, qy, qz));
    }
}
