package dev.ich.dicom.nifti;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.Affine;
import dev.ich.core.geometry.Vec3;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.dicom.write.AtomicFileWriter;
import dev.ich.dicom.write.ExistingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes NIfTI-1 single-file images as dcm2niix does: the LPS geometry turned into a RAS affine,
 * stored in both the sform and the qform with code 1 (scanner), voxel sizes in {@code pixdim},
 * units mm. A name ending in {@code .nii.gz} is gzip-compressed, {@code .nii} is not. Files are
 * written atomically and an existing file is refused unless the builder says otherwise.
 *
 * <p>Storage: {@link NiftiDataType#FLOAT32} (default) keeps values exactly. {@link
 * NiftiDataType#INT16} and {@link NiftiDataType#UINT8} store whole numbers in range as they are
 * (slope 1, intercept 0); other values are quantised linearly over their range with {@code
 * scl_slope}/{@code scl_inter}, an error of at most half a slope. Masks are always uint8 0/1.
 *
 * <p>A sheared grid (gantry tilt) is kept exactly in the sform; the qform, which can only hold a
 * rotation, gets the nearest rotation, as dcm2niix and nibabel do.
 */
public final class NiftiWriter {

    private static final Logger LOG = LoggerFactory.getLogger(NiftiWriter.class);

    /** NIFTI_UNITS_MM | NIFTI_UNITS_SEC, what dcm2niix writes. */
    private static final byte UNITS_MM_SEC = 10;

    private static final short CODE_SCANNER = 1;
    private static final String DESCRIPTION = "ich";
    private static final int CHUNK_VOXELS = 1 << 16;

    private final NiftiDataType dataType;
    private final ExistingOutput existingOutput;
    private final ByteOrder byteOrder;
    private final NiftiLayout layout;

    private NiftiWriter(Builder b) {
        this.layout = b.layout;
        this.dataType = b.dataType;
        this.existingOutput = b.existingOutput;
        this.byteOrder = b.byteOrder;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A writer with the defaults: float32, little-endian, refuse to replace an existing file. */
    public static NiftiWriter defaults() {
        return builder().build();
    }

    /** Writes the HU volume. */
    public void write(CtVolume volume, Path file) throws IchException {
        FloatBuffer hu = volume.huBuffer();
        write(volume.geometry(), dataType, n -> hu.get(n), file);
    }

    /** Writes a mask as uint8 0/1, whatever data type the builder chose. */
    public void write(BinaryMask mask, Path file) throws IchException {
        write(mask.geometry(), NiftiDataType.UINT8, n -> mask.contains(n) ? 1f : 0f, file);
    }

    /**
     * Writes any map on a grid (a heatmap, a probability map), {@code i} fastest.
     *
     * @throws IllegalArgumentException when the length does not match the grid, or an integer data
     *     type was chosen and a value is not finite
     */
    public void write(VolumeGeometry geometry, float[] values, Path file) throws IchException {
        if (values.length != geometry.voxelCount()) {
            throw new IllegalArgumentException(
                    "values has "
                            + values.length
                            + " entries but the grid has "
                            + geometry.voxelCount()
                            + " voxels");
        }
        float[] copy = values.clone();
        write(geometry, dataType, n -> copy[n], file);
    }

    /** Reads voxel values by flat index. */
    @FunctionalInterface
    private interface Voxels {
        float get(int index);
    }

    private void write(VolumeGeometry source, NiftiDataType type, Voxels sourceVoxels, Path file)
            throws IchException {
        boolean dcm2niix = layout == NiftiLayout.DCM2NIIX;
        boolean flipK = dcm2niix && source.axisK().dot(source.axisI().cross(source.axisJ())) < 0;
        VolumeGeometry g;
        try {
            g = dcm2niix ? flipped(source, flipK) : source;
        } catch (IllegalArgumentException e) {
            throw unwritableGeometry(file, e);
        }
        Voxels voxels = dcm2niix ? reordered(source, flipK, sourceVoxels) : sourceVoxels;
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        boolean gzip;
        if (name.endsWith(".nii.gz")) {
            gzip = true;
        } else if (name.endsWith(".nii")) {
            gzip = false;
        } else {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "a NIfTI file name must end in .nii or .nii.gz",
                    "Rename the output");
        }
        if (g.nx() > Short.MAX_VALUE || g.ny() > Short.MAX_VALUE || g.nz() > Short.MAX_VALUE) {
            throw new IchException(
                    ErrorCode.OUTPUT_NOT_WRITABLE,
                    file.toString(),
                    "NIfTI-1 holds at most 32767 voxels along an axis, the volume has "
                            + g.nx()
                            + " × "
                            + g.ny()
                            + " × "
                            + g.nz(),
                    "Crop or resample the volume");
        }
        Scaling scaling = Scaling.choose(type, g.voxelCount(), voxels);
        byte[] header;
        try {
            header = NiftiHeader.encode(headerFields(g, type, scaling));
        } catch (IllegalArgumentException e) {
            throw unwritableGeometry(file, e);
        }
        LOG.debug(
                "writing a {}×{}×{} {} NIfTI-1 image (gzip {})",
                g.nx(),
                g.ny(),
                g.nz(),
                type,
                gzip);
        AtomicFileWriter.write(
                file,
                existingOutput,
                out -> {
                    OutputStream target = gzip ? new FastGzip(out) : out;
                    target.write(header);
                    writeVoxels(target, g.voxelCount(), type, scaling, voxels);
                    if (gzip) {
                        ((GZIPOutputStream) target).finish();
                    }
                });
    }

    /** Voxels of the flipped grid, read from the source grid. */
    private static Voxels reordered(VolumeGeometry source, boolean flipK, Voxels sourceVoxels) {
        int nx = source.nx();
        int ny = source.ny();
        int nz = source.nz();
        return n -> {
            int i = n % nx;
            int j = (n / nx) % ny;
            int k = n / (nx * ny);
            return sourceVoxels.get(i + nx * ((ny - 1 - j) + ny * (flipK ? nz - 1 - k : k)));
        };
    }

    /** The same grid with j (and k, if asked) running the other way. */
    private static VolumeGeometry flipped(VolumeGeometry g, boolean flipK) {
        Vec3 origin = g.origin().plus(g.axisJ().times((g.ny() - 1) * g.spacing().y()));
        Vec3 axisK = g.axisK();
        if (flipK) {
            origin = origin.plus(axisK.times((g.nz() - 1) * g.spacing().z()));
            axisK = axisK.times(-1);
        }
        return new VolumeGeometry(
                g.nx(), g.ny(), g.nz(), g.spacing(), origin, g.axisI(), g.axisJ().times(-1), axisK);
    }

    private static float[] concat(float[] a, float[] b) {
        float[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * A geometry no NIfTI header can hold (the readers refuse such spacings; an API caller may
     * not).
     */
    private static IchException unwritableGeometry(Path file, IllegalArgumentException e) {
        return new IchException(
                ErrorCode.INVALID_VOLUME,
                file.toString(),
                "the volume's geometry cannot be written as"
                        + " a NIfTI header ("
                        + e.getMessage()
                        + ")",
                "Check the voxel spacing and orientation of the source",
                e);
    }

    private NiftiHeader.Fields headerFields(VolumeGeometry g, NiftiDataType type, Scaling scaling) {
        Affine ras = g.voxelToRas();
        NiftiGeometry.QForm q = NiftiGeometry.toQForm(ras);
        short[] dim = {3, (short) g.nx(), (short) g.ny(), (short) g.nz(), 1, 1, 1, 1};
        float[] pixdim = {
            (float) q.qfac(), (float) q.dx(), (float) q.dy(), (float) q.dz(), 1, 1, 1, 1
        };
        float[] srow = new float[12];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                srow[r * 4 + c] = (float) ras.get(r, c);
            }
        }
        for (float v : concat(pixdim, srow)) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(
                        "the affine exceeds the range of the header's 32-bit numbers");
            }
        }
        return new NiftiHeader.Fields(
                byteOrder,
                dim,
                type,
                pixdim,
                scaling.slope,
                scaling.inter,
                UNITS_MM_SEC,
                CODE_SCANNER,
                CODE_SCANNER,
                new float[] {(float) q.b(), (float) q.c(), (float) q.d()},
                new float[] {(float) q.qx(), (float) q.qy(), (float) q.qz()},
                srow,
                DESCRIPTION);
    }

    private void writeVoxels(
            OutputStream out, int count, NiftiDataType type, Scaling scaling, Voxels voxels)
            throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_VOXELS * type.bytesPerVoxel()).order(byteOrder);
        for (int start = 0; start < count; start += CHUNK_VOXELS) {
            buf.clear();
            int end = Math.min(count, start + CHUNK_VOXELS);
            for (int n = start; n < end; n++) {
                float v = voxels.get(n);
                switch (type) {
                    case FLOAT32:
                        buf.putFloat(v);
                        break;
                    case INT16:
                        buf.putShort((short) scaling.store(v));
                        break;
                    case UINT8:
                        buf.put((byte) scaling.store(v));
                        break;
                    default:
                        throw new IllegalStateException("cannot write " + type);
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
    }

    /**
     * gzip at level 1, nibabel's default: several times faster than level 6 for a few percent more
     * bytes.
     */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** Header scale factors and the quantisation they imply for an integer type. */
    private static final class Scaling {
        final float slope;
        final float inter;
        final int lo;
        final int hi;

        private Scaling(float slope, float inter, int lo, int hi) {
            this.slope = slope;
            this.inter = inter;
            this.lo = lo;
            this.hi = hi;
        }

        static Scaling choose(NiftiDataType type, int count, Voxels voxels) {
            if (type == NiftiDataType.FLOAT32) {
                return new Scaling(1, 0, 0, 0);
            }
            int lo = type == NiftiDataType.INT16 ? Short.MIN_VALUE : 0;
            int hi = type == NiftiDataType.INT16 ? Short.MAX_VALUE : 255;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            boolean whole = true;
            for (int n = 0; n < count; n++) {
                float v = voxels.get(n);
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(
                            "voxel "
                                    + n
                                    + " is "
                                    + v
                                    + "; "
                                    + type
                                    + " can store only finite values (write float32 instead)");
                }
                min = Math.min(min, v);
                max = Math.max(max, v);
                whole &= v == Math.rint(v);
            }
            if (whole && min >= lo && max <= hi) {
                return new Scaling(1, 0, lo, hi);
            }
            if (max == min) {
                return new Scaling(1, (float) min, lo, hi);
            }
            float slope = (float) ((max - min) / ((double) hi - lo));
            float inter = (float) (min - (double) lo * slope);
            return new Scaling(slope, inter, lo, hi);
        }

        /**
         * The stored integer for a value: nearest to {@code (v - inter) / slope}, within the type's
         * range.
         */
        int store(float v) {
            long q = Math.round(((double) v - inter) / slope);
            return (int) Math.max(lo, Math.min(hi, q));
        }
    }

    /**
     * Options of a {@link NiftiWriter}. Each setter checks its value at once ({@link
     * NullPointerException} for {@code null}, {@link IllegalArgumentException} naming the option
     * for a value the writer does not support).
     */
    public static final class Builder {
        private NiftiDataType dataType = NiftiDataType.FLOAT32;
        private ExistingOutput existingOutput = ExistingOutput.REFUSE;
        private ByteOrder byteOrder = ByteOrder.LITTLE_ENDIAN;
        private NiftiLayout layout = NiftiLayout.AS_IS;

        private Builder() {}

        /** The voxel order on disk; {@link NiftiLayout#AS_IS} by default. */
        public Builder layout(NiftiLayout value) {
            this.layout = Objects.requireNonNull(value, "layout");
            return this;
        }

        /** FLOAT32 (default), INT16 or UINT8 for volumes and maps; masks are always UINT8. */
        public Builder dataType(NiftiDataType value) {
            Objects.requireNonNull(value, "dataType");
            if (value != NiftiDataType.FLOAT32
                    && value != NiftiDataType.INT16
                    && value != NiftiDataType.UINT8) {
                throw new IllegalArgumentException(
                        "dataType must be FLOAT32, INT16 or UINT8, got " + value);
            }
            this.dataType = value;
            return this;
        }

        /** What to do when the output file exists; {@link ExistingOutput#REFUSE} by default. */
        public Builder existingOutput(ExistingOutput value) {
            this.existingOutput = Objects.requireNonNull(value, "existingOutput");
            return this;
        }

        /** Little-endian (default, what every current tool writes) or big-endian. */
        public Builder byteOrder(ByteOrder value) {
            this.byteOrder = Objects.requireNonNull(value, "byteOrder");
            return this;
        }

        /** A writer with these options. */
        public NiftiWriter build() {
            return new NiftiWriter(this);
        }
    }
}
