package dev.ich.dicom.internal;

import dev.ich.core.error.ErrorCode;
import dev.ich.core.error.IchException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A strict streaming parser for DICOM Part 10 files and raw datasets. It keeps only the attributes
 * in {@link Tags}, records where the pixel data lies without reading it, and skips everything else
 * (private tags, nested sequences of defined or undefined length, odd lengths). Every length is
 * checked against the bytes that remain before anything is read or allocated.
 */
final class DicomParser {

    /** Larger kept values are not plausible for the attributes we read (they are short strings). */
    private static final int MAX_VALUE_BYTES = 1 << 20;

    /** Nesting deeper than this is not found in real files and would only exhaust the stack. */
    private static final int MAX_DEPTH = 32;

    private final Path path;
    private final String name;

    /** Top-level attributes kept beside {@link Tags#VALUES}, for {@link HeaderValues} only. */
    private final Set<Integer> extra;

    private DicomParser(Path path, Set<Integer> extra) {
        this.path = path;
        this.name = path.toString();
        this.extra = extra;
    }

    /** Parses the header of {@code file}; the pixel data is located but not read. */
    public static DicomFile parse(Path file) throws IchException {
        return parse(file, Set.of());
    }

    /** Parses the header and also keeps the top-level attributes {@code extra}. */
    static DicomFile parse(Path file, Set<Integer> extra) throws IchException {
        DicomParser parser = new DicomParser(file, extra);
        try (ByteSource src = ByteSource.open(file)) {
            return parser.parse(src);
        } catch (NoSuchFileException e) {
            throw new IchException(
                    ErrorCode.FILE_NOT_FOUND,
                    file.toString(),
                    "the file does not exist",
                    "check the path",
                    e);
        } catch (IOException e) {
            throw new IchException(
                    ErrorCode.IO_ERROR,
                    file.toString(),
                    "the file cannot be read (" + e.getMessage() + ")",
                    "check that the file exists and is readable",
                    e);
        }
    }

    private DicomFile parse(ByteSource src) throws IchException {
        DicomInput in = new DicomInput(src, name);
        long start = 0;
        boolean part10 = false;
        if (in.size() >= 132
                && in.peek(128) == 'D'
                && in.peek(129) == 'I'
                && in.peek(130) == 'C'
                && in.peek(131) == 'M') {
            start = 132;
            part10 = true;
        } else if (in.size() >= 4
                && in.peek(0) == 'D'
                && in.peek(1) == 'I'
                && in.peek(2) == 'C'
                && in.peek(3) == 'M') {
            start = 4; // a Part 10 file written without its preamble
            part10 = true;
        }
        in.seek(start);
        String tsUid = null;
        if (in.size() - start >= 8 && in.peek(start) == 0x02 && in.peek(start + 1) == 0x00) {
            DicomElements meta = new DicomElements(false, name);
            readMeta(in, meta);
            tsUid = meta.string(Tags.TRANSFER_SYNTAX_UID);
            part10 = true;
        }
        Syntax syntax;
        if (tsUid == null || tsUid.isEmpty()) {
            syntax = guessSyntax(in, part10);
            tsUid = syntax.uid;
        } else {
            syntax = Syntax.of(tsUid);
            if (syntax == null) {
                // Unknown UIDs are listed (ich info) but refused when the pixels are read.
                syntax = guessSyntax(in, true);
            }
        }
        in.bigEndian(syntax == Syntax.EXPLICIT_BE);
        byte[] inflated = null;
        int inflatedLength = 0;
        if (syntax == Syntax.DEFLATED_LE) {
            inflated = inflate(in);
            inflatedLength = inflated.length;
            in = new DicomInput(ByteSource.of(inflated, inflatedLength), name);
        }
        DicomElements elements = new DicomElements(syntax == Syntax.EXPLICIT_BE, name);
        PixelDataRef[] pixels = new PixelDataRef[1];
        boolean explicit = syntax.explicitVr();
        if (explicit && syntax != Syntax.EXPLICIT_BE && in.remaining() >= 8) {
            // Some writers declare an explicit VR syntax but write the dataset in implicit VR;
            // like pydicom and dcmtk, follow what the first element shows.
            long p = in.position();
            int v0 = in.peek(p + 4);
            int v1 = in.peek(p + 5);
            explicit = isVrLetter(v0) && isVrLetter(v1) && isKnownVr("" + (char) v0 + (char) v1);
        }
        readDataset(in, explicit, elements, pixels, 0, Long.MAX_VALUE, true);
        if (elements.string(Tags.SOP_CLASS_UID) == null
                && elements.string(Tags.SERIES_INSTANCE_UID) == null
                && pixels[0] == null
                && !part10) {
            throw notDicom("no DICOM header and no recognisable dataset");
        }
        return new DicomFile(path, syntax, tsUid, elements, pixels[0], inflated, inflatedLength);
    }

    private IchException notDicom(String why) {
        return new IchException(
                ErrorCode.NOT_DICOM,
                name,
                "not a DICOM file (" + why + ")",
                "pass a DICOM file or a folder of DICOM files");
    }

    /**
     * The file meta group is always explicit VR little endian. It ends where its group length says
     * (once the transfer syntax is read: a too short group length is a known writer bug), or at the
     * first element that is not of group 0002 or whose tag does not increase. Some writers
     * (Hologic) repeat group 0002 elements inside the data set, with another transfer syntax; those
     * must not override the file meta's.
     */
    private void readMeta(DicomInput in, DicomElements meta) throws IchException {
        in.bigEndian(false);
        long end = Long.MAX_VALUE;
        int previous = -1;
        while ((in.position() < end || !meta.has(Tags.TRANSFER_SYNTAX_UID))
                && in.remaining() >= 8
                && in.peek(in.position()) == 0x02
                && in.peek(in.position() + 1) == 0x00) {
            long at = in.position();
            int tag = (in.u16() << 16) | in.u16();
            if (tag <= previous) {
                in.seek(at);
                return;
            }
            previous = tag;
            String vr = vr(in);
            long len = longVr(vr) ? skipReservedAndLength(in) : in.u16();
            if (len == 0xFFFFFFFFL) {
                throw corrupt(
                        "the file meta element " + Tags.format(tag) + " has an undefined length");
            }
            in.require(len);
            if (tag == Tags.FILE_META_GROUP_LENGTH && len == 4) {
                long groupLength = in.u32();
                end = in.position() + groupLength;
            } else if (tag == Tags.TRANSFER_SYNTAX_UID) {
                meta.put(tag, checkedValue(in, tag, len));
            } else {
                in.skip(len);
            }
        }
    }

    /** Implicit VR little endian unless the first element carries a plausible explicit VR. */
    private Syntax guessSyntax(DicomInput in, boolean part10) throws IchException {
        long p = in.position();
        if (in.remaining() < 8) {
            throw notDicom("the file is too short");
        }
        int group = in.peek(p) | (in.peek(p + 1) << 8);
        int v0 = in.peek(p + 4);
        int v1 = in.peek(p + 5);
        boolean vr = isVrLetter(v0) && isVrLetter(v1) && isKnownVr("" + (char) v0 + (char) v1);
        int groupBigEndian = (in.peek(p) << 8) | in.peek(p + 1);
        if (vr && plausibleFirstGroup(groupBigEndian) && !plausibleFirstGroup(group)) {
            return Syntax.EXPLICIT_BE;
        }
        if (!part10 && !plausibleFirstGroup(group)) {
            throw notDicom("the first bytes are not a DICOM header or dataset");
        }
        return vr ? Syntax.EXPLICIT_LE : Syntax.IMPLICIT_LE;
    }

    /** Datasets start with a low even group (usually 0x0008). */
    private static boolean plausibleFirstGroup(int group) {
        return group > 0 && group <= 0x0030 && (group & 1) == 0;
    }

    private static boolean isVrLetter(int c) {
        return c >= 'A' && c <= 'Z';
    }

    private static final String KNOWN_VRS =
            "AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV"
                    + " TM UC UI UL UN UR US UT UV";

    private static boolean isKnownVr(String vr) {
        return vr.length() == 2 && KNOWN_VRS.contains(vr);
    }

    private static boolean longVr(String vr) {
        switch (vr) {
            case "OB":
            case "OD":
            case "OF":
            case "OL":
            case "OV":
            case "OW":
            case "SQ":
            case "SV":
            case "UC":
            case "UN":
            case "UR":
            case "UT":
            case "UV":
                return true;
            default:
                return false;
        }
    }

    private String vr(DicomInput in) throws IchException {
        int a = in.u8();
        int b = in.u8();
        String vr = "" + (char) a + (char) b;
        if (!isKnownVr(vr)) {
            throw corrupt(
                    "an unknown value representation (bytes "
                            + a
                            + ", "
                            + b
                            + ") at byte "
                            + (in.position() - 2));
        }
        return vr;
    }

    private static long skipReservedAndLength(DicomInput in) throws IchException {
        in.skip(2);
        return in.u32();
    }

    private IchException corrupt(String why) {
        return new IchException(
                ErrorCode.CORRUPT_DATA,
                name,
                "the DICOM data is damaged: " + why,
                "copy the file again from the scanner or PACS");
    }

    private byte[] checkedValue(DicomInput in, int tag, long len) throws IchException {
        if (len > MAX_VALUE_BYTES) {
            throw new IchException(
                    ErrorCode.IMPLAUSIBLE_LENGTH,
                    name,
                    "attribute "
                            + Tags.format(tag)
                            + " claims "
                            + len
                            + " bytes, far more than such a value can hold",
                    "the file is damaged; copy it again from the scanner or PACS");
        }
        in.require(len);
        return in.bytes((int) len);
    }

    /**
     * Reads elements until {@code end} (a byte position), an item delimiter (when {@code
     * untilDelimiter}... handled by the caller) or the end of the data.
     *
     * @param stopAtPixels stop after the top-level pixel data (nothing after it is needed)
     */
    private void readDataset(
            DicomInput in,
            boolean explicit,
            DicomElements out,
            PixelDataRef[] pixels,
            int depth,
            long end,
            boolean stopAtPixels)
            throws IchException {
        if (depth > MAX_DEPTH) {
            throw corrupt("sequences are nested more than " + MAX_DEPTH + " deep");
        }
        while (in.position() < end && in.remaining() > 0) {
            if (in.remaining() < 8 && depth == 0) {
                // Trailing padding shorter than an element header is tolerated.
                return;
            }
            long elementStart = in.position();
            int tag = (in.u16() << 16) | in.u16();
            if (tag == Tags.ITEM_DELIMITATION) {
                if (depth == 0) {
                    throw corrupt("an item delimiter outside a sequence at byte " + elementStart);
                }
                in.u32();
                return;
            }
            if (tag == Tags.ITEM || tag == Tags.SEQUENCE_DELIMITATION) {
                throw corrupt(
                        "an unexpected item tag " + Tags.format(tag) + " at byte " + elementStart);
            }
            String vr;
            long len;
            if (explicit) {
                vr = vr(in);
                len = longVr(vr) ? skipReservedAndLength(in) : in.u16();
            } else {
                vr = Tags.SEQUENCES.contains(tag) ? "SQ" : tag == Tags.PIXEL_DATA ? "OW" : "UN";
                len = in.u32();
            }
            if (tag == Tags.PIXEL_DATA && depth == 0) {
                pixels[0] = pixelData(in, len);
                if (stopAtPixels) {
                    return;
                }
                continue;
            }
            boolean undefined = len == 0xFFFFFFFFL;
            if (undefined) {
                if (!(vr.equals("SQ") || vr.equals("UN") || !explicit)) {
                    throw corrupt(
                            "attribute "
                                    + Tags.format(tag)
                                    + " of type "
                                    + vr
                                    + " has an undefined length");
                }
                // An undefined-length UN holds an implicit VR little endian sequence.
                boolean itemsExplicit = explicit && !vr.equals("UN");
                List<DicomElements> items = readSequence(in, itemsExplicit, depth, -1);
                if (Tags.SEQUENCES.contains(tag)) {
                    out.putSequence(tag, items);
                }
                continue;
            }
            in.require(len);
            if (Tags.SEQUENCES.contains(tag) && vr.equals("SQ")) {
                out.putSequence(tag, readSequence(in, explicit, depth, in.position() + len));
            } else if (Tags.VALUES.contains(tag) || depth == 0 && extra.contains(tag)) {
                out.put(tag, checkedValue(in, tag, len));
            } else {
                in.skip(len);
            }
        }
    }

    /** Reads (or skips) the items of a sequence; {@code end} is -1 for an undefined length. */
    private List<DicomElements> readSequence(DicomInput in, boolean explicit, int depth, long end)
            throws IchException {
        List<DicomElements> items = new ArrayList<>();
        while (end < 0 || in.position() < end) {
            long at = in.position();
            int tag = (in.u16() << 16) | in.u16();
            long len = in.u32();
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                if (end >= 0) {
                    throw corrupt(
                            "a sequence delimiter in a sequence of defined length at byte " + at);
                }
                return items;
            }
            if (tag != Tags.ITEM) {
                throw corrupt(
                        "expected a sequence item at byte "
                                + at
                                + " but found "
                                + Tags.format(tag));
            }
            DicomElements item = new DicomElements(in.bigEndian(), name);
            if (len == 0xFFFFFFFFL) {
                readItemUntilDelimiter(in, explicit, item, depth + 1);
            } else {
                in.require(len);
                readDataset(
                        in,
                        explicit,
                        item,
                        new PixelDataRef[1],
                        depth + 1,
                        in.position() + len,
                        false);
                if (in.position() != at + 8 + len) {
                    throw corrupt(
                            "a sequence item at byte "
                                    + at
                                    + " does not end where its length says");
                }
            }
            items.add(item);
        }
        if (in.position() != end) {
            throw corrupt("a sequence does not end where its length says");
        }
        return items;
    }

    private void readItemUntilDelimiter(
            DicomInput in, boolean explicit, DicomElements item, int depth) throws IchException {
        long before = in.remaining();
        readDataset(in, explicit, item, new PixelDataRef[1], depth, Long.MAX_VALUE, false);
        if (in.remaining() == 0 && before > 0) {
            throw in.truncated(8);
        }
    }

    private PixelDataRef pixelData(DicomInput in, long len) throws IchException {
        if (len != 0xFFFFFFFFL) {
            long offset = in.position();
            in.require(len);
            in.skip(len);
            return new PixelDataRef(offset, len, List.of(), new long[0]);
        }
        // Encapsulated: the Basic Offset Table item, then fragments, then a sequence delimiter.
        List<long[]> fragments = new ArrayList<>();
        long[] table = null;
        long first = in.position();
        while (true) {
            long at = in.position();
            int tag = (in.u16() << 16) | in.u16();
            long itemLen = in.u32();
            if (tag == Tags.SEQUENCE_DELIMITATION) {
                break;
            }
            if (tag != Tags.ITEM || itemLen == 0xFFFFFFFFL) {
                throw corrupt(
                        "expected a pixel data fragment at byte "
                                + at
                                + " but found "
                                + Tags.format(tag));
            }
            in.require(itemLen);
            if (table == null) {
                if (itemLen % 4 != 0) {
                    throw corrupt(
                            "the pixel data offset table has "
                                    + itemLen
                                    + " bytes, not a multiple of 4");
                }
                table = new long[(int) (itemLen / 4)];
                for (int i = 0; i < table.length; i++) {
                    table[i] = in.u32();
                }
            } else {
                fragments.add(new long[] {in.position(), itemLen});
                in.skip(itemLen);
            }
        }
        if (table == null) {
            throw corrupt("the encapsulated pixel data has no offset table item");
        }
        return new PixelDataRef(first, -1, fragments, table);
    }

    /** Inflates the dataset after the meta group, refusing outputs that are not plausible. */
    private byte[] inflate(DicomInput in) throws IchException {
        long compressedLength = in.remaining();
        if (compressedLength > Integer.MAX_VALUE - 64) {
            throw new IchException(
                    ErrorCode.IMPLAUSIBLE_LENGTH,
                    name,
                    "the deflated dataset is larger than 2 GB",
                    "transcode the file to Explicit VR Little Endian (dcmtk: dcmconv +te in.dcm out.dcm)");
        }
        byte[] compressed = in.bytes((int) compressedLength);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(compressed);
            byte[] out =
                    new byte
                            [(int)
                                    Math.min(
                                            InflateLimit.HEADER_BUDGET,
                                            Math.max(4096, compressedLength * 4))];
            int n = 0;
            while (!inflater.finished()) {
                if (n == out.length) {
                    // Checked each time the buffer fills, so the bound holds before the next
                    // allocation.
                    InflateLimit.Limit limit = InflateLimit.of(out, n);
                    if (out.length >= limit.bytes()) {
                        throw new IchException(
                                ErrorCode.IMPLAUSIBLE_LENGTH,
                                name,
                                "the deflated dataset inflates to more than "
                                        + limit.bytes()
                                        + " bytes ("
                                        + limit.describe()
                                        + ")",
                                "the file is damaged or not a CT image; copy it again from the scanner or PACS");
                    }
                    out =
                            java.util.Arrays.copyOf(
                                    out, (int) Math.min(limit.bytes(), (long) out.length * 2));
                }
                int got = inflater.inflate(out, n, out.length - n);
                if (got == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw in.truncated(1);
                }
                n += got;
            }
            return java.util.Arrays.copyOf(out, n);
        } catch (DataFormatException e) {
            throw new IchException(
                    ErrorCode.CORRUPT_DATA,
                    name,
                    "the deflated dataset is damaged (" + e.getMessage() + ")",
                    "copy the file again from the scanner or PACS",
                    e);
        } finally {
            inflater.end();
        }
    }
}
