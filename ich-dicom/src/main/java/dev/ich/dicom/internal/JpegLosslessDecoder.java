package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;

/**
 * JPEG lossless, process 14 (ITU-T T.81 Annex H): Huffman-coded differences from one of seven
 * predictors, 2–16 bits, one component. Our own because the TwelveMonkeys decoder returned a
 * wrong last sample on one corpus frame that dcmtk's decoder reads correctly; this one is checked
 * bit-exact against the uncompressed originals for every corpus file.
 */
final class JpegLosslessDecoder {

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOF3 = 0xC3;
    private static final int DHT = 0xC4;
    private static final int SOS = 0xDA;
    private static final int DRI = 0xDD;
    private static final int FAST_BITS = 9;

    private final byte[] data;
    private final String name;
    private int pos;

    private final HuffmanTable[] tables = new HuffmanTable[4];
    private int precision;
    private int width;
    private int height;
    private int restartInterval;

    // Bit reader state.
    private long bitBuffer;
    private int bitCount;
    private boolean hitMarker;

    private JpegLosslessDecoder(byte[] data, String name) {
        this.data = data;
        this.name = name;
    }

    /** True when the stream's frame header is SOF3 (lossless, Huffman). */
    static boolean isLossless(byte[] data) {
        int p = 2;
        while (p + 4 <= data.length) {
            if ((data[p] & 0xFF) != 0xFF) {
                return false;
            }
            int marker = data[p + 1] & 0xFF;
            if (marker == SOF3) {
                return true;
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != 0xC8 && marker != 0xCC) {
                return false;
            }
            p += 2 + ((data[p + 2] & 0xFF) << 8 | (data[p + 3] & 0xFF));
        }
        return false;
    }

    static void decode(byte[] data, PixelFormat format, int[] out, String name) throws IchException {
        new JpegLosslessDecoder(data, name).run(format, out);
    }

    private void run(PixelFormat format, int[] out) throws IchException {
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw corrupt("the stream does not start with a JPEG SOI marker");
        }
        pos = 2;
        while (true) {
            int marker = nextMarker();
            if (marker == EOI) {
                throw corrupt("the stream ends before its scan");
            }
            int len = u16();
            int end = pos + len - 2;
            if (len < 2 || end > data.length) {
                throw corrupt("marker segment FF" + Integer.toHexString(marker) + " overruns the stream");
            }
            switch (marker) {
                case SOF3:
                    readFrameHeader(format);
                    break;
                case DHT:
                    readHuffmanTables(end);
                    break;
                case DRI:
                    restartInterval = u16();
                    break;
                case SOS:
                    if (width == 0) {
                        throw corrupt("the scan comes before the frame header");
                    }
                    int predictor = readScanHeader();
                    pos = end;
                    decodeScan(predictor, out);
                    return;
                default:
                    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC8 && marker != 0xCC) {
                        throw corrupt("not a lossless Huffman JPEG stream (frame type FF"
                            + Integer.toHexString(marker) + ")");
                    }
                    break;
            }
            pos = end;
        }
    }

    private int nextMarker() throws IchException {
        while (pos + 1 < data.length) {
            if ((data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xFF) != 0xFF && (data[pos + 1] & 0xFF) != 0) {
                int m = data[pos + 1] & 0xFF;
                pos += 2;
                return m;
            }
            pos++;
        }
        throw corrupt("the stream ends before a marker");
    }

    private int u8() throws IchException {
        if (pos >= data.length) {
            throw corrupt("the stream ends inside a header");
        }
        return data[pos++] & 0xFF;
    }

    private int u16() throws IchException {
        return u8() << 8 | u8();
    }

    private void readFrameHeader(PixelFormat format) throws IchException {
        precision = u8();
        height = u16();
        width = u16();
        int components = u8();
        if (components != 1) {
            throw corrupt("the stream has " + components + " components; a CT image has one");
        }
        if (precision < 2 || precision > 16) {
            throw corrupt("sample precision " + precision + " is outside 2..16");
        }
        if (width != format.columns() || height != format.rows()) {
            throw corrupt("the stream is " + width + " × " + height + " but the header says " + format.columns()
                + " × " + format.rows());
        }
        pos += 3;
    }

    private void readHuffmanTables(int end) throws IchException {
        while (pos < end) {
            int tcTh = u8();
            int id = tcTh & 0x0F;
            if ((tcTh >> 4) != 0 || id > 3) {
                throw corrupt("a Huffman table of class " + (tcTh >> 4) + " id " + id + " in a lossless stream");
            }
            int[] counts = new int[17];
            int total = 0;
            for (int l = 1; l <= 16; l++) {
                counts[l] = u8();
                total += counts[l];
            }
            if (total > 256 || pos + total > end) {
                throw corrupt("a Huffman table overruns its segment");
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = u8();
            }
            tables[id] = new HuffmanTable(counts, symbols);
        }
    }

    private int readScanHeader() throws IchException {
        int ns = u8();
        if (ns != 1) {
            throw corrupt("the scan has " + ns + " components");
        }
        u8();
        int table = u8() >> 4;
        if (table > 3 || tables[table] == null) {
            throw corrupt("the scan uses Huffman table " + table + ", which is not defined");
        }
        current = tables[table];
        int predictor = u8();
        u8();
        pointTransform = u8() & 0x0F;
        if (predictor < 1 || predictor > 7) {
            throw corrupt("predictor " + predictor + " is not 1..7");
        }
        return predictor;
    }

    private HuffmanTable current;
    private int pointTransform;

    private void decodeScan(int predictor, int[] out) throws IchException {
        int mask = 0xFFFF;
        int initial = 1 << (precision - pointTransform - 1);
        int n = width * height;
        int sinceRestart = 0;
        boolean firstLine = true;
        int rowStartOfInterval = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (restartInterval > 0 && sinceRestart == restartInterval) {
                    restart();
                    sinceRestart = 0;
                    firstLine = true;
                    rowStartOfInterval = y;
                    if (x != 0) {
                        throw corrupt("a restart interval that does not start a row is not supported");
                    }
                }
                int pred;
                if (firstLine && y == rowStartOfInterval) {
                    pred = x == 0 ? initial : out[row + x - 1];
                } else if (x == 0) {
                    pred = out[row - width];
                } else {
                    int ra = out[row + x - 1];
                    int rb = out[row - width + x];
                    int rc = out[row - width + x - 1];
                    switch (predictor) {
                        case 1: pred = ra; break;
                        case 2: pred = rb; break;
                        case 3: pred = rc; break;
                        case 4: pred = ra + rb - rc; break;
                        case 5: pred = ra + ((rb - rc) >> 1); break;
                        case 6: pred = rb + ((ra - rc) >> 1); break;
                        default: pred = (ra + rb) >> 1; break;
                    }
                }
                out[row + x] = (pred + decodeDifference()) & mask;
                sinceRestart++;
            }
            if (y == rowStartOfInterval) {
                firstLine = false;
            }
        }
        if (pointTransform > 0) {
            for (int i = 0; i < n; i++) {
                out[i] = (out[i] << pointTransform) & mask;
            }
        }
    }

    private int decodeDifference() throws IchException {
        int ssss = decodeSymbol();
        if (ssss == 0) {
            return 0;
        }
        if (ssss == 16) {
            return 32768;
        }
        if (ssss > 16) {
            throw corrupt("a difference category of " + ssss + " bits");
        }
        int v = bits(ssss);
        return v < (1 << (ssss - 1)) ? v - (1 << ssss) + 1 : v;
    }

    private int decodeSymbol() throws IchException {
        fillBits();
        if (bitCount >= FAST_BITS) {
            int peek = (int) (bitBuffer >>> (bitCount - FAST_BITS)) & ((1 << FAST_BITS) - 1);
            int e = current.fast[peek];
            if (e >= 0) {
                bitCount -= e >>> 8;
                return e & 0xFF;
            }
        }
        int code = 0;
        for (int l = 1; l <= 16; l++) {
            code = code << 1 | bits(1);
            if (code <= current.maxCode[l]) {
                return current.symbols[current.valPtr[l] + code - current.minCode[l]];
            }
        }
        throw corrupt("an invalid Huffman code");
    }

    private int bits(int n) throws IchException {
        if (bitCount < n) {
            fillBits();
            if (bitCount < n) {
                throw corrupt("the entropy-coded data ends early");
            }
        }
        bitCount -= n;
        return (int) (bitBuffer >>> bitCount) & ((1 << n) - 1);
    }

    /** Tops up the bit buffer from the entropy-coded data, undoing byte stuffing; stops at a marker. */
    private void fillBits() {
        while (bitCount <= 48) {
            int b;
            if (hitMarker || pos >= data.length) {
                // Past the end: feed 1-bits as fill (only reached by corrupt data or the final code's padding).
                if (pos >= data.length + 16) {
                    return;
                }
                if (!hitMarker) {
                    pos++;
                }
                b = 0xFF;
            } else {
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    int next = pos + 1 < data.length ? data[pos + 1] & 0xFF : -1;
                    if (next == 0) {
                        pos += 2;
                    } else {
                        hitMarker = true;
                        b = 0xFF;
                        // Count fill bytes so a corrupt stream cannot loop forever.
                        fillCount++;
                        if (fillCount > 16) {
                            return;
                        }
                    }
                } else {
                    pos++;
                }
            }
            bitBuffer = bitBuffer << 8 | b;
            bitCount += 8;
        }
    }

    private int fillCount;

    private void restart() throws IchException {
        bitCount = 0;
        bitBuffer = 0;
        hitMarker = false;
        fillCount = 0;
        while (pos + 1 < data.length && !((data[pos] & 0xFF) == 0xFF && (data[pos + 1] & 0xFF) >= 0xD0
            && (data[pos + 1] & 0xFF) <= 0xD7)) {
            pos++;
        }
        if (pos + 1 >= data.length) {
            throw corrupt("a restart marker is missing");
        }
        pos += 2;
    }

    private IchException corrupt(String why) {
        return new IchException(ErrorCode.CORRUPT_DATA, name, "the JPEG lossless pixel data is damaged: " + why,
            "copy the file again from the scanner or PACS");
    }

    /** A canonical Huffman table with a lookup for codes of up to {@link #FAST_BITS} bits. */
    private static final class HuffmanTable {
        final int[] maxCode = new int[18];
        final int[] minCode = new int[17];
        final int[] valPtr = new int[17];
        final int[] symbols;
        final int[] fast = new int[1 << FAST_BITS];

        HuffmanTable(int[] counts, int[] symbols) {
            this.symbols = symbols;
            java.util.Arrays.fill(fast, -1);
            int code = 0;
            int k = 0;
            for (int l = 1; l <= 16; l++) {
                valPtr[l] = k;
                minCode[l] = code;
                for (int i = 0; i < counts[l]; i++) {
                    if (l <= FAST_BITS) {
                        int shift = FAST_BITS - l;
                        int base = code << shift;
                        for (int f = 0; f < 1 << shift && base + f < fast.length; f++) {
                            fast[base + f] = l << 8 | symbols[k];
                        }
                    }
                    code++;
                    k++;
                }
                maxCode[l] = counts[l] == 0 ? -1 : code - 1;
                code <<= 1;
            }
            maxCode[17] = Integer.MAX_VALUE;
        }
    }
}
