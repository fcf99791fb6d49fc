package dev.ich.dicom.nifti;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import dev.ich.core.geometry.PhysicalSpacing;
import dev.ich.core.geometry.VolumeGeometry;
import dev.ich.core.volume.BinaryMask;
import dev.ich.core.volume.CtVolume;
import dev.ich.core.volume.Provenance;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads single-file NIfTI-1 images ({@code .nii}, or gzip-compressed {@code .nii.gz}, recognised by
 * content, not name) of one 3D volume. Geometry follows nibabel: the sform when {@code sform_code
 * != 0}, else the qform, else {@code pixdim} alone; RAS on disk becomes LPS in the returned
 * geometry. Every problem with a file is an {@link IchException} naming the file.
 */
public final class NiftiReader {

    // Paths are not logged: file names often carry patient names.
    private static final Logger LOG = LoggerFactory.getLogger(NiftiReader.class);

    /** Values per chunk when decoding; also the unit in which compressed data is buffered. */
    private static final int CHUNK_BYTES = 1 << 20;

    private static final int MAX_DIM = 32767;

    /** More voxels than any head CT has (1024 × 1024 × 512). */
    static final long MAX_VOXELS = 1L << 29;

    /** Transfer-syntax description recorded in the provenance of volumes read from NIfTI. */
    public static final String PROVENANCE_ENCODING = "nifti-1";

    private NiftiReader() {}

    /** Reads the volume and its geometry. */
    public static NiftiImage read(Path file) throws IchException {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new IchException(
                    ErrorCode.INVALID_NIFTI,
                    source,
                    "this is a folder, not a NIfTI file",
                    "Give a .nii or .nii.gz file");
        }
        boolean compressed = isGzip(file, source);
        try (InputStream in = open(file, compressed)) {
            byte[] head = in.readNBytes(NiftiHeader.SIZE);
            NiftiHeader h = NiftiHeader.parse(head, source);
            return readBody(h, in, compressed, file, source);
        } catch (NoSuchFileException e) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    source,
                    "the file does not exist",
                    "Check the path",
                    e);
        } catch (ZipException e) {
            throw new IchException(
                    ErrorCode.CORRUPT_DATA,
                    source,
                    "the gzip stream is corrupt (" + e.getMessage() + ")",
                    "Check that the file was copied completely, or decompress it with gunzip to see the damage",
                    e);
        } catch (java.io.EOFException e) {
            throw new IchException(
                    ErrorCode.TRUNCATED_FILE,
                    source,
                    "the gzip stream ends early",
                    "Check that the file was copied completely",
                    e);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    source,
                    "the file cannot be read (" + e.getMessage() + ")",
                    "Check the file's permissions and the disk",
                    e);
        }
    }

    /**
     * Reads a CT volume in HU (the values after the header's scaling). Provenance holds no file
     * name, since file names often carry patient names.
     */
    public static CtVolume readCtVolume(Path file) throws IchException {
        NiftiImage image = read(file);
        float[] hu = image.ownedValues();
        requireFinite(hu, image.geometry(), file);
        List<String> warnings = new ArrayList<>(image.warnings());
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (float v : hu) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (lo > -200 || hi > 10000) {
            warnings.add(
                    "values range from "
                            + lo
                            + " to "
                            + hi
                            + ", which does not look like CT in Hounsfield units "
                            + "(no air at about -1000 HU, or values above 10000)");
        }
        Provenance provenance =
                new Provenance("nifti", image.geometry().nz(), 1, PROVENANCE_ENCODING, warnings);
        return CtVolume.wrap(image.geometry(), hu, provenance);
    }

    /**
     * Reads a mask: voxels with a non-zero value are inside (so label maps with labels 1, 2, … give
     * their union). Values must be whole numbers, so a probability map is refused rather than
     * silently thresholded.
     */
    public static BinaryMask readMask(Path file) throws IchException {
        NiftiImage image = read(file);
        float[] values = image.ownedValues();
        BitSet bits = new BitSet(values.length);
        for (int n = 0; n < values.length; n++) {
            float v = values[n];
            if (!Float.isFinite(v) || v != Math.rint(v)) {
                throw new IchException(
                        ErrorCode.INVALID_NIFTI,
                        file.toString(),
                        "the mask holds the value "
                                + v
                                + " at voxel "
                                + voxel(image.geometry(), n)
                                + "; a mask holds whole numbers (0 outside, non-zero inside)",
                        "Threshold the map into a 0/1 mask first");
            }
            if (v != 0) {
                bits.set(n);
            }
        }
        return BinaryMask.fromBits(image.geometry(), bits);
    }

    /**
     * Reads a mask that must lie on {@code grid} (for example the grid of the CT it segments).
     *
     * @param toleranceMm largest allowed difference between the two voxel-to-patient affines
     */
    public static BinaryMask readMask(Path file, VolumeGeometry grid, double toleranceMm)
            throws IchException {
        BinaryMask mask = readMask(file);
        if (!mask.geometry().sameGrid(grid, toleranceMm)) {
            throw new IchException(
                    ErrorCode.INCONSISTENT_SERIES,
                    file.toString(),
                    "the mask's grid ("
                            + mask.geometry()
                            + ") differs from the image's ("
                            + grid
                            + ") by more than "
                            + toleranceMm
                            + " mm",
                    "Give the mask that was made on this image, or resample it onto the image grid");
        }
        return mask;
    }

    private static InputStream open(Path file, boolean compressed) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return compressed
                ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16)
                : raw;
    }

    private static NiftiImage readBody(
            NiftiHeader h, InputStream in, boolean compressed, Path file, String source)
            throws IchException, IOException {
        List<String> warnings = new ArrayList<>();
        int[] dims = spatialDims(h, source);
        NiftiDataType type =
                NiftiDataType.ofCode(h.datatypeCode)
                        .orElseThrow(
                                () ->
                                        new IchException(
                                                ErrorCode.UNSUPPORTED_ENCODING,
                                                source,
                                                "the NIfTI data type code "
                                                        + h.datatypeCode
                                                        + " is not a supported scalar type",
                                                "Convert the image to float32, int16 or uint8, for example with nibabel or fslmaths -odt"));
        long voxels = (long) dims[0] * dims[1] * dims[2];
        if (voxels > Integer.MAX_VALUE - 8) {
            throw new IchException(
                    ErrorCode.IMPLAUSIBLE_LENGTH,
                    source,
                    "the dimensions "
                            + dims[0]
                            + " × "
                            + dims[1]
                            + " × "
                            + dims[2]
                            + " give "
                            + voxels
                            + " voxels, more than one volume can hold",
                    "Check the header's dim field");
        }
        long dataBytes = voxels * type.bytesPerVoxel();
        requireMemoryFor(voxels, compressed ? dataBytes : 0, dims, source);
        float offsetF = h.voxOffset;
        if (!(offsetF >= NiftiHeader.MIN_VOX_OFFSET)
                || offsetF != Math.rint(offsetF)
                || offsetF > Integer.MAX_VALUE) {
            throw new IchException(
                    ErrorCode.INVALID_NIFTI,
                    source,
                    "vox_offset is "
                            + offsetF
                            + "; a single-file NIfTI-1 image needs a whole number of at least 352",
                    "Repair the header (nibabel rewrites a valid one when it saves the image)");
        }
        long offset = (long) offsetF;
        if (!compressed) {
            long size = Files.size(file);
            if (offset + dataBytes > size) {
                throw new IchException(
                        ErrorCode.TRUNCATED_FILE,
                        source,
                        "the header announces "
                                + dataBytes
                                + " bytes of voxels from byte "
                                + offset
                                + " but the file has only "
                                + size
                                + " bytes",
                        "Check that the file was copied completely and that its dim and datatype are right");
            }
        }
        // Geometry before voxels: a bad header fails before a large read.
        NiftiGeometry.Best best = NiftiGeometry.bestAffine(h, dims, source, warnings);
        VolumeGeometry geometry;
        try {
            geometry =
                    VolumeGeometry.fromVoxelToPatient(
                            dims[0], dims[1], dims[2], best.voxelToRas().rasToLps());
        } catch (IllegalArgumentException e) {
            throw new IchException(
                    ErrorCode.INVALID_NIFTI,
                    source,
                    "the "
                            + best.source()
                            + " affine is not a usable grid ("
                            + e.getMessage()
                            + ")",
                    "Repair the header's geometry",
                    e);
        }
        PhysicalSpacing.check(
                geometry.spacing(),
                ErrorCode.INVALID_NIFTI,
                source,
                "Repair the header's voxel sizes (pixdim, and the sform or qform if set)");
        skipFully(in, offset - NiftiHeader.SIZE, source);
        float slope = h.sclSlope;
        float inter = h.sclInter;
        if (slope == 0 || !Float.isFinite(slope)) {
            slope = 1;
            inter = 0;
        } else if (!Float.isFinite(inter)) {
            throw new IchException(
                    ErrorCode.INVALID_NIFTI,
                    source,
                    "scl_slope is " + slope + " but scl_inter is " + inter,
                    "Repair the header's scaling");
        }
        VoxelDecoder decoder = new VoxelDecoder(type, slope, inter);
        float[] values =
                compressed
                        ? readBuffered(in, (int) voxels, type, h.order, decoder, source)
                        : readStreaming(in, (int) voxels, type, h.order, decoder, source);
        LOG.debug(
                "read a {}×{}×{} {} NIfTI-1 image, affine from {}, {} warning(s)",
                dims[0],
                dims[1],
                dims[2],
                type,
                best.source(),
                warnings.size());
        return new NiftiImage(
                geometry, values, best.voxelToRas(), best.source(), type, slope, inter, warnings);
    }

    /**
     * Refuses, before anything is allocated, a volume larger than any head CT ({@link #MAX_VOXELS})
     * or than this JVM can hold: its floats, plus for a compressed file the raw bytes collected
     * first. A gzip file of 2 MB can declare and really hold 1024³ voxels of zeros.
     */
    private static void requireMemoryFor(long voxels, long rawBytes, int[] dims, String source)
            throws IchException {
        String size = dims[0] + " × " + dims[1] + " × " + dims[2];
        if (voxels > MAX_VOXELS) {
            throw new IchException(
                    ErrorCode.IMPLAUSIBLE_LENGTH,
                    source,
                    "the header declares "
                            + size
                            + " = "
                            + voxels
                            + " voxels, more than a head CT has (at most "
                            + MAX_VOXELS
                            + ")",
                    "Check the header's dim field, or crop or downsample the image first");
        }
        long needed = voxels * Float.BYTES + rawBytes;
        long available = Runtime.getRuntime().maxMemory();
        if (needed > available) {
            throw new IchException(
                    ErrorCode.IMPLAUSIBLE_LENGTH,
                    source,
                    "reading "
                            + size
                            + " voxels needs about "
                            + (needed >> 20)
                            + " MB, more than the "
                            + (available >> 20)
                            + " MB this JVM may use",
                    "Give Java more memory (-Xmx) or crop the image first");
        }
    }

    /** By content, not name: a .nii that is really gzip-compressed (or the reverse) still reads. */
    private static boolean isGzip(Path file, String source) throws IchException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (NoSuchFileException e) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    source,
                    "the file does not exist",
                    "Check the path",
                    e);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    source,
                    "the file cannot be read (" + e.getMessage() + ")",
                    "Check the file's permissions and the disk",
                    e);
        }
    }

    private static int[] spatialDims(NiftiHeader h, String source) throws IchException {
        int rank = h.dim[0];
        if (rank < 1 || rank > 7) {
            throw new IchException(
                    ErrorCode.INVALID_NIFTI,
                    source,
                    "dim[0] (the number of dimensions) is " + rank + ", not 1 to 7",
                    "Check that this is a NIfTI-1 file and that it is not corrupt");
        }
        int[] dims = {1, 1, 1};
        for (int n = 1; n <= rank; n++) {
            int d = h.dim[n];
            if (d < 1 || d > MAX_DIM) {
                throw new IchException(
                        ErrorCode.IMPLAUSIBLE_LENGTH,
                        source,
                        "dim[" + n + "] is " + d + ", outside 1 to " + MAX_DIM,
                        "Check the header's dim field");
            }
            if (n <= 3) {
                dims[n - 1] = d;
            } else if (d != 1) {
                throw new IchException(
                        ErrorCode.INVALID_NIFTI,
                        source,
                        "the image has "
                                + rank
                                + " dimensions with dim["
                                + n
                                + "] = "
                                + d
                                + " ("
                                + d
                                + (n == 4
                                        ? " volumes, a time series"
                                        : " entries along dimension " + n)
                                + "); only a single 3D volume can be read",
                        "Extract one 3D volume first, for example with fslroi or nibabel's index_img");
            }
        }
        return dims;
    }

    private static float[] readStreaming(
            InputStream in,
            int voxels,
            NiftiDataType type,
            ByteOrder order,
            VoxelDecoder decoder,
            String source)
            throws IchException, IOException {
        float[] out = new float[voxels];
        int per = Math.min(voxels, CHUNK_BYTES / type.bytesPerVoxel());
        ByteBuffer buf = ByteBuffer.allocate(per * type.bytesPerVoxel()).order(order);
        int done = 0;
        while (done < voxels) {
            int want = Math.min(per, voxels - done) * type.bytesPerVoxel();
            int got = in.readNBytes(buf.array(), 0, want);
            if (got < want) {
                throw truncated(source, done, voxels, type);
            }
            buf.clear().limit(want);
            done += decoder.decode(buf, out, done);
        }
        return out;
    }

    /**
     * Compressed data cannot be measured before it is inflated, so the raw bytes are collected in
     * chunks and the float array is allocated only once they are all there: a small file whose
     * header announces a huge volume fails with "truncated", not with an out-of-memory error.
     */
    private static float[] readBuffered(
            InputStream in,
            int voxels,
            NiftiDataType type,
            ByteOrder order,
            VoxelDecoder decoder,
            String source)
            throws IchException, IOException {
        long remaining = (long) voxels * type.bytesPerVoxel();
        int chunkBytes = (CHUNK_BYTES / type.bytesPerVoxel()) * type.bytesPerVoxel();
        List<byte[]> chunks = new ArrayList<>();
        long have = 0;
        while (remaining > 0) {
            int want = (int) Math.min(chunkBytes, remaining);
            byte[] chunk = in.readNBytes(want); // allocates only as much as the stream really holds
            have += chunk.length;
            if (chunk.length < want) {
                throw truncated(source, (int) (have / type.bytesPerVoxel()), voxels, type);
            }
            chunks.add(chunk);
            remaining -= want;
        }
        float[] out = new float[voxels];
        int done = 0;
        for (int n = 0; n < chunks.size(); n++) {
            done += decoder.decode(ByteBuffer.wrap(chunks.get(n)).order(order), out, done);
            chunks.set(n, null); // let the raw bytes go as soon as they are decoded
        }
        return out;
    }

    private static IchException truncated(String source, int read, int voxels, NiftiDataType type) {
        return new IchException(
                ErrorCode.TRUNCATED_FILE,
                source,
                "the file ends after " + read + " of " + voxels + " voxels (" + type + ")",
                "Check that the file was copied completely");
    }

    private static void skipFully(InputStream in, long n, String source)
            throws IchException, IOException {
        long left = n;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new IchException(
                            ErrorCode.TRUNCATED_FILE,
                            source,
                            "the file ends before vox_offset, where the voxels should start",
                            "Check that the file was copied completely");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    private static void requireFinite(float[] values, VolumeGeometry g, Path file)
            throws IchException {
        for (int n = 0; n < values.length; n++) {
            if (!Float.isFinite(values[n])) {
                throw new IchException(
                        ErrorCode.CORRUPT_DATA,
                        file.toString(),
                        "voxel "
                                + voxel(g, n)
                                + " is "
                                + values[n]
                                + "; a CT volume needs finite HU values",
                        "Replace missing values (for example with -1024 HU) before reading the image");
            }
        }
    }

    private static String voxel(VolumeGeometry g, int index) {
        int i = index % g.nx();
        int j = (index / g.nx()) % g.ny();
        int k = index / (g.nx() * g.ny());
        return "(" + i + ", " + j + ", " + k + ")";
    }
}
