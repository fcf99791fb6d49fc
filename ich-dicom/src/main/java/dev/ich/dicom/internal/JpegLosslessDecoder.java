package dev.ich.dicom.internal;

import dev.ich.core.error.IchException;

/**
 * JPEG lossless, process 14 (ITU-T T.81 Annex H): Huffman-coded differences from one of seven
 * predictors, 2–16 bits, one component. Our own because the TwelveMonkeys decoder returned a wrong
 * last sample on a corpus frame that dcmtk decodes correctly; this one is checked bit-exact against
 * the uncompressed originals of the corpus.
 */
final class JpegLosslessDecoder implements JpegStream.Headers {

    static final int SOF3 = 0xC3;

    /** Bits looked up at once: a Huffman code and its difference bits together, when they fit. */
    private static final int LOOKUP_BITS = 12;

    private final JpegStream s;
    private final PixelFormat format;
    private int precision;
    private int width;
    private int height;
    private JpegStream.HuffmanTable table;
    private int pointTransform;
    private int predictor;

    /** Per {@link #LOOKUP_BITS}-bit prefix: bits used (0 = not in the table) and the difference. */
    private int[] lookupLength;

    private int[] lookupDifference;

    private JpegLosslessDecoder(JpegStream stream, PixelFormat format) {
        this.s = stream;
        this.format = format;
    }

    static boolean isLossless(byte[] data) {
        return JpegStream.frameType(data) == SOF3;
    }

    static void decode(byte[] data, PixelFormat format, int[] out, String name)
            throws IchException {
        JpegLosslessDecoder decoder =
                new JpegLosslessDecoder(new JpegStream(data, name, "JPEG lossless"), format);
        decoder.s.readHeaders(decoder, "lossless Huffman JPEG", false);
        decoder.decodeScan(out);
    }

    @Override
    public boolean readsFrame(int marker) {
        return marker == SOF3;
    }

    @Override
    public void readFrame() throws IchException {
        precision = s.u8();
        height = s.u16();
        width = s.u16();
        int components = s.u8();
        if (components != 1) {
            throw s.corrupt("the stream has " + components + " components; a CT image has one");
        }
        if (precision < 2 || precision > 16) {
            throw s.corrupt("sample precision " + precision + " is outside 2..16");
        }
        if (width != format.columns() || height != format.rows()) {
            throw s.corrupt(
                    "the stream is "
                            + width
                            + " × "
                            + height
                            + " but the header says "
                            + format.columns()
                            + " × "
                            + format.rows());
        }
    }

    @Override
    public void readScan() throws IchException {
        int ns = s.u8();
        if (ns != 1) {
            throw s.corrupt("the scan has " + ns + " components");
        }
        s.u8();
        table = s.table(s.u8() >> 4);
        buildLookup();
        predictor = s.u8();
        s.u8();
        pointTransform = s.u8() & 0x0F;
        if (predictor < 1 || predictor > 7) {
            throw s.corrupt("predictor " + predictor + " is not 1..7");
        }
        if (pointTransform >= precision) {
            throw s.corrupt(
                    "point transform " + pointTransform + " for " + precision + "-bit samples");
        }
    }

    private void decodeScan(int[] out) throws IchException {
        int mask = 0xFFFF;
        int initial = 1 << (precision - pointTransform - 1);
        int sinceRestart = 0;
        int intervalStartRow = 0;
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (s.restartInterval > 0 && sinceRestart == s.restartInterval) {
                    if (x != 0) {
                        throw s.corrupt("a restart interval that does not start a row");
                    }
                    s.restart();
                    sinceRestart = 0;
                    intervalStartRow = y;
                }
                int pred;
                if (y == intervalStartRow) {
                    // The first line of the image or of a restart interval predicts from the left.
                    pred = x == 0 ? initial : out[row + x - 1];
                } else if (x == 0) {
                    pred = out[row - width];
                } else {
                    int ra = out[row + x - 1];
                    int rb = out[row - width + x];
                    int rc = out[row - width + x - 1];
                    switch (predictor) {
                        case 1:
                            pred = ra;
                            break;
                        case 2:
                            pred = rb;
                            break;
                        case 3:
                            pred = rc;
                            break;
                        case 4:
                            pred = ra + rb - rc;
                            break;
                        case 5:
                            pred = ra + ((rb - rc) >> 1);
                            break;
                        case 6:
                            pred = rb + ((ra - rc) >> 1);
                            break;
                        default:
                            pred = (ra + rb) >> 1;
                            break;
                    }
                }
                out[row + x] = (pred + difference()) & mask;
                sinceRestart++;
            }
        }
        if (pointTransform > 0) {
            int n = width * height;
            for (int i = 0; i < n; i++) {
                out[i] = (out[i] << pointTransform) & mask;
            }
        }
    }

    /** Fills the combined code + difference table by decoding every prefix once. */
    private void buildLookup() {
        int size = 1 << LOOKUP_BITS;
        lookupLength = new int[size];
        lookupDifference = new int[size];
        JpegStream.HuffmanTable t = table;
        int code = 0;
        for (int l = 1; l <= 16 && l <= LOOKUP_BITS; l++) {
            for (int i = 0; i <= t.maxCode[l] - t.minCode[l] && t.maxCode[l] >= 0; i++) {
                code = t.minCode[l] + i;
                int ssss = t.symbols[t.valPtr[l] + i];
                if (ssss == 16 || ssss > 16 || l + ssss > LOOKUP_BITS) {
                    continue;
                }
                int free = LOOKUP_BITS - l - ssss;
                for (int extra = 0; extra < 1 << ssss; extra++) {
                    int diff =
                            ssss == 0
                                    ? 0
                                    : extra < (1 << (ssss - 1)) ? extra - (1 << ssss) + 1 : extra;
                    int base = ((code << ssss) | extra) << free;
                    for (int f = 0; f < 1 << free; f++) {
                        lookupLength[base + f] = l + ssss;
                        lookupDifference[base + f] = diff;
                    }
                }
            }
        }
    }

    private int difference() throws IchException {
        int p = s.peek(LOOKUP_BITS);
        if (p >= 0) {
            int len = lookupLength[p];
            if (len > 0) {
                s.consume(len);
                return lookupDifference[p];
            }
        }
        int ssss = s.decodeSymbol(table);
        if (ssss == 0) {
            return 0;
        }
        if (ssss == 16) {
            return 32768;
        }
        if (ssss > 16) {
            throw s.corrupt("a difference category of " + ssss + " bits");
        }
        return s.receiveExtend(ssss);
    }
}
