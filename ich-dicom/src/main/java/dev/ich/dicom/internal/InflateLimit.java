package dev.ich.dicom.internal;

import java.nio.charset.StandardCharsets;

/**
 * How many bytes a deflated dataset may inflate to: a multiple of what the image it declares needs.
 * A ratio of inflated to compressed bytes cannot tell a bomb from an image, since deflate itself
 * stops near 1032:1; the image's own Rows, Columns, BitsAllocated, SamplesPerPixel and
 * NumberOfFrames can. Before the pixel data appears, the header may take {@link #HEADER_BUDGET}.
 *
 * <p>The attributes are found by their Explicit VR Little Endian byte patterns (the only encoding
 * of a deflated dataset) rather than by parsing, because the inflated prefix is incomplete; the
 * largest value found anywhere (an icon's Rows included) is taken, so the bound errs on the large
 * side.
 */
final class InflateLimit {

    /** No deflated head CT file is larger than this inflated. */
    static final int MAX_BYTES = 1 << 30;

    /** Inflated bytes allowed before the pixel data (attributes, sequences, private data). */
    static final int HEADER_BUDGET = 64 << 20;

    /** The pixel data may be this many times the declared image (odd padding, overlays, slack). */
    private static final int IMAGE_MULTIPLE = 2;

    private static final int SLACK = 1 << 20;

    /** (7FE0,0010) with VR OB or OW and its two reserved bytes. */
    private static final byte[] PIXEL_DATA_OB = {
        (byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'B', 0x00, 0x00
    };

    private static final byte[] PIXEL_DATA_OW = {
        (byte) 0xE0, 0x7F, 0x10, 0x00, 'O', 'W', 0x00, 0x00
    };

    private InflateLimit() {}

    /**
     * The limit for a dataset whose first {@code n} inflated bytes are {@code inflated[0, n)}, and
     * the declared image in words when it is known (for the error message).
     */
    static Limit of(byte[] inflated, int n) {
        int ob = find(inflated, n, PIXEL_DATA_OB, 0);
        int ow = find(inflated, n, PIXEL_DATA_OW, 0);
        int pixelData = ob < 0 ? ow : ow < 0 ? ob : Math.min(ob, ow);
        if (pixelData < 0) {
            return new Limit(Math.min(MAX_BYTES, HEADER_BUDGET), -1);
        }
        long rows = largestUnsignedShort(inflated, pixelData, 0x0010);
        long columns = largestUnsignedShort(inflated, pixelData, 0x0011);
        long bits = Math.max(8, largestUnsignedShort(inflated, pixelData, 0x0100));
        long samples = Math.max(1, largestUnsignedShort(inflated, pixelData, 0x0002));
        long frames = Math.max(1, largestFrameCount(inflated, pixelData));
        long declared = rows * columns * samples * frames * ((bits + 7) / 8);
        return new Limit(
                Math.min(MAX_BYTES, pixelData + IMAGE_MULTIPLE * declared + SLACK), declared);
    }

    /**
     * @param declaredImageBytes what the declared image needs, or −1 before the pixel data
     */
    record Limit(long bytes, long declaredImageBytes) {
        String describe() {
            return declaredImageBytes < 0
                    ? "the header before the pixel data may take at most " + bytes + " bytes"
                    : "the declared image needs "
                            + declaredImageBytes
                            + " bytes, so at most "
                            + bytes
                            + " are plausible";
        }
    }

    /** The largest (0028,element) US value before {@code end}, 0 when there is none. */
    private static long largestUnsignedShort(byte[] b, int end, int element) {
        byte[] pattern = {0x28, 0x00, (byte) element, (byte) (element >> 8), 'U', 'S', 0x02, 0x00};
        long largest = 0;
        for (int at = find(b, end, pattern, 0);
                at >= 0 && at + 10 <= end;
                at = find(b, end, pattern, at + 1)) {
            largest = Math.max(largest, (b[at + 8] & 0xFF) | (b[at + 9] & 0xFF) << 8);
        }
        return largest;
    }

    /**
     * The largest NumberOfFrames (0028,0008) IS before {@code end}; 0 when there is none or it is
     * not a number.
     */
    private static long largestFrameCount(byte[] b, int end) {
        byte[] pattern = {0x28, 0x00, 0x08, 0x00, 'I', 'S'};
        long largest = 0;
        for (int at = find(b, end, pattern, 0);
                at >= 0 && at + 8 <= end;
                at = find(b, end, pattern, at + 1)) {
            int length = (b[at + 6] & 0xFF) | (b[at + 7] & 0xFF) << 8;
            if (length > 12 || at + 8 + length > end) {
                continue;
            }
            String text = new String(b, at + 8, length, StandardCharsets.US_ASCII).trim();
            try {
                largest = Math.max(largest, Long.parseLong(text));
            } catch (NumberFormatException e) {
                // Not a frame count; the image is then taken as one frame.
            }
        }
        return largest;
    }

    private static int find(byte[] b, int end, byte[] pattern, int from) {
        outer:
        for (int i = from; i + pattern.length <= end; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (b[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
