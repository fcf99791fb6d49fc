package dev.ich.dicom.nifti;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The fields of a NIfTI-1 header this library uses, decoded from (or encoded to) the 348 bytes on
 * disk. Field offsets follow {@code nifti1.h}. Free-text fields ({@code descrip}, {@code aux_file},
 * {@code db_name}) are deliberately not decoded: they may hold patient identity.
 */
final class NiftiHeader {

    static final int SIZE = 348;

    /**
     * Header plus the four extension-flag bytes: the smallest vox_offset of a single-file NIfTI-1.
     */
    static final int MIN_VOX_OFFSET = 352;

    private static final int NIFTI2_SIZE = 540;

    final ByteOrder order;
    final short[] dim = new short[8];
    final int datatypeCode;
    final short bitpix;
    final float[] pixdim = new float[8];
    final float voxOffset;
    final float sclSlope;
    final float sclInter;
    final byte xyztUnits;
    final short qformCode;
    final short sformCode;
    final float quaternB;
    final float quaternC;
    final float quaternD;
    final float qoffsetX;
    final float qoffsetY;
    final float qoffsetZ;

    /** srow_x, srow_y, srow_z: the top three rows of the sform, row-major. */
    final float[] srow = new float[12];

    private NiftiHeader(ByteBuffer b) {
        this.order = b.order();
        for (int n = 0; n < 8; n++) {
            dim[n] = b.getShort(40 + 2 * n);
            pixdim[n] = b.getFloat(76 + 4 * n);
        }
        datatypeCode = b.getShort(70);
        bitpix = b.getShort(72);
        voxOffset = b.getFloat(108);
        sclSlope = b.getFloat(112);
        sclInter = b.getFloat(116);
        xyztUnits = b.get(123);
        qformCode = b.getShort(252);
        sformCode = b.getShort(254);
        quaternB = b.getFloat(256);
        quaternC = b.getFloat(260);
        quaternD = b.getFloat(264);
        qoffsetX = b.getFloat(268);
        qoffsetY = b.getFloat(272);
        qoffsetZ = b.getFloat(276);
        for (int n = 0; n < 12; n++) {
            srow[n] = b.getFloat(280 + 4 * n);
        }
    }

    /**
     * Decodes and checks the identity of a header: size field (which also gives the byte order) and
     * magic. Value checks (dimensions, data type, geometry) are the reader's.
     *
     * @param bytes at least {@link #SIZE} bytes from the start of the file
     * @param source the file, for messages
     */
    static NiftiHeader parse(byte[] bytes, String source) throws IchException {
        if (bytes.length < SIZE) {
            throw new IchException(
                    ErrorCode.TRUNCATED_FILE,
                    source,
                    "the file ends after "
                            + bytes.length
                            + " bytes, inside the 348-byte NIfTI-1 header",
                    "Check that the file was copied completely");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int little = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        int big = b.order(ByteOrder.BIG_ENDIAN).getInt(0);
        if (little == SIZE) {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (big == SIZE) {
            b.order(ByteOrder.BIG_ENDIAN);
        } else if (little == NIFTI2_SIZE || big == NIFTI2_SIZE) {
            throw new IchException(
                    ErrorCode.UNSUPPORTED_ENCODING,
                    source,
                    "the file is NIfTI-2, not NIfTI-1",
                    "Convert it to NIfTI-1, for example with nibabel (nib.Nifti1Image(img.dataobj, img.affine))");
        } else {
            throw new IchException(
                    ErrorCode.INVALID_NIFTI,
                    source,
                    "the header size field is "
                            + little
                            + " (little-endian) / "
                            + big
                            + " (big-endian), not 348, so this is not a NIfTI-1 file",
                    "Give a .nii or .nii.gz file");
        }
        String magic = new String(bytes, 344, 4, StandardCharsets.ISO_8859_1);
        if ("ni1\0".equals(magic)) {
            throw new IchException(
                    ErrorCode.UNSUPPORTED_ENCODING,
                    source,
                    "the header belongs to a two-file .hdr/.img pair (magic 'ni1')",
                    "Convert the pair to a single .nii or .nii.gz file, for example with nibabel or fslchfiletype");
        }
        if (!"n+1\0".equals(magic)) {
            throw new IchException(
                    ErrorCode.INVALID_NIFTI,
                    source,
                    "the magic field is not 'n+1' (an Analyze 7.5 file or a corrupt header)",
                    "Give a single-file NIfTI-1 image (.nii or .nii.gz)");
        }
        return new NiftiHeader(b);
    }

    /** Values of a header to write; see {@link #encode}. */
    record Fields(
            ByteOrder order,
            short[] dim,
            NiftiDataType type,
            float[] pixdim,
            float sclSlope,
            float sclInter,
            byte xyztUnits,
            short qformCode,
            short sformCode,
            float[] quatern,
            float[] qoffset,
            float[] srow,
            String descrip) {}

    /**
     * The 352 bytes (header and an empty extension flag) that start a single-file NIfTI-1 image.
     */
    static byte[] encode(Fields f) {
        ByteBuffer b = ByteBuffer.allocate(MIN_VOX_OFFSET).order(f.order());
        b.putInt(0, SIZE);
        b.put(38, (byte) 'r'); // "regular", as dcm2niix and FSL write it
        for (int n = 0; n < 8; n++) {
            b.putShort(40 + 2 * n, f.dim()[n]);
            b.putFloat(76 + 4 * n, f.pixdim()[n]);
        }
        b.putShort(70, (short) f.type().code());
        b.putShort(72, (short) f.type().bitsPerVoxel());
        b.putFloat(108, MIN_VOX_OFFSET);
        b.putFloat(112, f.sclSlope());
        b.putFloat(116, f.sclInter());
        b.put(123, f.xyztUnits());
        byte[] descrip = f.descrip().getBytes(StandardCharsets.US_ASCII);
        b.put(148, descrip, 0, Math.min(descrip.length, 79));
        b.putShort(252, f.qformCode());
        b.putShort(254, f.sformCode());
        for (int n = 0; n < 3; n++) {
            b.putFloat(256 + 4 * n, f.quatern()[n]);
            b.putFloat(268 + 4 * n, f.qoffset()[n]);
        }
        for (int n = 0; n < 12; n++) {
            b.putFloat(280 + 4 * n, f.srow()[n]);
        }
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1').put(347, (byte) 0);
        return b.array();
    }
}
