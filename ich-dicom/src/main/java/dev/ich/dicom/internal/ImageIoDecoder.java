package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * JPEG (baseline, extended, lossless) through TwelveMonkeys and JPEG 2000 through jai-imageio,
 * both pure-Java ImageIO plug-ins from Maven Central. The raster is read without any colour
 * conversion, so lossless data comes back bit-exact.
 */
final class ImageIoDecoder {

    static {
        ImageIO.setUseCache(false);
    }

    private ImageIoDecoder() {
    }

    static void decode(byte[] data, Syntax syntax, PixelFormat format, int[] out, String name) throws IchException {
        ImageReader reader = reader(syntax, name);
        try (ImageInputStream iis = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(iis, true, true);
            Raster raster;
            if (reader.canReadRaster()) {
                raster = reader.readRaster(0, null);
            } else {
                raster = reader.read(0).getRaster();
            }
            if (raster.getWidth() != format.columns() || raster.getHeight() != format.rows()
                || raster.getNumBands() != 1) {
                throw new IchException(ErrorCode.CORRUPT_DATA, name, "the " + syntax.title + " frame is "
                    + raster.getWidth() + " × " + raster.getHeight() + " with " + raster.getNumBands()
                    + " component(s), but the header says " + format.columns() + " × " + format.rows() + " greyscale",
                    "copy the file again from the scanner or PACS");
            }
            raster.getSamples(raster.getMinX(), raster.getMinY(), format.columns(), format.rows(), 0, out);
        } catch (IOException | RuntimeException e) {
            // Codecs signal damaged streams with all kinds of runtime exceptions.
            throw new IchException(ErrorCode.CORRUPT_DATA, name, "the " + syntax.title
                + " pixel data cannot be decoded (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")",
                "copy the file again, or transcode it to Explicit VR Little Endian with dcmtk "
                    + "(dcmdjpeg in.dcm out.dcm, or dcmconv +te)", e);
        } finally {
            reader.dispose();
        }
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
        throw new IchException(ErrorCode.UNSUPPORTED_ENCODING, name, "no decoder for " + syntax.title
            + " is on the class path", "add com.twelvemonkeys.imageio:imageio-jpeg and "
            + "com.github.jai-imageio:jai-imageio-jpeg2000 to the application");
    }
}
