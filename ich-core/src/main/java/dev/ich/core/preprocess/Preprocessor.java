package dev.ich.core.preprocess;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.CtVolume;
import java.nio.FloatBuffer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a CT volume into the network's input as a {@link PreprocessingConfig} says: crop to the
 * head, window, (optionally) low-pass filter, trilinear resize. Immutable and safe to share between
 * threads.
 *
 * <p>The work is split over slices on at most {@link #threads()} threads (the caller's and
 * short-lived helpers); the result does not depend on the thread count. The source voxels are read
 * in place; the only large arrays made are the resized slices and the result, and with
 * anti-aliasing the windowed crop box, which the filter needs whole.
 */
public final class Preprocessor {

    private static final Logger LOG = LoggerFactory.getLogger(Preprocessor.class);

    /** Two threads: the best setting measured on the two-core machines this library targets. */
    public static final int DEFAULT_THREADS = 2;

    private final PreprocessingConfig config;
    private final int threads;

    /** A preprocessor on {@value #DEFAULT_THREADS} threads. */
    public Preprocessor(PreprocessingConfig config) {
        this(config, DEFAULT_THREADS);
    }

    /**
     * @param config what to do
     * @param threads most threads to use, at least 1
     */
    public Preprocessor(PreprocessingConfig config, int threads) {
        this.config = Objects.requireNonNull(config, "config");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    public PreprocessingConfig config() {
        return config;
    }

    public int threads() {
        return threads;
    }

    /**
     * Preprocesses one volume.
     *
     * @throws IchException {@link ErrorCode#INVALID_VOLUME} when the volume has a single voxel, no
     *     voxel above the air threshold, or a head that is a single voxel
     */
    public PreprocessedStudy preprocess(CtVolume volume) throws IchException {
        Objects.requireNonNull(volume, "volume");
        VolumeGeometry g = volume.geometry();
        String where = "volume of series " + volume.provenance().seriesInstanceUid();
        if (g.voxelCount() < 2) {
            throw new IchException(
                    ErrorCode.INVALID_VOLUME,
                    where,
                    "the volume has "
                            + g.voxelCount()
                            + " voxel ("
                            + g.nx()
                            + "×"
                            + g.ny()
                            + "×"
                            + g.nz()
                            + "), too few to preprocess",
                    "give a whole CT series, not a single image value");
        }
        CropBox box = HeadBox.find(volume, config.airThresholdHu(), config.marginVoxels(), threads);
        if (box == null) {
            throw new IchException(
                    ErrorCode.INVALID_VOLUME,
                    where,
                    "no voxel is above the air threshold of "
                            + config.airThresholdHu()
                            + " HU (the highest is "
                            + volume.range()[1]
                            + " HU), so the volume holds no head",
                    "check that the series is a head CT in Hounsfield units (rescale slope and intercept applied),"
                            + " or lower the air threshold");
        }
        if (box.voxelCount() < 2) {
            throw new IchException(
                    ErrorCode.INVALID_VOLUME,
                    where,
                    "only one voxel, ("
                            + box.i0()
                            + ", "
                            + box.j0()
                            + ", "
                            + box.k0()
                            + "), is above the air threshold of "
                            + config.airThresholdHu()
                            + " HU, so there is no head to crop",
                    "check that the series is a head CT in Hounsfield units, or lower the air threshold");
        }
        RowReader rows = windowedRows(volume, box);
        if (config.antiAliasing()) {
            rows = lowPassed(rows, box);
        }
        float[] out =
                Trilinear.resize(
                        rows,
                        box.sizeK(),
                        box.sizeJ(),
                        box.sizeI(),
                        config.depth(),
                        config.height(),
                        config.width(),
                        threads);
        ModelInput input = ModelInput.wrap(config.depth(), config.height(), config.width(), out);
        InputMapping mapping =
                new InputMapping(g, box, config.depth(), config.height(), config.width());
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "preprocessed {}: crop box {} of {}×{}×{}, source voxels per model voxel (i, j, k) ="
                            + " ({}, {}, {}), config {}",
                    where,
                    box,
                    g.nx(),
                    g.ny(),
                    g.nz(),
                    mapping.scaleI(),
                    mapping.scaleJ(),
                    mapping.scaleK(),
                    config.fingerprint());
        }
        return new PreprocessedStudy(input, mapping);
    }

    /**
     * The crop box read whole through {@code rows}, filtered by {@link AntiAliasing}, as rows
     * again.
     */
    private RowReader lowPassed(RowReader rows, CropBox box) {
        int ni = box.sizeI();
        int nj = box.sizeJ();
        int nk = box.sizeK();
        float[] v = new float[Math.toIntExact((long) ni * nj * nk)];
        float[] row = new float[ni];
        for (int k = 0; k < nk; k++) {
            for (int j = 0; j < nj; j++) {
                rows.read(j, k, row);
                System.arraycopy(row, 0, v, (k * nj + j) * ni, ni);
            }
        }
        double[] sigmas = {
            AntiAliasing.sigma(ni, config.width()),
            AntiAliasing.sigma(nj, config.height()),
            AntiAliasing.sigma(nk, config.depth())
        };
        AntiAliasing.filter(v, ni, nj, nk, sigmas, threads);
        return (j, k, out) -> System.arraycopy(v, (k * nj + j) * ni, out, 0, ni);
    }

    /**
     * Rows of the crop box, with bone set to the window's lower bound when suppressed, clipped to
     * the window and scaled to [0, 1] as they are read.
     */
    private RowReader windowedRows(CtVolume volume, CropBox box) {
        FloatBuffer hu = volume.huBuffer();
        VolumeGeometry g = volume.geometry();
        int nx = g.nx();
        int ny = g.ny();
        int i0 = box.i0();
        int j0 = box.j0();
        int k0 = box.k0();
        int ni = box.sizeI();
        // Same float operations as PyTorch's clamp, subtraction and division, so the result
        // matches.
        float lo = (float) config.window().lower();
        float hi = (float) config.window().upper();
        float width = (float) (config.window().upper() - config.window().lower());
        // Without suppression the bound is +infinity, and no value (not even NaN) is above it.
        float bone =
                config.boneSuppression()
                        ? (float) config.boneSuppressionHu()
                        : Float.POSITIVE_INFINITY;
        return (j, k, row) -> {
            hu.get(i0 + nx * (j0 + j + ny * (k0 + k)), row, 0, ni);
            for (int x = 0; x < ni; x++) {
                float v = row[x] > bone ? lo : row[x];
                row[x] = (Math.min(Math.max(v, lo), hi) - lo) / width;
            }
        };
    }
}
