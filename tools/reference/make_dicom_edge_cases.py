#!/usr/bin/python3
"""Builds ich-dicom's edge cases: damage and oddities met in real-world DICOM exports.

Run after make_dicom_corpus.py (it reuses that corpus and its helpers), with Debian's python
(pydicom 2.3, numpy, Pillow with OpenJPEG):

    /usr/bin/python3 tools/reference/make_dicom_edge_cases.py

Writes ich-dicom/src/test/resources/dicom/edge/<case>/ and, for the cases read as volumes, the
pydicom + numpy reference HU under .../dicom/edge-reference/<case>.pydicom.{json,f32}. Seeded: a
rerun produces the same files.

Cases:
- damaged_<where>_<how>: a 5-slice CT series where one slice (first, middle or last along the
  slice normal) cannot be used: cut before its pixel data, without pixel data, RGB, PALETTE
  COLOR, three samples per pixel, or 32 bits allocated.
- truncated/<codec>_<how>.dcm: one frame of each compressed corpus case whose codestream is cut
  (re-encapsulated, so the DICOM structure itself is intact), also with the end marker put back.
- mr_single, mr_series: MR images (Modality MR), which are not in HU.
- jpeg2000_lossy_padding: lossy JPEG 2000 with PixelPaddingValue 0; the reference is the OpenJPEG
  decode with the rescale applied and no padding substitution (what pydicom, GDCM and dcm2niix
  give).
- meta_repeated: a JPEG Lossless file whose data set repeats file-meta (group 0002) elements
  with another transfer syntax (as Hologic writes), with and without the file meta group
  length; the file meta's syntax holds.
- two_studies, two_patients: two series of different StudyInstanceUIDs, or of one study UID
  and two PatientIDs.
- no_geometry, no_geometry_series: one CT slice, and a 5-slice series whose InstanceNumbers
  disagree with its file names, without ImagePositionPatient and ImageOrientationPatient; the
  references are dcm2niix's output.
"""
import glob
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from pydicom.encaps import encapsulate, generate_pixel_data_frame

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('corpus', os.path.join(HERE, 'make_dicom_corpus.py'))
corpus = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus)

SOURCE = corpus.CORPUS
EDGE = os.path.join(corpus.RES, 'edge')
EDGE_REF = os.path.join(corpus.RES, 'edge-reference')
MR_IMAGE = '1.2.840.10008.5.1.4.1.1.4'


def series(case, **kw):
    """A 5-slice CT series under EDGE (make_series writes under the module's CORPUS)."""
    corpus.CORPUS = EDGE
    try:
        return corpus.make_series(case, **kw)
    finally:
        corpus.CORPUS = SOURCE


def reference(case, paths, decoded=None, **extra):
    corpus.REF = EDGE_REF
    try:
        vol, aff = corpus.reference_volume(paths, decoded)
        corpus.write_reference(case, vol, aff, **extra)
    finally:
        corpus.REF = os.path.join(corpus.RES, 'reference')


def pixel_data_offset(path):
    data = open(path, 'rb').read()
    at = data.rfind(b'\xe0\x7f\x10\x00')
    assert at > 0
    return data, at


def damage(path, how):
    """Makes one slice unusable in the way real exports do."""
    if how == 'cut':
        data, at = pixel_data_offset(path)
        open(path, 'wb').write(data[:at])
        return
    ds = pydicom.dcmread(path)
    if how == 'nopixels':
        del ds.PixelData
    elif how in ('rgb', 'palette', 'samples3'):
        rgb = np.random.default_rng(5).integers(0, 255, size=(ds.Rows, ds.Columns, 3), dtype=np.uint8)
        ds.SamplesPerPixel = 3 if how != 'palette' else 1
        ds.PhotometricInterpretation = {'rgb': 'RGB', 'palette': 'PALETTE COLOR', 'samples3': 'MONOCHROME2'}[how]
        ds.BitsAllocated = 8
        ds.BitsStored = 8
        ds.HighBit = 7
        ds.PixelRepresentation = 0
        if how == 'palette':
            ds.PixelData = rgb[:, :, 0].tobytes()
        else:
            ds.PlanarConfiguration = 0
            ds.PixelData = rgb.tobytes()
    elif how == 'bits32':
        arr = ds.pixel_array.astype(np.int32)
        ds.BitsAllocated = 32
        ds.BitsStored = 32
        ds.HighBit = 31
        ds.PixelData = arr.astype('<u4').tobytes()
    ds.save_as(path, write_like_original=False)


def make_damaged():
    where = {'first': 0, 'middle': 2, 'last': 4}
    for hows, at in [(('cut', 'nopixels', 'bits32'), 'first'), (('cut', 'rgb', 'palette'), 'last'),
                     (('samples3', 'nopixels'), 'middle')]:
        for how in hows:
            case = f'damaged_{at}_{how}'
            p = series(case, seed=30, signed=False)
            damage(p[where[at]], how)


def make_truncated():
    """Cuts the codestream of the first frame of each compressed corpus case, then re-encapsulates it."""
    d = os.path.join(EDGE, 'truncated')
    os.makedirs(d)
    for case in ['jpeg_baseline', 'jpeg_extended', 'jpeg_lossless_sv1', 'jpeg_lossless_p14', 'rle',
                 'jpeg2000_lossless', 'jpeg2000_lossy']:
        src = sorted(glob.glob(os.path.join(SOURCE, case, '*.dcm')))[0]
        ds = pydicom.dcmread(src)
        stream = next(generate_pixel_data_frame(ds.PixelData, 1))
        # Cut inside the entropy-coded data, just before the end marker, and cut with the end marker
        # put back (so that only the decoder can tell).
        for label, keep, marker in [('60', int(len(stream) * 0.6), b''), ('90', int(len(stream) * 0.9), b''),
                                    ('end', len(stream) - 2, b''), ('60marker', int(len(stream) * 0.6), b'\xff\xd9')]:
            cut = stream[:keep] + marker
            out = pydicom.dcmread(src)
            out.PixelData = encapsulate([cut])
            out['PixelData'].is_undefined_length = True
            out.save_as(os.path.join(d, f'{case}_{label}.dcm'), write_like_original=False)


def make_mr():
    for case, nz in [('mr_single', 1), ('mr_series', 4)]:
        p = series(case, nz=nz, seed=31, signed=False, intercepts=[0.0] * nz)
        for path in p:
            ds = pydicom.dcmread(path)
            ds.Modality = 'MR'
            ds.SOPClassUID = MR_IMAGE
            ds.file_meta.MediaStorageSOPClassUID = MR_IMAGE
            del ds.RescaleType
            ds.save_as(path, write_like_original=False)
        if nz > 1:
            reference(case, p)


def make_lossy_padding():
    """Lossy JPEG 2000 of an unsigned series (intercept -2048) with PixelPaddingValue 0 in its top rows."""
    import io
    from PIL import Image
    case = 'jpeg2000_lossy_padding'
    rng = np.random.default_rng(32)
    hu = corpus.phantom_hu(rng, 3)
    p = series(case, nz=3, hu=hu, signed=False, intercepts=[-2048.0] * 3, padding=0)
    decoded_paths = []
    tmp = tempfile.mkdtemp()
    for path in p:
        ds = pydicom.dcmread(path)
        arr = ds.pixel_array.astype(np.uint16)
        b = io.BytesIO()
        Image.fromarray(arr, mode='I;16').save(b, format='JPEG2000', no_jp2=True, irreversible=True,
                                               quality_mode='rates', quality_layers=[6])
        decoded = np.array(Image.open(io.BytesIO(b.getvalue()))).astype(np.uint16)
        ds.PixelData = encapsulate([b.getvalue()])
        ds['PixelData'].VR = 'OB'
        ds['PixelData'].is_undefined_length = True
        ds.file_meta.TransferSyntaxUID = '1.2.840.10008.1.2.4.91'
        ds.LossyImageCompression = '01'
        ds.save_as(path, write_like_original=False)
        ref = pydicom.dcmread(path)
        ref.file_meta.TransferSyntaxUID = '1.2.840.10008.1.2.1'
        ref.PixelData = decoded.tobytes()
        del ref.PixelPaddingValue  # the reference: rescale of the decoded value, no padding substitution
        dp = os.path.join(tmp, os.path.basename(path))
        ref.save_as(dp, write_like_original=False)
        decoded_paths.append(dp)
        print(f'  {os.path.basename(path)}: {int((arr == 0).sum())} padding voxels, '
              f'{int((decoded == 0).sum())} decode exactly to the padding value')
    reference(case, p, decoded_paths)
    shutil.rmtree(tmp)


def make_meta_repeated():
    """Group 0002 elements (explicit VR LE) repeated at the start of a JPEG Lossless data set."""
    from pydicom.filewriter import write_dataset, write_file_meta_info
    from pydicom.filebase import DicomBytesIO
    d = os.path.join(EDGE, 'meta_repeated')
    os.makedirs(d)
    src = sorted(glob.glob(os.path.join(SOURCE, 'jpeg_lossless_sv1', '*.dcm')))
    for s in src:
        ds = pydicom.dcmread(s)
        buf = DicomBytesIO()
        buf.is_little_endian, buf.is_implicit_VR = True, False
        write_file_meta_info(buf, ds.file_meta, enforce_standard=True)
        uid = b'1.2.840.10008.1.2.1\x00'
        buf.write(b'\x02\x00\x10\x00UI' + len(uid).to_bytes(2, 'little') + uid)
        write_dataset(buf, ds)
        with open(os.path.join(d, os.path.basename(s)), 'wb') as f:
            f.write(b'\0' * 128 + b'DICM' + buf.getvalue())
    src_u = sorted(glob.glob(os.path.join(SOURCE, 'explicit_le_signed', '*.dcm')))
    reference('meta_repeated', sorted(glob.glob(os.path.join(d, '*.dcm'))), src_u)
    # The same without the file meta group length: the repeated group starts with a lower tag.
    d = os.path.join(EDGE, 'meta_repeated_no_group_length')
    os.makedirs(d)
    ds = pydicom.dcmread(src[0])
    del ds.file_meta.FileMetaInformationGroupLength
    buf = DicomBytesIO()
    buf.is_little_endian, buf.is_implicit_VR = True, False
    write_file_meta_info(buf, ds.file_meta, enforce_standard=False)
    assert b'\x02\x00\x00\x00UL' not in buf.getvalue()
    buf.write(b'\x02\x00\x10\x00UI' + len(uid).to_bytes(2, 'little') + uid)
    write_dataset(buf, ds)
    with open(os.path.join(d, os.path.basename(src[0])), 'wb') as f:
        f.write(b'\0' * 128 + b'DICM' + buf.getvalue())


def make_studies():
    a = series('two_studies/a', nz=5, seed=33)
    b = series('two_studies/b', nz=4, seed=34, series_uid=corpus.uid('two_studies', 'b'))
    for path in b:
        ds = pydicom.dcmread(path)
        ds.StudyInstanceUID = corpus.uid('other study')
        ds.PatientID = 'SECRETOTHER42'
        ds.PatientName = 'SECRET^OTHERPATIENT'
        ds.save_as(path, write_like_original=False)
    series('two_patients/a', nz=5, seed=35)
    b = series('two_patients/b', nz=4, seed=36, series_uid=corpus.uid('two_patients', 'b'))
    for path in b:
        ds = pydicom.dcmread(path)
        ds.PatientID = 'SECRETOTHER42'
        ds.save_as(path, write_like_original=False)
    reference('two_studies', a)


def make_no_geometry():
    """One slice, and the shuffled corpus series (InstanceNumbers disagree with the file names),
    without ImagePositionPatient and ImageOrientationPatient; the references are dcm2niix's output."""
    import nibabel as nib
    series('no_geometry', nz=1, seed=37, signed=False)
    d = os.path.join(EDGE, 'no_geometry_series')
    os.makedirs(d)
    for s in glob.glob(os.path.join(SOURCE, 'shuffled', '*.dcm')):
        shutil.copy(s, d)
    for case in ['no_geometry', 'no_geometry_series']:
        for path in glob.glob(os.path.join(EDGE, case, '*.dcm')):
            ds = pydicom.dcmread(path)
            del ds.ImagePositionPatient
            del ds.ImageOrientationPatient
            ds.save_as(path, write_like_original=False)
        with tempfile.TemporaryDirectory() as t:
            r = subprocess.run(['dcm2niix', '-z', 'n', '-b', 'n', '-f', 'out', '-o', t, os.path.join(EDGE, case)],
                               capture_output=True, text=True)
            outs = glob.glob(os.path.join(t, 'out*.nii'))
            assert len(outs) == 1, r.stdout
            img = nib.load(outs[0])
            data = np.asarray(img.dataobj, dtype=np.float32)
            ras = img.affine
        # dcm2niix's own voxel order (i fastest) and affine (in LPS): what 'ich convert' must write.
        lps = np.diag([-1, -1, 1, 1]) @ ras
        np.ascontiguousarray(data.transpose(2, 1, 0), dtype='<f4').tofile(
            os.path.join(EDGE_REF, f'{case}.dcm2niix.f32'))
        with open(os.path.join(EDGE_REF, f'{case}.dcm2niix.json'), 'w') as f:
            json.dump({'case': case, 'nx': data.shape[0], 'ny': data.shape[1], 'nz': data.shape[2],
                       'affineLps': [float(v) for v in lps[:3, :].reshape(-1)]}, f, indent=1)


def main():
    if not os.path.isdir(SOURCE):
        sys.exit('run make_dicom_corpus.py first')
    shutil.rmtree(EDGE, ignore_errors=True)
    shutil.rmtree(EDGE_REF, ignore_errors=True)
    os.makedirs(EDGE)
    os.makedirs(EDGE_REF)
    make_damaged()
    make_truncated()
    make_mr()
    make_lossy_padding()
    make_meta_repeated()
    make_studies()
    make_no_geometry()
    total = sum(os.path.getsize(os.path.join(dp, f)) for r in (EDGE, EDGE_REF) for dp, _, fs in os.walk(r)
                for f in fs)
    print(f'edge cases + references: {total / 1024:.0f} KiB')


if __name__ == '__main__':
    main()
