package dev.ich.dicom.nifti;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Affine;
import java.util.List;

/**
 * The voxel-to-RAS affine of a header, chosen and computed as nibabel's {@code
 * Nifti1Header.get_best_affine()} does, and the inverse: qform parameters for an affine, as {@code
 * nifti_mat44_to_quatern} of the NIfTI reference library (used by dcm2niix) computes them.
 */
final class NiftiGeometry {

    /** nibabel's {@code quaternion_threshold}: how far below zero 1 − b² − c² − d² may fall. */
    private static final double QUATERNION_THRESHOLD = -3 * Math.ulp(1.0f);

    private static final double FLOAT_EPS = Math.ulp(1.0);
    private static final int POLAR_ITERATIONS = 100;
    private static final double POLAR_TOLERANCE = 1e-14;

    private NiftiGeometry() {}

    /** The affine and where it came from. */
    record Best(Affine voxelToRas, AffineSource source) {}

    /**
     * @param dims the spatial dimensions (nx, ny, nz), used only by the pixdim-only fallback
     * @param warnings receives notes about repaired or guessed geometry
     */
    static Best bestAffine(NiftiHeader h, int[] dims, String source, List<String> warnings)
            throws IchException {
        if (h.sformCode != 0) {
            double[] rows = new double[12];
            for (int n = 0; n < 12; n++) {
                rows[n] = h.srow[n];
            }
            return new Best(finiteAffine(rows, "sform (srow_x/y/z)", source), AffineSource.SFORM);
        }
        if (h.qformCode != 0) {
            return new Best(qformAffine(h, source, warnings), AffineSource.QFORM);
        }
        double dx = positiveSpacing(h, 1, source, warnings);
        double dy = positiveSpacing(h, 2, source, warnings);
        double dz = positiveSpacing(h, 3, source, warnings);
        // nibabel's Analyze convention: x flipped (radiological storage), volume centred on the
        // origin.
        warnings.add(
                "the NIfTI header sets neither sform nor qform; orientation assumed as nibabel does "
                        + "(x flipped, volume centred on the origin), so left and right may be wrong");
        return new Best(
                Affine.ofRowMajor(
                        -dx,
                        0,
                        0,
                        (dims[0] - 1) / 2.0 * dx,
                        0,
                        dy,
                        0,
                        -(dims[1] - 1) / 2.0 * dy,
                        0,
                        0,
                        dz,
                        -(dims[2] - 1) / 2.0 * dz),
                AffineSource.PIXDIM_ONLY);
    }

    static Affine qformAffine(NiftiHeader h, String source, List<String> warnings)
            throws IchException {
        double b = h.quaternB;
        double c = h.quaternC;
        double d = h.quaternD;
        double w2 = 1 - (b * b + c * c + d * d);
        double a;
        if (w2 < 0) {
            if (w2 < QUATERNION_THRESHOLD || !Double.isFinite(w2)) {
                throw new IchException(
                        ErrorCode.INVALID_NIFTI,
                        source,
                        "the qform quaternion (b, c, d) = ("
                                + b
                                + ", "
                                + c
                                + ", "
                                + d
                                + ") is longer than 1",
                        "Repair the header's qform (for example with nibabel set_qform) or set a valid sform");
            }
            a = 0;
        } else {
            a = Math.sqrt(w2);
        }
        double[] r = quaternionToMatrix(a, b, c, d);
        double dx = positiveSpacing(h, 1, source, warnings);
        double dy = positiveSpacing(h, 2, source, warnings);
        double dz = positiveSpacing(h, 3, source, warnings);
        double qfac = h.pixdim[0];
        if (qfac != 1 && qfac != -1) {
            // nibabel's header check repairs any other value to 1 when it loads the file.
            warnings.add(
                    "the NIfTI qfac (pixdim[0]) is "
                            + qfac
                            + ", not 1 or -1; taken as 1, as nibabel does");
            qfac = 1;
        }
        dz *= qfac;
        return finiteAffine(
                new double[] {
                    r[0] * dx, r[1] * dy, r[2] * dz, h.qoffsetX,
                    r[3] * dx, r[4] * dy, r[5] * dz, h.qoffsetY,
                    r[6] * dx, r[7] * dy, r[8] * dz, h.qoffsetZ
                },
                "qform",
                source);
    }

    /**
     * nibabel's {@code quat2mat}: the rotation of a (not necessarily unit) quaternion, row-major 3
     * × 3.
     */
    static double[] quaternionToMatrix(double w, double x, double y, double z) {
        double nq = w * w + x * x + y * y + z * z;
        if (nq < FLOAT_EPS) {
            return new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
        }
        double s = 2.0 / nq;
        double xs = x * s;
        double ys = y * s;
        double zs = z * s;
        double wx = w * xs;
        double wy = w * ys;
        double wz = w * zs;
        double xx = x * xs;
        double xy = x * ys;
        double xz = x * zs;
        double yy = y * ys;
        double yz = y * zs;
        double zz = z * zs;
        return new double[] {
            1.0 - (yy + zz),
            xy - wz,
            xz + wy,
            xy + wz,
            1.0 - (xx + zz),
            yz - wx,
            xz - wy,
            yz + wx,
            1.0 - (xx + yy)
        };
    }

    /**
     * pixdim[axis]; a negative size is taken as its absolute value, as nibabel's header check
     * repairs it.
     */
    private static double positiveSpacing(
            NiftiHeader h, int axis, String source, List<String> warnings) throws IchException {
        double v = h.pixdim[axis];
        if (v < 0 && Double.isFinite(v)) {
            warnings.add(
                    "the NIfTI pixdim["
                            + axis
                            + "] is "
                            + v
                            + "; its absolute value is used, as nibabel does");
            return -v;
        }
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IchException(
                    ErrorCode.INVALID_NIFTI,
                    source,
                    "pixdim[" + axis + "] (voxel size) is " + v + ", not a positive number",
                    "Repair the header's voxel sizes or set a valid sform");
        }
        return v;
    }

    private static Affine finiteAffine(double[] rows, String what, String source)
            throws IchException {
        for (double v : rows) {
            if (!Double.isFinite(v)) {
                throw new IchException(
                        ErrorCode.INVALID_NIFTI,
                        source,
                        "the " + what + " holds " + v,
                        "Repair the header's geometry");
            }
        }
        Affine affine = Affine.ofRowMajor(rows);
        if (!(Math.abs(affine.determinant()) > 1e-9)) {
            throw new IchException(
                    ErrorCode.INVALID_NIFTI,
                    source,
                    "the " + what + " is singular (determinant " + affine.determinant() + ")",
                    "Repair the header's geometry");
        }
        return affine;
    }

    /**
     * The qform fields that represent an affine: quaternion (b, c, d), offsets, voxel sizes and
     * qfac.
     */
    record QForm(
            double b,
            double c,
            double d,
            double qx,
            double qy,
            double qz,
            double dx,
            double dy,
            double dz,
            double qfac) {}

    /**
     * The qform closest to {@code voxelToRas}, as {@code nifti_mat44_to_quatern} computes it: voxel
     * sizes are the column lengths; a non-orthogonal (sheared) direction matrix is replaced by its
     * polar-decomposition rotation, so only the sform keeps a shear exactly.
     */
    static QForm toQForm(Affine voxelToRas) {
        double[] r = new double[9];
        double[] len = new double[3];
        for (int col = 0; col < 3; col++) {
            double norm = 0;
            for (int row = 0; row < 3; row++) {
                norm += voxelToRas.get(row, col) * voxelToRas.get(row, col);
            }
            len[col] = Math.sqrt(norm);
            for (int row = 0; row < 3; row++) {
                r[row * 3 + col] = voxelToRas.get(row, col) / len[col];
            }
        }
        r = polarRotation(r);
        double qfac = 1;
        if (det3(r) < 0) {
            qfac = -1;
            r[2] = -r[2];
            r[5] = -r[5];
            r[8] = -r[8];
        }
        double a = r[0] + r[4] + r[8] + 1;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[7] - r[5]) / a;
            c = 0.25 * (r[2] - r[6]) / a;
            d = 0.25 * (r[3] - r[1]) / a;
        } else {
            double xd = 1.0 + r[0] - (r[4] + r[8]);
            double yd = 1.0 + r[4] - (r[0] + r[8]);
            double zd = 1.0 + r[8] - (r[0] + r[4]);
            if (xd > 1.0) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[1] + r[3]) / b;
                d = 0.25 * (r[2] + r[6]) / b;
                a = 0.25 * (r[7] - r[5]) / b;
            } else if (yd > 1.0) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[1] + r[3]) / c;
                d = 0.25 * (r[5] + r[7]) / c;
                a = 0.25 * (r[2] - r[6]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[2] + r[6]) / d;
                c = 0.25 * (r[5] + r[7]) / d;
                a = 0.25 * (r[3] - r[1]) / d;
            }
            if (a < 0.0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return new QForm(
                b,
                c,
                d,
                voxelToRas.get(0, 3),
                voxelToRas.get(1, 3),
                voxelToRas.get(2, 3),
                len[0],
                len[1],
                len[2],
                qfac);
    }

    /** The orthogonal factor of the polar decomposition (Newton's iteration X ← (X + X⁻ᵀ) / 2). */
    static double[] polarRotation(double[] m) {
        double[] x = m.clone();
        for (int it = 0; it < POLAR_ITERATIONS; it++) {
            double[] invT = inverseTranspose3(x);
            double diff = 0;
            double[] next = new double[9];
            for (int n = 0; n < 9; n++) {
                next[n] = 0.5 * (x[n] + invT[n]);
                diff += Math.abs(next[n] - x[n]);
            }
            x = next;
            if (diff < POLAR_TOLERANCE) {
                break;
            }
        }
        return x;
    }

    static double det3(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7])
                - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    private static double[] inverseTranspose3(double[] m) {
        double det = det3(m);
        if (!(Math.abs(det) > 0)) {
            throw new IllegalArgumentException("singular direction matrix");
        }
        // The cofactor matrix divided by the determinant is the inverse transposed.
        return new double[] {
            (m[4] * m[8] - m[5] * m[7]) / det, (m[5] * m[6] - m[3] * m[8]) / det,
                    (m[3] * m[7] - m[4] * m[6]) / det,
            (m[2] * m[7] - m[1] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det,
                    (m[1] * m[6] - m[0] * m[7]) / det,
            (m[1] * m[5] - m[2] * m[4]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
                    (m[0] * m[4] - m[1] * m[3]) / det
        };
    }
}
