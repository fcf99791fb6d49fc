package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.util.Arrays;

/**
 * The parts of a JPEG stream (ITU-T T.81) shared by our lossless and DCT decoders: marker segments,
 * Huffman tables, and the bit reader over entropy-coded data (byte stuffing, restart markers).
 * Every read is bounds-checked; damaged data becomes {@link ErrorCode#CORRUPT_DATA}.
 */
final class JpegStream {

    static final int SOI = 0xD8;
    static final int EOI = 0xD9;
    static final int DHT = 0xC4;
    static final int DQT = 0xDB;
    static final int SOS = 0xDA;
    static final int DRI = 0xDD;
    private static final int FAST_BITS = 9;

    /** Fill bytes fed past a marker before the data counts as truncated. */
    private static final int MAX_FILL_BYTES = 16;

    final byte[] data;
    private final String name;
    private final String what;
    int pos;

    /** Huffman tables: index 0–3 DC (and lossless), 4–7 AC. */
    final HuffmanTable[] tables = new HuffmanTable[8];

    int restartInterval;

    private long bitBuffer;
    private int bitCount;
    private boolean hitMarker;
    private int fillCount;

    JpegStream(byte[] data, String name, String what) throws IchException {
        this.data = data;
        this.name = name;
        this.what = what;
        if (data.length < 4 || (data[0] & 0xFF) != 0xFF || (data[1] & 0xFF) != SOI) {
            throw corrupt("the stream does not start with a JPEG SOI marker");
        }
        pos = 2;
    }

    /** The frame type (SOFn marker) of a stream, or -1 when none is found. */
    static int frameType(byte[] data) {
        int p = frameHeaderOffset(data);
        return p < 0 ? -1 : data[p + 1] & 0xFF;
    }

    /**
     * The offset of the frame header's marker (SOFn) in a stream, found by walking the marker
     * segments from the start without decoding them, or -1 when none is found.
     */
    static int frameHeaderOffset(byte[] data) {
        int p = 2;
        while (p + 4 <= data.length) {
            if ((data[p] & 0xFF) != 0xFF) {
                return -1;
            }
            if (isFrameMarker(data[p + 1] & 0xFF)) {
                return p;
            }
            p += 2 + ((data[p + 2] & 0xFF) << 8 | (data[p + 3] & 0xFF));
        }
        return -1;
    }

    /** SOF0–SOF15, without DHT, JPG (0xC8) and DAC (0xCC), which share the range. */
    private static boolean isFrameMarker(int marker) {
        return marker >= 0xC0
                && marker <= 0xCF
                && marker != DHT
                && marker != 0xC8
                && marker != 0xCC;
    }

    /**
     * Reads the marker segments up to the first scan: Huffman tables and the restart interval here,
     * the frame header, the scan header and any other segment through {@code headers}. Leaves the
     * stream at the scan's entropy-coded data.
     *
     * @param kind the kind of stream the decoder reads, for the message on another frame type
     * @param allowAc whether Huffman tables of class AC may appear (not in lossless streams)
     */
    void readHeaders(Headers headers, String kind, boolean allowAc) throws IchException {
        boolean frameRead = false;
        while (true) {
            int marker = nextMarker();
            if (marker == EOI) {
                throw corrupt("the stream ends before its scan");
            }
            int len = u16();
            int end = pos + len - 2;
            if (len < 2 || end > data.length) {
                throw corrupt("a marker segment overruns the stream");
            }
            if (headers.readsFrame(marker)) {
                headers.readFrame();
                frameRead = true;
            } else if (marker == DHT) {
                readHuffmanTables(end, allowAc);
            } else if (marker == DRI) {
                restartInterval = u16();
            } else if (marker == SOS) {
                if (!frameRead) {
                    throw corrupt("the scan comes before the frame header");
                }
                headers.readScan();
                pos = end;
                return;
            } else if (isFrameMarker(marker)) {
                throw corrupt(
                        "not a "
                                + kind
                                + " stream (frame type FF"
                                + Integer.toHexString(marker)
                                + ")");
            } else {
                headers.readOther(marker, end);
            }
            pos = end;
        }
    }

    int nextMarker() throws IchException {
        while (pos + 1 < data.length) {
            if ((data[pos] & 0xFF) == 0xFF
                    && (data[pos + 1] & 0xFF) != 0xFF
                    && (data[pos + 1] & 0xFF) != 0) {
                int m = data[pos + 1] & 0xFF;
                pos += 2;
                return m;
            }
            pos++;
        }
        throw corrupt("the stream ends before a marker");
    }

    int u8() throws IchException {
        if (pos >= data.length) {
            throw corrupt("the stream ends inside a header");
        }
        return data[pos++] & 0xFF;
    }

    int u16() throws IchException {
        return u8() << 8 | u8();
    }

    /** Reads a DHT segment; {@code allowAc} is false for lossless streams. */
    void readHuffmanTables(int end, boolean allowAc) throws IchException {
        while (pos < end) {
            int tcTh = u8();
            int cls = tcTh >> 4;
            int id = tcTh & 0x0F;
            if (cls > 1 || id > 3 || (cls == 1 && !allowAc)) {
                throw corrupt("a Huffman table of class " + cls + " id " + id);
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
            if (oversubscribed(counts)) {
                throw corrupt("a Huffman table defines more codes than its code lengths allow");
            }
            int[] symbols = new int[total];
            for (int i = 0; i < total; i++) {
                symbols[i] = u8();
            }
            tables[cls * 4 + id] = new HuffmanTable(counts, symbols);
        }
    }

    /**
     * True when the counts of codes per length need more code words than exist (T.81 Annex C
     * assigns them in order): such a table is damaged, and its codes would not fit their lengths.
     */
    private static boolean oversubscribed(int[] counts) {
        long unused = 1;
        for (int l = 1; l <= 16; l++) {
            unused = 2 * unused - counts[l];
            if (unused < 0) {
                return true;
            }
        }
        return false;
    }

    HuffmanTable table(int index) throws IchException {
        if (index < 0 || index >= tables.length || tables[index] == null) {
            throw corrupt("the scan uses Huffman table " + (index & 3) + ", which is not defined");
        }
        return tables[index];
    }

    int decodeSymbol(HuffmanTable t) throws IchException {
        fillBits();
        if (bitCount >= FAST_BITS) {
            int peek = (int) (bitBuffer >>> (bitCount - FAST_BITS)) & ((1 << FAST_BITS) - 1);
            int e = t.fast[peek];
            if (e >= 0) {
                bitCount -= e >>> 8;
                return e & 0xFF;
            }
        }
        int code = 0;
        for (int l = 1; l <= 16; l++) {
            code = code << 1 | bits(1);
            if (code <= t.maxCode[l]) {
                return t.symbols[t.valPtr[l] + code - t.minCode[l]];
            }
        }
        throw corrupt("an invalid Huffman code");
    }

    /** The next {@code n} bits without consuming them, or -1 when fewer remain. */
    int peek(int n) {
        fillBits();
        if (bitCount < n) {
            return -1;
        }
        return (int) (bitBuffer >>> (bitCount - n)) & ((1 << n) - 1);
    }

    /** Consumes {@code n} bits already seen with {@link #peek}. */
    void consume(int n) {
        bitCount -= n;
    }

    int bits(int n) throws IchException {
        if (n == 0) {
            return 0;
        }
        if (bitCount < n) {
            fillBits();
            if (bitCount < n) {
                throw corrupt("the entropy-coded data ends early");
            }
        }
        bitCount -= n;
        return (int) (bitBuffer >>> bitCount) & ((1 << n) - 1);
    }

    /** {@code n} bits read as a difference of category {@code n} (T.81 F.2.2.1 EXTEND). */
    int receiveExtend(int n) throws IchException {
        int v = bits(n);
        return v < (1 << (n - 1)) ? v - (1 << n) + 1 : v;
    }

    /** Tops up the bit buffer, undoing byte stuffing; past a marker it feeds 1-bits (fill). */
    private void fillBits() {
        while (bitCount <= 48) {
            int b;
            if (hitMarker || pos >= data.length) {
                if (++fillCount > MAX_FILL_BYTES) {
                    return;
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
                        continue;
                    }
                } else {
                    pos++;
                }
            }
            bitBuffer = bitBuffer << 8 | b;
            bitCount += 8;
        }
    }

    /** Skips to just after the next RSTn marker and resets the bit reader. */
    void restart() throws IchException {
        bitCount = 0;
        bitBuffer = 0;
        hitMarker = false;
        fillCount = 0;
        while (pos + 1 < data.length
                && !((data[pos] & 0xFF) == 0xFF
                        && (data[pos + 1] & 0xFF) >= 0xD0
                        && (data[pos + 1] & 0xFF) <= 0xD7)) {
            pos++;
        }
        if (pos + 1 >= data.length) {
            throw corrupt("a restart marker is missing");
        }
        pos += 2;
    }

    IchException corrupt(String why) {
        return new IchException(
                ErrorCode.CORRUPT_DATA,
                name,
                "the " + what + " pixel data is damaged: " + why,
                "copy the file again from the scanner or PACS");
    }

    /** What one decoder reads of the marker segments that {@link #readHeaders} walks. */
    interface Headers {

        /** True for the frame types (SOFn markers) the decoder reads. */
        boolean readsFrame(int marker);

        /** Reads a frame header; the stream stands just after the segment's length. */
        void readFrame() throws IchException;

        /** Reads the scan header; the stream stands just after the segment's length. */
        void readScan() throws IchException;

        /** Reads a segment that {@link #readHeaders} does not read itself; the default skips it. */
        default void readOther(int marker, int end) throws IchException {}
    }

    /** A canonical Huffman table with a lookup for codes of up to {@link #FAST_BITS} bits. */
    static final class HuffmanTable {
        final int[] maxCode = new int[18];
        final int[] minCode = new int[17];
        final int[] valPtr = new int[17];
        final int[] symbols;
        final int[] fast = new int[1 << FAST_BITS];

        HuffmanTable(int[] counts, int[] symbols) {
            this.symbols = symbols;
            Arrays.fill(fast, -1);
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
