package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import jj2000.j2k.util.FacilityManager;
import jj2000.j2k.util.MsgLogger;

/**
 * JPEG (baseline, extended, lossless) through TwelveMonkeys and JPEG 2000 through jai-imageio, both
 * pure-Java ImageIO plug-ins from Maven Central. The raster is read without any colour conversion,
 * so lossless data comes back bit-exact.
 */
final class ImageIoDecoder {

    static {
        ImageIO.setUseCache(false);
    }

    private ImageIoDecoder() {}

    static void decode(byte[] data, Syntax syntax, PixelFormat format, int[] out, String name)
            throws IchException {
        checkHeader(data, syntax, format, name);
        long budget = timeBudgetMillis(format);
        Object[] result = new Object[1];
        Thread worker =
                new Thread(
                        () -> {
                            try {
                                decodeNow(data, syntax, format, out, name);
                            } catch (Throwable e) {
                                // Anything a codec throws on damaged data (even an Error) is
                                // reported as damage.
                                result[0] = e;
                                return;
                            }
                            result[0] = Boolean.TRUE;
                        },
                        "ich-imageio-decoder");
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(budget);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(worker);
            throw new IchException(
                    ErrorCode.IO_ERROR, name, "reading was interrupted", "try again", e);
        }
        if (worker.isAlive()) {
            stop(worker);
            throw new IchException(
                    ErrorCode.CORRUPT_DATA,
                    name,
                    "the "
                            + syntax.title
                            + " decoder did not finish a "
                            + format.columns()
                            + " × "
                            + format.rows()
                            + " frame in "
                            + budget
                            + " ms; the data is most likely "
                            + "damaged",
                    "copy the file again, or transcode it with dcmtk or gdcm and check that it decodes "
                            + "there (raise the limit with -D"
                            + TIMEOUT_PROPERTY
                            + "=<ms> if the machine is very slow)");
        }
        if (result[0] instanceof IchException) {
            throw (IchException) result[0];
        }
        if (result[0] != Boolean.TRUE) {
            Throwable t = (Throwable) result[0];
            // jj2000 gives up on a damaged codestream by throwing ThreadDeath, which says nothing
            // more.
            String why =
                    t.getClass() == ThreadDeath.class
                            ? "the decoder stopped on damaged data"
                            : t instanceof CodestreamInput.EndOfCodestream
                                    ? t.getMessage()
                                    : t.getClass().getSimpleName() + ": " + t.getMessage();
            throw new IchException(
                    ErrorCode.CORRUPT_DATA,
                    name,
                    "the " + syntax.title + " pixel data cannot be decoded (" + why + ")",
                    "copy the file again, or transcode it to Explicit VR Little Endian with dcmtk "
                            + "(dcmdjpeg in.dcm out.dcm, or dcmconv +te)",
                    t);
        }
    }

    /**
     * System property: milliseconds a third-party codec may spend per megapixel frame (default
     * 5000).
     */
    public static final String TIMEOUT_PROPERTY = "ich.dicom.codecTimeoutMillis";

    private static long timeBudgetMillis(PixelFormat format) {
        long perMegapixel = Long.getLong(TIMEOUT_PROPERTY, 5000);
        double megapixels = (double) format.rows() * format.columns() / 1e6;
        return perMegapixel + (long) (perMegapixel * megapixels);
    }

    /**
     * The ImageIO codecs are third-party code that can spin forever on a damaged stream
     * (jai-imageio's JPEG 2000 packet decoder does); the worker touches only its own decoder
     * objects, so stopping it is safe. Where {@code Thread.stop} is gone (Java 20+), the daemon
     * thread is left to finish.
     */
    @SuppressWarnings("deprecation")
    private static void stop(Thread worker) {
        worker.interrupt();
        try {
            worker.stop();
        } catch (UnsupportedOperationException e) {
            // Java 20+: cannot stop it; it is a daemon thread and will not keep the JVM alive.
        }
    }

    private static void decodeNow(
            byte[] data, Syntax syntax, PixelFormat format, int[] out, String name)
            throws IchException {
        ImageReader reader = reader(syntax, name);
        List<String> complaints = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> complaints.add(warning));
        // jj2000 reports damage through its own per-thread logger, which prints to stderr by
        // default.
        FacilityManager.registerMsgLogger(
                Thread.currentThread(), new CollectingMsgLogger(complaints));
        try (ImageInputStream iis =
                syntax.codec == Syntax.Codec.JPEG2000
                        ? new CodestreamInput(data)
                        : new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(iis, true, true);
            Raster raster;
            if (reader.canReadRaster()) {
                raster = reader.readRaster(0, null);
            } else {
                raster = reader.read(0).getRaster();
            }
            if (raster.getWidth() != format.columns()
                    || raster.getHeight() != format.rows()
                    || raster.getNumBands() != 1) {
                throw new IchException(
                        ErrorCode.CORRUPT_DATA,
                        name,
                        "the "
                                + syntax.title
                                + " frame is "
                                + raster.getWidth()
                                + " × "
                                + raster.getHeight()
                                + " with "
                                + raster.getNumBands()
                                + " component(s), but the header says "
                                + format.columns()
                                + " × "
                                + format.rows()
                                + " greyscale",
                        "copy the file again from the scanner or PACS");
            }
            if (!complaints.isEmpty()) {
                throw new IchException(
                        ErrorCode.CORRUPT_DATA,
                        name,
                        "the "
                                + syntax.title
                                + " decoder found the data "
                                + "damaged ("
                                + complaints.get(0)
                                + ")",
                        "copy the file again from the scanner or PACS");
            }
            raster.getSamples(
                    raster.getMinX(), raster.getMinY(), format.columns(), format.rows(), 0, out);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.CORRUPT_DATA,
                    name,
                    "the "
                            + syntax.title
                            + " pixel data cannot be decoded ("
                            + e.getClass().getSimpleName()
                            + ": "
                            + e.getMessage()
                            + ")",
                    "copy the file again, or transcode it to Explicit VR Little Endian with dcmtk "
                            + "(dcmdjpeg in.dcm out.dcm, or dcmconv +te)",
                    e);
        } finally {
            FacilityManager.unregisterMsgLogger(Thread.currentThread());
            reader.dispose();
        }
    }

    /** Keeps jj2000's warnings and errors (to refuse the frame) and drops its progress messages. */
    private record CollectingMsgLogger(List<String> complaints) implements MsgLogger {

        @Override
        public void printmsg(int severity, String message) {
            if (severity >= MsgLogger.WARNING) {
                complaints.add(message);
            }
        }

        @Override
        public void println(String message, int firstIndent, int indent) {
            // Plain output (usage, progress): not a finding about the data.
        }

        @Override
        public void flush() {}
    }

    /**
     * Checks the size the codestream announces before a codec allocates for it, so that a damaged
     * header cannot make a third-party decoder allocate gigabytes.
     */
    static void checkHeader(byte[] d, Syntax syntax, PixelFormat format, String name)
            throws IchException {
        long w = -1;
        long h = -1;
        long components = -1;
        long tiles = 0;
        if (syntax.codec == Syntax.Codec.JPEG2000) {
            int p = 0;
            if (d.length > 12 && (d[0] & 0xFF) != 0xFF) {
                p = indexOf(d, (byte) 0xFF, (byte) 0x4F); // a JP2 box wrapper around the codestream
            }
            if (p >= 0
                    && p + 44 <= d.length
                    && (d[p] & 0xFF) == 0xFF
                    && (d[p + 1] & 0xFF) == 0x4F
                    && (d[p + 2] & 0xFF) == 0xFF
                    && (d[p + 3] & 0xFF) == 0x51) {
                int q = p + 8;
                w = u32(d, q) - u32(d, q + 8);
                h = u32(d, q + 4) - u32(d, q + 12);
                tiles = u32(d, q + 16) * u32(d, q + 20);
                components = (d[q + 32] & 0xFF) << 8 | (d[q + 33] & 0xFF);
            }
        } else {
            int p = JpegStream.frameHeaderOffset(d);
            if (p >= 0 && p + 10 <= d.length) {
                h = (d[p + 5] & 0xFF) << 8 | (d[p + 6] & 0xFF);
                w = (d[p + 7] & 0xFF) << 8 | (d[p + 8] & 0xFF);
                components = d[p + 9] & 0xFF;
            }
        }
        long pixels = (long) format.rows() * format.columns();
        if (w != format.columns()
                || h != format.rows()
                || components != 1
                || tiles > Math.max(1 << 22, 4 * pixels)) {
            throw new IchException(
                    ErrorCode.CORRUPT_DATA,
                    name,
                    "the "
                            + syntax.title
                            + " codestream header "
                            + (w < 0
                                    ? "is missing or damaged"
                                    : "announces "
                                            + w
                                            + " × "
                                            + h
                                            + " pixels with "
                                            + components
                                            + " component(s), but the DICOM header says "
                                            + format.columns()
                                            + " × "
                                            + format.rows()
                                            + " greyscale"),
                    "copy the file again from the scanner or PACS");
        }
    }

    private static long u32(byte[] d, int p) {
        return (d[p] & 0xFFL) << 24
                | (d[p + 1] & 0xFFL) << 16
                | (d[p + 2] & 0xFFL) << 8
                | (d[p + 3] & 0xFFL);
    }

    private static int indexOf(byte[] d, byte a, byte b) {
        for (int i = 0; i + 1 < d.length; i++) {
            if (d[i] == a && d[i + 1] == b) {
                return i;
            }
        }
        return -1;
    }

    private static ImageReader reader(Syntax syntax, String name) throws IchException {
        String format = syntax.codec == Syntax.Codec.JPEG2000 ? "jpeg2000" : "jpeg";
        String preferred = syntax.codec == Syntax.Codec.JPEG2000 ? "jaiimageio" : "twelvemonkeys";
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format);
        ImageReader fallback = null;
        while (it.hasNext()) {
            ImageReader r = it.next();
            if (r.getClass().getName().contains(preferred)) {
                if (fallback != null) {
                    fallback.dispose();
                }
                return r;
            }
            if (fallback == null) {
                fallback = r;
            } else {
                r.dispose();
            }
        }
        if (fallback != null) {
            fallback.dispose();
        }
        throw new IchException(
                ErrorCode.UNSUPPORTED_ENCODING,
                name,
                "no decoder for " + syntax.title + " is on the class path",
                "add com.twelvemonkeys.imageio:imageio-jpeg and "
                        + "com.github.jai-imageio:jai-imageio-jpeg2000 to the application");
    }
}
