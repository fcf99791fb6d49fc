package dev.ich.core.geometry;

import java.util.Arrays;

/**
 * A 3D affine transform {@code p' = M p + t}, stored as the top three rows of a 4 × 4 matrix.
 *
 * <p>Used for voxel-to-patient mappings. Patient space in this library is DICOM's LPS (x grows to
 * the patient's left, y to posterior, z to superior); {@link #lpsToRas()} converts to the RAS
 * convention NIfTI files use.
 */
public final class Affine {

    /** Flips x and y: DICOM LPS ↔ NIfTI RAS. It is its own inverse. */
    private static final Affine LPS_RAS_FLIP =
            new Affine(
                    new double[] {
                        -1, 0, 0, 0,
                        0, -1, 0, 0,
                        0, 0, 1, 0
                    });

    private final double[] m; // row-major 3 × 4

    private Affine(double[] rowMajor3x4) {
        this.m = rowMajor3x4;
    }

    /**
     * An affine from the top three rows of a row-major 4 × 4 matrix (12 values) or from all 16
     * values, whose last row must then be {@code 0 0 0 1}.
     */
    public static Affine ofRowMajor(double... values) {
        if (values.length != 12 && values.length != 16) {
            throw new IllegalArgumentException(
                    "an affine needs 12 or 16 values, got " + values.length);
        }
        if (values.length == 16
                && !(values[12] == 0 && values[13] == 0 && values[14] == 0 && values[15] == 1)) {
            throw new IllegalArgumentException(
                    "the last row of an affine must be 0 0 0 1, got "
                            + values[12]
                            + " "
                            + values[13]
                            + " "
                            + values[14]
                            + " "
                            + values[15]);
        }
        double[] copy = Arrays.copyOf(values, 12);
        for (double v : copy) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(
                        "an affine must be finite, got " + Arrays.toString(values));
            }
        }
        return new Affine(copy);
    }

    /** The affine whose columns are the three axes and whose translation is {@code origin}. */
    public static Affine ofColumns(Vec3 c0, Vec3 c1, Vec3 c2, Vec3 origin) {
        return ofRowMajor(
                c0.x(),
                c1.x(),
                c2.x(),
                origin.x(),
                c0.y(),
                c1.y(),
                c2.y(),
                origin.y(),
                c0.z(),
                c1.z(),
                c2.z(),
                origin.z());
    }

    public static Affine identity() {
        return new Affine(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});
    }

    /** Element at row {@code r} (0–3) and column {@code c} (0–3) of the 4 × 4 matrix. */
    public double get(int r, int c) {
        if (r == 3) {
            return c == 3 ? 1 : 0;
        }
        return m[r * 4 + c];
    }

    /** Column {@code c} (0–2) of the linear part, or the translation for {@code c = 3}. */
    public Vec3 column(int c) {
        return new Vec3(m[c], m[4 + c], m[8 + c]);
    }

    public Vec3 apply(Vec3 p) {
        return apply(p.x(), p.y(), p.z());
    }

    public Vec3 apply(double x, double y, double z) {
        return new Vec3(
                m[0] * x + m[1] * y + m[2] * z + m[3],
                m[4] * x + m[5] * y + m[6] * z + m[7],
                m[8] * x + m[9] * y + m[10] * z + m[11]);
    }

    /** Applies only the linear part (for directions). */
    public Vec3 applyLinear(Vec3 d) {
        return new Vec3(
                m[0] * d.x() + m[1] * d.y() + m[2] * d.z(),
                m[4] * d.x() + m[5] * d.y() + m[6] * d.z(),
                m[8] * d.x() + m[9] * d.y() + m[10] * d.z());
    }

    /** {@code this ∘ other}: first {@code other}, then this. */
    public Affine compose(Affine other) {
        double[] r = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double s = j == 3 ? m[i * 4 + 3] : 0;
                for (int k = 0; k < 3; k++) {
                    s += m[i * 4 + k] * other.m[k * 4 + j];
                }
                r[i * 4 + j] = s;
            }
        }
        return new Affine(r);
    }

    /** Determinant of the linear part. */
    public double determinant() {
        return m[0] * (m[5] * m[10] - m[6] * m[9])
                - m[1] * (m[4] * m[10] - m[6] * m[8])
                + m[2] * (m[4] * m[9] - m[5] * m[8]);
    }

    public Affine inverse() {
        double det = determinant();
        if (!(Math.abs(det) > 1e-12)) {
            throw new IllegalStateException("the affine is singular (determinant " + det + ")");
        }
        double[] inv = new double[12];
        inv[0] = (m[5] * m[10] - m[6] * m[9]) / det;
        inv[1] = (m[2] * m[9] - m[1] * m[10]) / det;
        inv[2] = (m[1] * m[6] - m[2] * m[5]) / det;
        inv[4] = (m[6] * m[8] - m[4] * m[10]) / det;
        inv[5] = (m[0] * m[10] - m[2] * m[8]) / det;
        inv[6] = (m[2] * m[4] - m[0] * m[6]) / det;
        inv[8] = (m[4] * m[9] - m[5] * m[8]) / det;
        inv[9] = (m[1] * m[8] - m[0] * m[9]) / det;
        inv[10] = (m[0] * m[5] - m[1] * m[4]) / det;
        for (int i = 0; i < 3; i++) {
            inv[i * 4 + 3] = -(inv[i * 4] * m[3] + inv[i * 4 + 1] * m[7] + inv[i * 4 + 2] * m[11]);
        }
        return new Affine(inv);
    }

    /** This LPS-valued transform expressed in RAS (x and y negated). */
    public Affine lpsToRas() {
        return LPS_RAS_FLIP.compose(this);
    }

    /** This RAS-valued transform expressed in LPS (x and y negated). */
    public Affine rasToLps() {
        return LPS_RAS_FLIP.compose(this);
    }

    /** The 16 values of the 4 × 4 matrix, row-major. */
    public double[] toRowMajor4x4() {
        double[] r = Arrays.copyOf(m, 16);
        r[15] = 1;
        return r;
    }

    /** True when every element differs by at most {@code tolerance}. */
    public boolean approximatelyEquals(Affine o, double tolerance) {
        for (int i = 0; i < 12; i++) {
            if (Math.abs(m[i] - o.m[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine && Arrays.equals(m, ((Affine) o).m);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(m);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Affine[");
        for (int r = 0; r < 3; r++) {
            sb.append(r == 0 ? "" : "; ");
            for (int c = 0; c < 4; c++) {
                sb.append(c == 0 ? "" : " ").append(m[r * 4 + c]);
            }
        }
        return sb.append(']').toString();
    }
}
