package dev.ich.phantom;

import java.util.Objects;
import java.util.Optional;

/**
 * What to generate: the acquisition, the haematomas and the seed. Immutable; made with {@link
 * #builder()}, which validates every field in {@link Builder#build()}.
 *
 * <p>Everything not fixed here (head size and shape, pose, field of view, tissue densities, skull
 * thickness, ventricle size, noise level within its range...) is drawn from the seed, independently
 * of the haematoma volume and of the outcome. The defaults give a realistic random cohort: 512 ×
 * 512 pixels of 0.4–0.9 mm, 5 mm slices, one haematoma whose volume follows {@link
 * #DEFAULT_CBRT_MEAN} ± {@link #DEFAULT_CBRT_SD} in ∛ml, random location. See {@code
 * docs/phantoms.md}.
 */
public final class PhantomSpec {

    /**
     * The smallest field of view (in-plane size × pixel spacing) that holds every head this
     * generator makes.
     */
    public static final double MIN_FIELD_OF_VIEW_MM = 220;

    /** Mean of ∛(volume in ml) for random volumes (≈ 14.7 ml median, as in ICH cohorts). */
    public static final double DEFAULT_CBRT_MEAN = 2.45;

    /** Standard deviation of ∛(volume in ml) for random volumes. */
    public static final double DEFAULT_CBRT_SD = 0.85;

    /** Smallest random volume, ml. */
    public static final double DEFAULT_MIN_VOLUME_ML = 1;

    /** Largest random volume, ml. */
    public static final double DEFAULT_MAX_VOLUME_ML = 120;

    /** Largest volume of an infratentorial bleed (the posterior fossa is small), ml. */
    public static final double MAX_INFRATENTORIAL_ML = 50;

    /** Probabilities of LOBAR, DEEP and INFRATENTORIAL when the location is random. */
    public static final double[] LOCATION_PROBABILITIES = {0.35, 0.50, 0.15};

    private static final double MIN_TARGET_ML = 0.5;
    private static final double MAX_TARGET_ML = 150;
    private static final int MAX_HAEMATOMAS = 4;

    private final int inPlaneSize;
    private final double pixelSpacingMinMm;
    private final double pixelSpacingMaxMm;
    private final double sliceThicknessMm;
    private final int haematomaCount;
    private final double volumeMinMl;
    private final double volumeMaxMl;
    private final boolean volumeGiven;
    private final Location location;
    private final double noiseSigmaMinHu;
    private final double noiseSigmaMaxHu;
    private final long seed;
    private final OutcomeModel outcomeModel;

    private PhantomSpec(Builder b) {
        this.inPlaneSize = b.inPlaneSize;
        this.pixelSpacingMinMm = b.pixelSpacingMinMm;
        this.pixelSpacingMaxMm = b.pixelSpacingMaxMm;
        this.sliceThicknessMm = b.sliceThicknessMm;
        this.haematomaCount = b.haematomaCount;
        this.volumeMinMl = b.volumeMinMl;
        this.volumeMaxMl = b.volumeMaxMl;
        this.volumeGiven = b.volumeGiven;
        this.location = b.location;
        this.noiseSigmaMinHu = b.noiseSigmaMinHu;
        this.noiseSigmaMaxHu = b.noiseSigmaMaxHu;
        this.seed = b.seed;
        this.outcomeModel = b.outcomeModel;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this spec's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.inPlaneSize = inPlaneSize;
        b.pixelSpacingMinMm = pixelSpacingMinMm;
        b.pixelSpacingMaxMm = pixelSpacingMaxMm;
        b.sliceThicknessMm = sliceThicknessMm;
        b.haematomaCount = haematomaCount;
        b.volumeMinMl = volumeMinMl;
        b.volumeMaxMl = volumeMaxMl;
        b.volumeGiven = volumeGiven;
        b.location = location;
        b.noiseSigmaMinHu = noiseSigmaMinHu;
        b.noiseSigmaMaxHu = noiseSigmaMaxHu;
        b.seed = seed;
        b.outcomeModel = outcomeModel;
        return b;
    }

    /** This spec with another seed. */
    public PhantomSpec withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    public int inPlaneSize() {
        return inPlaneSize;
    }

    public double pixelSpacingMinMm() {
        return pixelSpacingMinMm;
    }

    public double pixelSpacingMaxMm() {
        return pixelSpacingMaxMm;
    }

    public double sliceThicknessMm() {
        return sliceThicknessMm;
    }

    public int haematomaCount() {
        return haematomaCount;
    }

    /** The total volume range asked for, or empty when volumes follow the default distribution. */
    public Optional<double[]> volumeRangeMl() {
        return volumeGiven
                ? Optional.of(new double[] {volumeMinMl, volumeMaxMl})
                : Optional.empty();
    }

    /** The location of every haematoma, or empty when each is drawn at random. */
    public Optional<Location> location() {
        return Optional.ofNullable(location);
    }

    public double noiseSigmaMinHu() {
        return noiseSigmaMinHu;
    }

    public double noiseSigmaMaxHu() {
        return noiseSigmaMaxHu;
    }

    public long seed() {
        return seed;
    }

    public OutcomeModel outcomeModel() {
        return outcomeModel;
    }

    boolean volumeGiven() {
        return volumeGiven;
    }

    double volumeMinMl() {
        return volumeMinMl;
    }

    double volumeMaxMl() {
        return volumeMaxMl;
    }

    @Override
    public String toString() {
        return "PhantomSpec["
                + inPlaneSize
                + "², "
                + pixelSpacingMinMm
                + "–"
                + pixelSpacingMaxMm
                + " mm pixels, "
                + sliceThicknessMm
                + " mm slices, "
                + haematomaCount
                + " haematoma(s), volume "
                + (volumeGiven ? volumeMinMl + "–" + volumeMaxMl + " ml" : "random")
                + ", location "
                + (location == null ? "random" : location)
                + ", noise "
                + noiseSigmaMinHu
                + "–"
                + noiseSigmaMaxHu
                + " HU, seed "
                + seed
                + "]";
    }

    /** Collects the values of a {@link PhantomSpec}; {@link #build()} validates them. */
    public static final class Builder {

        private int inPlaneSize = 512;
        private double pixelSpacingMinMm = 0.4;
        private double pixelSpacingMaxMm = 0.9;
        private double sliceThicknessMm = 5;
        private int haematomaCount = 1;
        private double volumeMinMl = Double.NaN;
        private double volumeMaxMl = Double.NaN;
        private boolean volumeGiven;
        private Location location;
        private double noiseSigmaMinHu = 3;
        private double noiseSigmaMaxHu = 8;
        private long seed;
        private OutcomeModel outcomeModel = OutcomeModel.standard();

        private Builder() {}

        /** Pixels per row and rows per slice (for example 256 or 512); default 512. */
        public Builder inPlaneSize(int pixels) {
            this.inPlaneSize = pixels;
            return this;
        }

        /**
         * The range the pixel spacing is drawn from (default 0.4–0.9 mm). The lower end is raised
         * where needed so the field of view holds the head ({@link #MIN_FIELD_OF_VIEW_MM}).
         */
        public Builder pixelSpacingMm(double min, double max) {
            this.pixelSpacingMinMm = min;
            this.pixelSpacingMaxMm = max;
            return this;
        }

        /**
         * Slice thickness and spacing (contiguous slices); default 5 mm, thin-slice studies 1–2.5
         * mm.
         */
        public Builder sliceThicknessMm(double mm) {
            this.sliceThicknessMm = mm;
            return this;
        }

        /** Number of haematomas, 0 (a normal head) to 4; default 1. */
        public Builder haematomaCount(int count) {
            this.haematomaCount = count;
            return this;
        }

        /** The exact total haematoma volume to generate, ml. */
        public Builder targetVolumeMl(double ml) {
            return targetVolumeRangeMl(ml, ml);
        }

        /** A range for the total haematoma volume; ∛volume is drawn uniformly within it. */
        public Builder targetVolumeRangeMl(double minMl, double maxMl) {
            this.volumeMinMl = minMl;
            this.volumeMaxMl = maxMl;
            this.volumeGiven = true;
            return this;
        }

        /** Volumes drawn from the default cohort distribution (the default). */
        public Builder randomVolume() {
            this.volumeMinMl = Double.NaN;
            this.volumeMaxMl = Double.NaN;
            this.volumeGiven = false;
            return this;
        }

        /**
         * Every haematoma at this location, or {@code null} for a random location per haematoma
         * (the default).
         */
        public Builder location(Location where) {
            this.location = where;
            return this;
        }

        /** The range the image noise standard deviation is drawn from; default 3–8 HU. */
        public Builder noiseSigmaHu(double min, double max) {
            this.noiseSigmaMinHu = min;
            this.noiseSigmaMaxHu = max;
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder outcomeModel(OutcomeModel model) {
            this.outcomeModel = model;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the field and value when a value is out of range
         *     or the values do not fit together
         */
        public PhantomSpec build() {
            if (inPlaneSize < 64 || inPlaneSize > 1024) {
                throw new IllegalArgumentException(
                        "inPlaneSize must lie in [64, 1024] pixels, got " + inPlaneSize);
            }
            if (!(pixelSpacingMinMm >= 0.2)
                    || !(pixelSpacingMaxMm <= 2.0)
                    || !(pixelSpacingMinMm <= pixelSpacingMaxMm)) {
                throw new IllegalArgumentException(
                        "pixelSpacingMm must satisfy 0.2 <= min <= max <= 2.0 mm, got min="
                                + pixelSpacingMinMm
                                + ", max="
                                + pixelSpacingMaxMm);
            }
            if (pixelSpacingMaxMm * inPlaneSize < MIN_FIELD_OF_VIEW_MM) {
                throw new IllegalArgumentException(
                        "pixelSpacingMm max "
                                + pixelSpacingMaxMm
                                + " mm × inPlaneSize "
                                + inPlaneSize
                                + " gives a field of view of "
                                + pixelSpacingMaxMm * inPlaneSize
                                + " mm, too small for a head; it must be at least "
                                + MIN_FIELD_OF_VIEW_MM
                                + " mm");
            }
            if (!(sliceThicknessMm >= 0.5 && sliceThicknessMm <= 10)) {
                throw new IllegalArgumentException(
                        "sliceThicknessMm must lie in [0.5, 10] mm, got " + sliceThicknessMm);
            }
            if (haematomaCount < 0 || haematomaCount > MAX_HAEMATOMAS) {
                throw new IllegalArgumentException(
                        "haematomaCount must lie in [0, "
                                + MAX_HAEMATOMAS
                                + "], got "
                                + haematomaCount);
            }
            if (volumeGiven) {
                if (haematomaCount == 0) {
                    throw new IllegalArgumentException(
                            "a target volume ("
                                    + volumeMinMl
                                    + "–"
                                    + volumeMaxMl
                                    + " ml) needs haematomaCount >= 1, got 0");
                }
                if (!(volumeMinMl >= MIN_TARGET_ML * haematomaCount)
                        || !(volumeMaxMl <= MAX_TARGET_ML)
                        || !(volumeMinMl <= volumeMaxMl)) {
                    throw new IllegalArgumentException(
                            "targetVolumeMl must satisfy "
                                    + MIN_TARGET_ML
                                    + " ml × haematomaCount <= min <= max <= "
                                    + MAX_TARGET_ML
                                    + " ml, got min="
                                    + volumeMinMl
                                    + ", max="
                                    + volumeMaxMl
                                    + " for haematomaCount="
                                    + haematomaCount);
                }
                if (location == Location.INFRATENTORIAL && volumeMaxMl > MAX_INFRATENTORIAL_ML) {
                    throw new IllegalArgumentException(
                            "targetVolumeMl max "
                                    + volumeMaxMl
                                    + " ml does not fit an INFRATENTORIAL bleed; the posterior fossa holds at most "
                                    + MAX_INFRATENTORIAL_ML
                                    + " ml here");
                }
            }
            if (!(noiseSigmaMinHu >= 0)
                    || !(noiseSigmaMaxHu <= 50)
                    || !(noiseSigmaMinHu <= noiseSigmaMaxHu)) {
                throw new IllegalArgumentException(
                        "noiseSigmaHu must satisfy 0 <= min <= max <= 50 HU, got min="
                                + noiseSigmaMinHu
                                + ", max="
                                + noiseSigmaMaxHu);
            }
            Objects.requireNonNull(outcomeModel, "outcomeModel");
            return new PhantomSpec(this);
        }
    }
}
