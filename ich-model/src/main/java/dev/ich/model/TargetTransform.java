package dev.ich.model;

/**
 * How the volume in ml becomes the regression target and back. Stored in the model directory, so a
 * model is always read with the transform it was trained with.
 */
public enum TargetTransform {
    /**
     * The paper's target: the cube root of the volume in ml (the edge of the equal-volume cube in
     * cm).
     */
    CUBE_ROOT {
        @Override
        public double toTarget(double volumeMl) {
            return Math.cbrt(volumeMl);
        }

        @Override
        public double toVolumeMl(double target) {
            double s = Math.max(0, target);
            return s * s * s;
        }
    };

    /** The regression target of a volume in ml. */
    public abstract double toTarget(double volumeMl);

    /** The volume in ml of a regression output (never negative). */
    public abstract double toVolumeMl(double target);
}
