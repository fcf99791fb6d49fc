package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;

/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then PackBits segments.
 */
final class RleDecoder {

    private RleDecoder() {}

    /**
     * Decodes one frame into raw samples.
     *
     * @param data the frame's fragments, concatenated
     * @param format the pixel layout (1 sample per pixel)
     * @param out receives {@code rows × columns} raw samples
     */
    static void decode(byte[] data, PixelFormat format, int[] out, String name)
            throws IchException {
        int bytesPerSample = format.bitsAllocated() / 8;
        if (data.length < 64) {
            throw corrupt(name, "the RLE header is missing");
        }
        int segments = (int) u32(data, 0);
        if (segments != bytesPerSample) {
            throw corrupt(
                    name,
                    "the RLE frame has " + segments + " segments, expected " + bytesPerSample);
        }
        int n = format.pixelsPerFrame();
        java.util.Arrays.fill(out, 0, n, 0);
        byte[] segment = new byte[n];
        for (int s = 0; s < segments; s++) {
            long start = u32(data, 4 + 4 * s);
            long end = s + 1 < segments ? u32(data, 8 + 4 * s) : data.length;
            if (start < 64 || end > data.length || end < start) {
                throw corrupt(
                        name,
                        "RLE segment " + (s + 1) + " has invalid offsets " + start + ".." + end);
            }
            unpack(data, (int) start, (int) end, segment, name);
            // Segment 0 holds the most significant bytes.
            int shift = 8 * (segments - 1 - s);
            for (int i = 0; i < n; i++) {
                out[i] |= (segment[i] & 0xFF) << shift;
            }
        }
    }

    private static void unpack(byte[] in, int pos, int end, byte[] out, String name)
            throws IchException {
        int o = 0;
        while (o < out.length) {
            if (pos >= end) {
                throw corrupt(
                        name, "an RLE segment ends after " + o + " of " + out.length + " bytes");
            }
            int h = in[pos++];
            if (h >= 0) {
                int count = h + 1;
                if (pos + count > end || o + count > out.length) {
                    throw corrupt(name, "an RLE literal run overruns its segment");
                }
                System.arraycopy(in, pos, out, o, count);
                pos += count;
                o += count;
            } else if (h != -128) {
                int count = 1 - h;
                if (pos >= end || o + count > out.length) {
                    throw corrupt(name, "an RLE replicate run overruns its segment");
                }
                java.util.Arrays.fill(out, o, o + count, in[pos++]);
                o += count;
            }
        }
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL)
                | (b[p + 1] & 0xFFL) << 8
                | (b[p + 2] & 0xFFL) << 16
                | (b[p + 3] & 0xFFL) << 24;
    }

    private static IchException corrupt(String name, String why) {
        return new IchException(
                ErrorCode.CORRUPT_DATA,
                name,
                "the RLE pixel data is damaged: " + why,
                "copy the file again from the scanner or PACS");
    }
}
