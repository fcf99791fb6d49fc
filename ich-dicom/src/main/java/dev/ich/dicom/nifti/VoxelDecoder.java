package dev.ich.dicom.nifti;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;

/**
 * Turns raw voxels into floats with the header's scaling applied as nibabel applies it: nibabel
 * keeps the scale factors as Python floats, so numpy scales every data type in float64 ({@code raw
 * * slope}, then {@code + inter}, each only when it changes something) and the result is rounded
 * once to float32 here. Unscaled values are rounded straight to float32. The result is
 * bit-identical to {@code np.asarray(img.dataobj).astype(np.float32)}.
 */
final class VoxelDecoder {

    private final NiftiDataType type;
    private final boolean scaled;
    private final double slope;
    private final double inter;

    /**
     * @param slope 1 and intercept 0 for no scaling
     */
    VoxelDecoder(NiftiDataType type, float slope, float inter) {
        this.type = type;
        this.scaled = slope != 1 || inter != 0;
        this.slope = slope;
        this.inter = inter;
    }

    /**
     * Decodes every whole voxel remaining in {@code raw} into {@code out} from {@code offset};
     * returns the count.
     */
    int decode(ByteBuffer raw, float[] out, int offset) {
        int count = raw.remaining() / type.bytesPerVoxel();
        // One tight loop per type over a typed view: several times faster than a switch per voxel.
        switch (type) {
            case FLOAT32:
                {
                    FloatBuffer b = raw.asFloatBuffer();
                    if (scaled) {
                        for (int n = 0; n < count; n++) {
                            out[offset + n] = scale(b.get(n));
                        }
                    } else {
                        b.get(out, offset, count);
                    }
                    break;
                }
            case INT16:
                {
                    ShortBuffer b = raw.asShortBuffer();
                    for (int n = 0; n < count; n++) {
                        short v = b.get(n);
                        out[offset + n] = scaled ? scale(v) : v;
                    }
                    break;
                }
            case UINT16:
                {
                    ShortBuffer b = raw.asShortBuffer();
                    for (int n = 0; n < count; n++) {
                        int v = b.get(n) & 0xFFFF;
                        out[offset + n] = scaled ? scale(v) : v;
                    }
                    break;
                }
            case UINT8:
                {
                    int base = raw.position();
                    for (int n = 0; n < count; n++) {
                        int v = raw.get(base + n) & 0xFF;
                        out[offset + n] = scaled ? scale(v) : v;
                    }
                    break;
                }
            default:
                for (int n = 0; n < count; n++) {
                    out[offset + n] = scaled ? scale(nextDouble(raw)) : nextFloat(raw);
                }
                return count;
        }
        raw.position(raw.position() + count * type.bytesPerVoxel());
        return count;
    }

    private double nextDouble(ByteBuffer raw) {
        switch (type) {
            case UINT8:
                return raw.get() & 0xFF;
            case INT8:
                return raw.get();
            case INT16:
                return raw.getShort();
            case UINT16:
                return raw.getShort() & 0xFFFF;
            case INT32:
                return raw.getInt();
            case UINT32:
                return raw.getInt() & 0xFFFF_FFFFL;
            case INT64:
                return raw.getLong();
            case UINT64:
                return unsigned64(raw.getLong());
            case FLOAT32:
                return raw.getFloat();
            case FLOAT64:
                return raw.getDouble();
            default:
                throw new IllegalStateException("no decoder for " + type);
        }
    }

    private float nextFloat(ByteBuffer raw) {
        switch (type) {
            case INT64:
                return raw.getLong();
            case UINT64:
                return unsigned64ToFloat(raw.getLong());
            case FLOAT64:
                return (float) raw.getDouble();
            case UINT32:
                return raw.getInt() & 0xFFFF_FFFFL; // long to float: one rounding, as numpy
            case INT32:
                return raw.getInt();
            default:
                return (float) nextDouble(raw); // exact: these types fit a float
        }
    }

    private float scale(double v) {
        double r = v;
        if (slope != 1) {
            r = r * slope;
        }
        if (inter != 0) {
            r = r + inter;
        }
        return (float) r;
    }

    private static double unsigned64(long v) {
        return v >= 0 ? v : new BigDecimal(Long.toUnsignedString(v)).doubleValue();
    }

    private static float unsigned64ToFloat(long v) {
        return v >= 0 ? (float) v : new BigDecimal(Long.toUnsignedString(v)).floatValue();
    }
}
