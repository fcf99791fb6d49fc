package dev.ich.dicom.internal;

import dev.ich.core.error.IchException;

/**
 * Sequential DCT JPEG with Huffman coding (T.81 baseline SOF0 and extended SOF1), one component, 8-
 * or 12-bit samples. Used for 12-bit data (JPEG Extended, 1.2.840.10008.1.2.4.51), which the
 * pure-Java ImageIO decoders do not read. The inverse DCT is computed in double precision and
 * rounded, so results may differ from libjpeg's integer IDCT by one grey level.
 */
final class JpegDctDecoder implements JpegStream.Headers {

    private static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27,
        20, 13, 6, 7, 14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63
    };
    private static final double[][] COS = new double[8][8];

    static {
        for (int u = 0; u < 8; u++) {
            double cu = u == 0 ? Math.sqrt(0.5) : 1;
            for (int x = 0; x < 8; x++) {
                COS[u][x] = cu * Math.cos((2 * x + 1) * u * Math.PI / 16) / 2;
            }
        }
    }

    private final JpegStream s;
    private final PixelFormat format;
    private final int[][] quant = new int[4][];
    private int precision;
    private int width;
    private int height;
    private int quantIndex;
    private JpegStream.HuffmanTable dc;
    private JpegStream.HuffmanTable ac;

    private JpegDctDecoder(JpegStream stream, PixelFormat format) {
        this.s = stream;
        this.format = format;
    }

    /** True for a sequential Huffman DCT stream with 12-bit samples. */
    static boolean isTwelveBitSequential(byte[] data) {
        int p = JpegStream.frameHeaderOffset(data);
        if (p < 0) {
            return false;
        }
        int type = data[p + 1] & 0xFF;
        return (type == 0xC0 || type == 0xC1) && p + 4 < data.length && (data[p + 4] & 0xFF) == 12;
    }

    static void decode(byte[] data, PixelFormat format, int[] out, String name)
            throws IchException {
        JpegDctDecoder decoder = new JpegDctDecoder(new JpegStream(data, name, "JPEG"), format);
        decoder.s.readHeaders(decoder, "sequential Huffman JPEG", true);
        decoder.decodeScan(out);
    }

    @Override
    public boolean readsFrame(int marker) {
        return marker == 0xC0 || marker == 0xC1;
    }

    @Override
    public void readOther(int marker, int end) throws IchException {
        if (marker == JpegStream.DQT) {
            readQuantTables(end);
        }
    }

    private void readQuantTables(int end) throws IchException {
        while (s.pos < end) {
            int pqTq = s.u8();
            int id = pqTq & 0x0F;
            boolean wide = (pqTq >> 4) == 1;
            if (id > 3 || (pqTq >> 4) > 1) {
                throw s.corrupt("an invalid quantisation table header");
            }
            int[] q = new int[64];
            for (int k = 0; k < 64; k++) {
                q[k] = wide ? s.u16() : s.u8();
            }
            quant[id] = q;
        }
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
        if (precision != 8 && precision != 12) {
            throw s.corrupt("sample precision " + precision + " is not 8 or 12");
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
        s.u8();
        s.u8();
        quantIndex = s.u8();
        if (quantIndex > 3) {
            throw s.corrupt("quantisation table " + quantIndex + " is not 0..3");
        }
    }

    @Override
    public void readScan() throws IchException {
        int ns = s.u8();
        if (ns != 1) {
            throw s.corrupt("the scan has " + ns + " components");
        }
        s.u8();
        int tdTa = s.u8();
        dc = s.table(tdTa >> 4);
        ac = s.table(4 + (tdTa & 0x0F));
        if (quant[quantIndex] == null) {
            throw s.corrupt("quantisation table " + quantIndex + " is not defined");
        }
    }

    private void decodeScan(int[] out) throws IchException {
        int[] q = quant[quantIndex];
        int blocksX = (width + 7) / 8;
        int blocksY = (height + 7) / 8;
        int shift = 1 << (precision - 1);
        int max = (1 << precision) - 1;
        double[] coef = new double[64];
        double[] tmp = new double[64];
        int pred = 0;
        int mcu = 0;
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                if (s.restartInterval > 0 && mcu > 0 && mcu % s.restartInterval == 0) {
                    s.restart();
                    pred = 0;
                }
                mcu++;
                java.util.Arrays.fill(coef, 0);
                int t = s.decodeSymbol(dc);
                if (t > 16) {
                    throw s.corrupt("a DC category of " + t + " bits");
                }
                pred += t == 0 ? 0 : s.receiveExtend(t);
                coef[0] = (double) pred * q[0];
                for (int k = 1; k < 64; k++) {
                    int rs = s.decodeSymbol(ac);
                    int r = rs >> 4;
                    int size = rs & 0x0F;
                    if (size == 0) {
                        if (r != 15) {
                            break;
                        }
                        k += 15;
                        continue;
                    }
                    k += r;
                    if (k > 63) {
                        throw s.corrupt("an AC run beyond the end of a block");
                    }
                    coef[ZIGZAG[k]] = (double) s.receiveExtend(size) * q[k];
                }
                inverseDct(coef, tmp);
                for (int y = 0; y < 8; y++) {
                    int py = by * 8 + y;
                    if (py >= height) {
                        break;
                    }
                    for (int x = 0; x < 8; x++) {
                        int px = bx * 8 + x;
                        if (px < width) {
                            long v = Math.round(coef[y * 8 + x]) + shift;
                            out[py * width + px] = (int) Math.max(0, Math.min(max, v));
                        }
                    }
                }
            }
        }
    }

    /** In-place separable 8×8 inverse DCT (rows of {@code c} are v, columns u). */
    private static void inverseDct(double[] c, double[] tmp) {
        for (int v = 0; v < 8; v++) {
            for (int x = 0; x < 8; x++) {
                double sum = 0;
                for (int u = 0; u < 8; u++) {
                    sum += COS[u][x] * c[v * 8 + u];
                }
                tmp[v * 8 + x] = sum;
            }
        }
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                double sum = 0;
                for (int v = 0; v < 8; v++) {
                    sum += COS[v][y] * tmp[v * 8 + x];
                }
                c[y * 8 + x] = sum;
            }
        }
    }
}
