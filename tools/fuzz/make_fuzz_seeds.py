#!/usr/bin/python3
"""Builds the seed corpus of the ich-dicom fuzz targets (*FuzzTest) from the committed test corpus.

Jazzer replays every file under src/test/resources/<package>/<Class>Inputs/<method>/ before it fuzzes
and on every regression run, so the seeds are written there. Run from the repository root with
Debian's /usr/bin/python3 (pydicom 2.3) and dcmtk's dcmcjpeg; the output is deterministic. Crash inputs that Jazzer adds
to these folders (crash-*) are kept: they are regression inputs.

    /usr/bin/python3 tools/fuzz/make_fuzz_seeds.py
"""
import gzip
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import pydicom
from pydicom.encaps import generate_pixel_data_frame

RESOURCES = Path("ich-dicom/src/test/resources")
CORPUS = RESOURCES / "dicom/corpus"
TESTS = RESOURCES / "dev/ich/dicom"

# Must match SeriesFuzzTest.SEPARATOR.
SEPARATOR = b"--ich-fuzz-next-file--"

# Corpus cases whose frames seed each codec target (all frames of the first two files).
CODEC_CASES = {
    "RleFuzzTest": ["rle"],
    "JpegLosslessFuzzTest": ["jpeg_lossless_sv1", "jpeg_lossless_p14"],
    "JpegDctFuzzTest": ["jpeg_baseline", "jpeg_extended"],
    "Jpeg2000FuzzTest": ["jpeg2000_lossless", "jpeg2000_lossy"],
}

# Extra JPEG Lossless seeds beyond the corpus (selection value 1 and 6): the other predictors and a
# point transform, encoded by dcmcjpeg from an uncompressed corpus slice.
LOSSLESS_VARIANTS = {f"sv{sv}": ["+el", "+sv", str(sv)] for sv in (2, 3, 4, 5, 7)}
LOSSLESS_VARIANTS["sv1_pt2"] = ["+el", "+sv", "1", "+pt", "2"]
LOSSLESS_SOURCE = "explicit_le_signed/slice000.dcm"

# Groups of corpus files joined into one series seed.
SERIES_SEEDS = {
    "explicit_le": ["explicit_le_signed/slice000.dcm", "explicit_le_signed/slice001.dcm",
                    "explicit_le_signed/slice002.dcm"],
    "jpeg_lossless": ["jpeg_lossless_sv1/slice000.dcm", "jpeg_lossless_sv1/slice001.dcm",
                      "jpeg_lossless_sv1/slice002.dcm"],
    "tilted": ["tilted/slice000.dcm", "tilted/slice001.dcm", "tilted/slice002.dcm"],
    "duplicate": ["duplicate_slice/slice001.dcm", "duplicate_slice/slice002.dcm",
                  "duplicate_slice/copy_of_slice002.dcm", "duplicate_slice/slice003.dcm"],
    "missing": ["missing_slice/slice000.dcm", "missing_slice/slice001.dcm", "missing_slice/slice002.dcm",
                "missing_slice/slice003.dcm"],
    "enhanced": ["enhanced_ct/enhanced.dcm"],
    "padding_rle": ["padding/slice000.dcm", "rle/slice001.dcm", "rle/slice002.dcm"],
}


def inputs(package, test_class, method):
    folder = TESTS / package / f"{test_class}Inputs" / method
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("seed-*"):
        old.unlink()
    return folder


def codec_header(ds):
    """The 4-byte CodecInput header: rows-1, columns-1, bits allocated 16 / signed flags, bits stored-1."""
    flags = (1 if ds.BitsAllocated == 16 else 0) | (2 if ds.PixelRepresentation == 1 else 0)
    return bytes([(ds.Rows - 1) & 0x3F, (ds.Columns - 1) & 0x3F, flags, ds.BitsStored - 1])


def meta_end(data):
    """Offset of the first dataset byte after the preamble, DICM and the file meta group."""
    (group_length,) = struct.unpack_from("<I", data, 128 + 4 + 8)
    return 128 + 4 + 12 + group_length


def main():
    parser = inputs("internal", "DicomFileFuzzTest", "parseAndDecode")
    for case in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        first = sorted(f for f in case.rglob("*") if f.is_file())[0]
        shutil.copyfile(first, parser / f"seed-{case.name}.dcm")

    for test_class, cases in CODEC_CASES.items():
        out = inputs("internal", test_class, "decode")
        for case in cases:
            for f in sorted((CORPUS / case).glob("*.dcm"))[:2]:
                ds = pydicom.dcmread(f)
                frames = int(getattr(ds, "NumberOfFrames", 1) or 1)
                for i, frame in enumerate(generate_pixel_data_frame(ds.PixelData, frames)):
                    (out / f"seed-{case}-{f.stem}-{i}").write_bytes(codec_header(ds) + frame)
    lossless = TESTS / "internal/JpegLosslessFuzzTestInputs/decode"
    with tempfile.TemporaryDirectory() as tmp:
        for name, options in LOSSLESS_VARIANTS.items():
            encoded = Path(tmp) / f"{name}.dcm"
            subprocess.run(["dcmcjpeg", *options, str(CORPUS / LOSSLESS_SOURCE), str(encoded)], check=True)
            ds = pydicom.dcmread(encoded)
            frame = next(generate_pixel_data_frame(ds.PixelData, 1))
            (lossless / f"seed-{name}").write_bytes(codec_header(ds) + frame)

    deflate = inputs("internal", "DeflateFuzzTest", "inflateAndDecode")
    for f in sorted((CORPUS / "deflated").glob("*.dcm"))[:3]:
        data = f.read_bytes()
        (deflate / f"seed-{f.stem}").write_bytes(data[meta_end(data):])

    series = inputs(".", "SeriesFuzzTest", "readFolder")
    for name, files in SERIES_SEEDS.items():
        (series / f"seed-{name}").write_bytes(SEPARATOR.join((CORPUS / f).read_bytes() for f in files))

    nifti = inputs("nifti", "NiftiFuzzTest", "read")
    for f in sorted((TESTS / "nifti/reference").glob("*.nii*")) + sorted((TESTS / "write/dcm2niix").glob("*.nii")):
        data = f.read_bytes()
        stem = f.name.split(".")[0]
        (nifti / f"seed-{stem}.nii").write_bytes(gzip.decompress(data) if f.name.endswith(".gz") else data)


if __name__ == "__main__":
    main()
