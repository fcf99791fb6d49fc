package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes frames of one image object into Hounsfield units. Opens the file once; reuses its buffers
 * between frames.
 */
public final class PixelReader implements Closeable {

    /** HU given to pixel padding (outside the patient): air. */
    public static final float PADDING_HU = -1024f;

    private final DicomImage image;
    private final PixelFormat format;
    private final DicomInput in;
    private final int[] raw;
    private final Buffers buffers;

    /** Frame buffers shared by the readers of one series, so that reading makes little garbage. */
    public static final class Buffers {
        private int[] raw = new int[0];
        private byte[] bytes = new byte[0];

        int[] raw(int n) {
            if (raw.length < n) {
                raw = new int[n];
            }
            return raw;
        }

        byte[] bytes(int n) {
            if (bytes.length < n) {
                bytes = new byte[n];
            }
            return bytes;
        }
    }

    public PixelReader(DicomImage image) throws IchException {
        this(image, new Buffers());
    }

    public PixelReader(DicomImage image, Buffers buffers) throws IchException {
        this.image = image;
        this.format = image.format();
        DicomFile file = image.file();
        Syntax syntax = file.syntax();
        if (Syntax.of(file.transferSyntaxUid()) == null
                || syntax.codec == Syntax.Codec.UNSUPPORTED) {
            throw unsupported(file);
        }
        ByteSource src;
        try {
            src =
                    file.inflated() != null
                            ? ByteSource.of(file.inflated(), file.inflatedLength())
                            : ByteSource.open(file.path());
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    file.name(),
                    "the file cannot be read (" + e.getMessage() + ")",
                    "check that the file exists and is readable",
                    e);
        }
        this.in = new DicomInput(src, file.name());
        this.buffers = buffers;
        this.raw = buffers.raw(format.pixelsPerFrame());
    }

    static IchException unsupported(DicomFile file) {
        String uid = file.transferSyntaxUid();
        Syntax s = Syntax.of(uid);
        String what = s == null ? "the transfer syntax " + uid : s.title + " (" + uid + ")";
        String how =
                s == Syntax.JPEG_LS_LOSSLESS || s == Syntax.JPEG_LS_NEAR_LOSSLESS
                        ? "transcode it with dcmtk: dcmdjpls in.dcm out.dcm (or gdcmconv --raw in.dcm out.dcm)"
                        : "transcode it to Explicit VR Little Endian (dcmtk: dcmconv +te, or gdcmconv --raw in.dcm out.dcm)";
        return new IchException(
                ErrorCode.UNSUPPORTED_ENCODING, file.name(), what + " is not supported", how);
    }

    /**
     * Writes the HU of {@code frame} into {@code dst} starting at {@code offset}: stored values
     * masked to BitsStored and sign-extended, padding set to {@link #PADDING_HU}, then {@code slope
     * · stored + intercept}. MONOCHROME1 does not change HU (it only says how to display them), so
     * it is not inverted.
     *
     * <p>Padding is recognised only in lossless data: a lossy decode moves padded pixels off the
     * padding value and brain pixels onto it, so there it would mark an arbitrary subset of pixels
     * as air. Lossy frames get the rescale alone, as pydicom with OpenJPEG and dcm2niix give.
     */
    public void readHu(FrameInfo frame, float[] dst, int offset) throws IchException {
        boolean lossy = decodeRaw(frame.frame());
        double slope = frame.slope();
        double intercept = frame.intercept();
        int n = format.pixelsPerFrame();
        boolean padding = image.hasPadding() && !lossy;
        boolean plain =
                !format.signed() && format.bitsStored() == format.bitsAllocated() && !padding;
        if (plain) {
            for (int i = 0; i < n; i++) {
                dst[offset + i] = (float) (raw[i] * slope + intercept);
            }
            return;
        }
        for (int i = 0; i < n; i++) {
            int sv = format.storedValue(raw[i]);
            dst[offset + i] =
                    padding && image.isPadding(sv) ? PADDING_HU : (float) (sv * slope + intercept);
        }
    }

    /** Decodes one frame into {@code raw}; true when the frame was lossy-compressed. */
    private boolean decodeRaw(int frame) throws IchException {
        DicomFile file = image.file();
        PixelDataRef px = file.pixelData();
        Syntax syntax = file.syntax();
        if (!px.encapsulated()) {
            int len = (int) format.bytesPerFrame();
            byte[] bytes = buffers.bytes(len);
            in.readAt(px.offset() + (long) frame * len, bytes, 0, len);
            int n = format.pixelsPerFrame();
            if (format.bitsAllocated() == 8) {
                for (int i = 0; i < n; i++) {
                    raw[i] = bytes[i] & 0xFF;
                }
            } else if (syntax == Syntax.EXPLICIT_BE) {
                for (int i = 0, b = 0; i < n; i++, b += 2) {
                    raw[i] = (bytes[b] & 0xFF) << 8 | (bytes[b + 1] & 0xFF);
                }
            } else {
                for (int i = 0, b = 0; i < n; i++, b += 2) {
                    raw[i] = (bytes[b + 1] & 0xFF) << 8 | (bytes[b] & 0xFF);
                }
            }
            return false;
        }
        byte[] data = frameBytes(px, frame);
        switch (syntax.codec) {
            case RLE:
                RleDecoder.decode(data, format, raw, file.name());
                return false;
            case JPEG:
                requireEndMarker(data, syntax);
                if (JpegLosslessDecoder.isLossless(data)) {
                    JpegLosslessDecoder.decode(data, format, raw, file.name());
                    return false;
                } else if (JpegDctDecoder.isTwelveBitSequential(data)) {
                    JpegDctDecoder.decode(data, format, raw, file.name());
                } else {
                    ImageIoDecoder.decode(data, syntax, format, raw, file.name());
                }
                return true;
            case JPEG2000:
                requireEndMarker(data, syntax);
                ImageIoDecoder.decode(data, syntax, format, raw, file.name());
                return syntax != Syntax.JPEG2000_LOSSLESS;
            default:
                throw unsupported(file);
        }
    }

    /**
     * Checks every frame's compressed stream without decoding it (the DICOM structure, the end
     * marker, the codestream header): what {@code ich info} reports as a series that cannot be
     * decoded.
     */
    public void checkStreams() throws IchException {
        PixelDataRef px = image.file().pixelData();
        Syntax syntax = image.file().syntax();
        if (!px.encapsulated()) {
            return;
        }
        for (int f = 0; f < format.frames(); f++) {
            byte[] data = frameBytes(px, f);
            if (syntax.codec == Syntax.Codec.JPEG || syntax.codec == Syntax.Codec.JPEG2000) {
                requireEndMarker(data, syntax);
                ImageIoDecoder.checkHeader(data, syntax, format, image.file().name());
            }
        }
    }

    /**
     * JPEG streams end with EOI and JPEG 2000 codestreams with EOC, both the marker FFD9 (a DICOM
     * fragment may add a zero byte to reach an even length). Without it the stream was cut, and the
     * third-party decoders fill the missing part silently, so this is checked first.
     */
    private void requireEndMarker(byte[] data, Syntax syntax) throws IchException {
        int end = data.length;
        while (end > 0 && data[end - 1] == 0) {
            end--;
        }
        if (end < 2 || (data[end - 2] & 0xFF) != 0xFF || (data[end - 1] & 0xFF) != 0xD9) {
            throw corrupt(
                    "the "
                            + syntax.title
                            + " stream does not end with its end marker (FFD9): it was cut "
                            + "short");
        }
    }

    /** The bytes of one frame of encapsulated pixel data: its fragments, concatenated. */
    private byte[] frameBytes(PixelDataRef px, int frame) throws IchException {
        List<long[]> fragments = px.fragments();
        List<long[]> mine = new ArrayList<>();
        int frames = format.frames();
        long[] table = px.offsetTable();
        if (fragments.isEmpty()) {
            throw corrupt("the encapsulated pixel data has no fragments");
        }
        if (frames == 1) {
            mine = fragments;
        } else if (table.length == frames) {
            long base = fragments.get(0)[0] - 8;
            long start = table[frame];
            long end = frame + 1 < frames ? table[frame + 1] : Long.MAX_VALUE;
            for (long[] f : fragments) {
                long rel = f[0] - 8 - base;
                if (rel >= start && rel < end) {
                    mine.add(f);
                }
            }
        } else if (fragments.size() == frames) {
            mine = List.of(fragments.get(frame));
        } else {
            // No usable offset table: a frame starts with a fragment that starts a JPEG / J2K
            // stream.
            int seen = -1;
            for (long[] f : fragments) {
                if (f[1] >= 2 && startsStream(f[0])) {
                    seen++;
                }
                if (seen == frame) {
                    mine.add(f);
                } else if (seen > frame) {
                    break;
                }
            }
        }
        if (mine.isEmpty()) {
            throw corrupt(
                    "frame " + (frame + 1) + " of " + frames + " has no pixel data fragments");
        }
        long total = 0;
        for (long[] f : mine) {
            total += f[1];
        }
        if (total > Integer.MAX_VALUE - 64 || total > in.size()) {
            throw new IchException(
                    ErrorCode.IMPLAUSIBLE_LENGTH,
                    image.file().name(),
                    "frame " + (frame + 1) + " claims " + total + " bytes of compressed data",
                    "the file is damaged; copy it again");
        }
        if (mine.size() == 1) {
            long[] f = mine.get(0);
            byte[] out = new byte[(int) f[1]];
            in.readAt(f[0], out, 0, out.length);
            return out;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        for (long[] f : mine) {
            byte[] b = new byte[(int) f[1]];
            in.readAt(f[0], b, 0, b.length);
            out.write(b, 0, b.length);
        }
        return out.toByteArray();
    }

    private boolean startsStream(long at) throws IchException {
        int a = in.peek(at);
        int b = in.peek(at + 1);
        return a == 0xFF && (b == 0xD8 || b == 0x4F);
    }

    private IchException corrupt(String why) {
        return new IchException(
                ErrorCode.CORRUPT_DATA,
                image.file().name(),
                "the pixel data is damaged: " + why,
                "copy the file again from the scanner or PACS");
    }

    @Override
    public void close() {
        try {
            in.source().close();
        } catch (IOException e) {
            // Nothing was written; a failed close of a read-only channel loses nothing.
        }
    }
}
