package dev.ich.dicom.write;

import dev.ich.dicom.write.DataSetEncoder.Vr;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** A DICOM Part 10 file (PS3.10): 128-byte preamble, {@code DICM}, file meta group, data set. */
public final class Part10 {

    private static final String IMPLEMENTATION_VERSION = "ICH_DICOM_0_1";

    private Part10() {}

    /**
     * The file of one SOP instance.
     *
     * @param sopClassUid the Media Storage SOP Class UID
     * @param sopInstanceUid the Media Storage SOP Instance UID
     * @param syntax how {@code dataSet} is encoded (it is deflated here for the deflated syntax)
     * @param dataSet the encoded data set
     */
    public static byte[] file(
            String sopClassUid, String sopInstanceUid, DicomTransferSyntax syntax, byte[] dataSet) {
        DataSetEncoder meta = new DataSetEncoder(true, ByteOrder.LITTLE_ENDIAN);
        meta.raw(0x00020001, Vr.OB, new byte[] {0, 1});
        meta.text(0x00020002, Vr.UI, sopClassUid);
        meta.text(0x00020003, Vr.UI, sopInstanceUid);
        meta.text(0x00020010, Vr.UI, syntax.uid());
        meta.text(0x00020012, Vr.UI, DicomUids.IMPLEMENTATION_CLASS_UID);
        meta.text(0x00020013, Vr.SH, IMPLEMENTATION_VERSION);
        byte[] metaBytes = meta.toByteArray();
        byte[] groupLength =
                new DataSetEncoder(true, ByteOrder.LITTLE_ENDIAN)
                        .ul(0x00020000, metaBytes.length)
                        .toByteArray();
        byte[] body = syntax.deflated() ? deflate(dataSet) : dataSet;
        ByteArrayOutputStream out =
                new ByteArrayOutputStream(
                        132 + groupLength.length + metaBytes.length + body.length);
        out.write(new byte[128], 0, 128);
        out.write('D');
        out.write('I');
        out.write('C');
        out.write('M');
        out.write(groupLength, 0, groupLength.length);
        out.write(metaBytes, 0, metaBytes.length);
        out.write(body, 0, body.length);
        return out.toByteArray();
    }

    /** Raw deflate without zlib header (PS3.5 §A.5), padded to an even length. */
    private static byte[] deflate(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, deflater)) {
            d.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("in-memory deflate failed", e);
        } finally {
            deflater.end();
        }
        if ((out.size() & 1) == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }
}
