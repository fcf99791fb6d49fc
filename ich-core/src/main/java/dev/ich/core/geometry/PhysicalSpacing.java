package dev.ich.core.geometry;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.util.Locale;

/**
 * The voxel spacings a head CT can physically have. Readers refuse others at read time: a spacing
 * of 1e-30 mm would make every per-millimetre loop and buffer (morphology discs, resampling) grow
 * without bound, and one of 1e30 mm gives volumes of 1e89 ml or infinity.
 */
public final class PhysicalSpacing {

    /** Finer than any CT or micro-CT of a head, in mm. */
    public static final double MIN_MM = 0.05;

    /** Coarser than any usable slice gap, in mm. */
    public static final double MAX_MM = 50;

    private PhysicalSpacing() {}

    /**
     * @param source the file (or folder) the spacing was read from, for the message
     * @param whatToDo the advice, e.g. which header field to repair
     * @throws IchException with {@code code} when a spacing lies outside [{@link #MIN_MM}, {@link
     *     #MAX_MM}]
     */
    public static void check(Vec3 spacing, ErrorCode code, String source, String whatToDo)
            throws IchException {
        double[] v = spacing.toArray();
        String[] axes = {"column (x)", "row (y)", "slice (z)"};
        for (int n = 0; n < 3; n++) {
            if (!(v[n] >= MIN_MM && v[n] <= MAX_MM)) {
                throw new IchException(
                        code,
                        source,
                        String.format(
                                Locale.ROOT,
                                "the %s spacing is %.6g mm, outside the physical range %s to %s mm of a head CT",
                                axes[n],
                                v[n],
                                MIN_MM,
                                MAX_MM),
                        whatToDo);
            }
        }
    }
}
