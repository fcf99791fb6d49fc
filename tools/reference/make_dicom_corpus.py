#!/usr/bin/python3
"""Builds ich-dicom's DICOM test corpus and its reference HU volumes.

Run with Debian's python (pydicom 2.3, numpy, nibabel, Pillow with OpenJPEG) and dcmtk
(dcmconv, dcmcrle, dcmcjpeg, dcmdjpeg, dcmcjpls) and dcm2niix on the PATH:

    /usr/bin/python3 tools/reference/make_dicom_corpus.py

Writes ich-dicom/src/test/resources/dicom/corpus/<case>/ (the DICOM files) and
ich-dicom/src/test/resources/dicom/reference/<case>.json (+ .f32 raw little-endian float32 HU,
i fastest). The reference volumes are computed here with pydicom + numpy (sorting by
ImagePositionPatient on the slice normal, rescale, masking), independently of the Java code;
the dcm2niix.* references are dcm2niix's own NIfTI output read with nibabel and re-ordered into
DICOM (LPS, i = along a row, j = down the rows) voxel order. Everything is seeded: a rerun
produces the same files.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.encaps import encapsulate
from pydicom.sequence import Sequence
from pydicom.uid import generate_uid, ExplicitVRLittleEndian, ImplicitVRLittleEndian

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
RES = os.path.join(ROOT, 'ich-dicom', 'src', 'test', 'resources', 'dicom')
CORPUS = os.path.join(RES, 'corpus')
REF = os.path.join(RES, 'reference')
CT_IMAGE = '1.2.840.10008.5.1.4.1.1.2'
ENHANCED_CT = '1.2.840.10008.5.1.4.1.1.2.1'
BASIC_TEXT_SR = '1.2.840.10008.5.1.4.1.1.88.11'
SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7'
N = 24  # pixels per side: tiny on purpose


def uid(*parts):
    return generate_uid(entropy_srcs=['ich-dicom-corpus'] + [str(p) for p in parts])


def phantom_hu(rng, nz, n=N):
    """Integer HU slices: air, skull, brain, a bleed, noise."""
    y, x = np.mgrid[0:n, 0:n]
    r = np.hypot(x - n / 2 + 0.5, y - n / 2 + 0.5)
    out = []
    for k in range(nz):
        s = np.full((n, n), -1000.0)
        s[r < n * 0.45] = 1000 + 50 * k
        s[r < n * 0.38] = 35
        s[(np.hypot(x - n * 0.6, y - n * 0.4) < n * 0.12 + k)] = 70
        s += rng.normal(0, 6, size=(n, n))
        out.append(np.round(s).astype(np.int32))
    return out


def base_dataset(series_uid, sop_uid, k, sop_class=CT_IMAGE):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = sop_uid
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = '1.2.826.0.1.3680043.10.1084'
    ds = Dataset()
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = sop_uid
    ds.Modality = 'CT'
    ds.ImageType = ['ORIGINAL', 'PRIMARY', 'AXIAL']
    # Made-up identity: the tests check that it never leaks into outputs.
    ds.PatientName = 'SECRET^PATIENTNAME'
    ds.PatientID = 'SECRETID4711'
    ds.PatientBirthDate = '19010203'
    ds.StudyInstanceUID = uid('study')
    ds.SeriesInstanceUID = series_uid
    ds.FrameOfReferenceUID = uid('for')
    ds.InstanceNumber = k + 1
    return ds


def set_pixels(ds, stored, bits_allocated=16, bits_stored=None, signed=True, photometric='MONOCHROME2'):
    bits_stored = bits_stored or bits_allocated
    rows, cols = stored.shape
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.Rows = rows
    ds.Columns = cols
    ds.BitsAllocated = bits_allocated
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 1 if signed else 0
    if bits_allocated == 8:
        ds.PixelData = stored.astype(np.uint8).tobytes()
    else:
        ds.PixelData = stored.astype(np.int16 if signed else np.uint16).tobytes()


def set_geometry(ds, ipp, iop, spacing):
    ds.ImagePositionPatient = [f'{v:.6f}'.rstrip('0').rstrip('.') for v in ipp]
    ds.ImageOrientationPatient = [f'{v:.8f}'.rstrip('0').rstrip('.') for v in iop]
    ds.PixelSpacing = [f'{v:g}' for v in spacing]
    ds.SliceThickness = '2.5'


def axial_positions(nz, dz=2.5, origin=(-30.0, -28.0, 10.0)):
    return [(origin[0], origin[1], origin[2] + k * dz) for k in range(nz)]


AXIAL = (1, 0, 0, 0, 1, 0)


def make_series(case, nz=5, seed=1, signed=False, intercepts=None, slopes=None, positions=None, iop=AXIAL,
                spacing=(0.8, 0.7), bits_allocated=16, bits_stored=None, photometric='MONOCHROME2',
                padding=None, names=None, instance_numbers=None, series_uid=None, transform=None, hu=None):
    """Writes one series as Explicit VR LE files; returns the paths in slice (k) order."""
    rng = np.random.default_rng(seed)
    hu = hu if hu is not None else phantom_hu(rng, nz)
    intercepts = intercepts or [0.0 if signed else -1024.0] * nz
    slopes = slopes or [1.0] * nz
    positions = positions or axial_positions(nz)
    series_uid = series_uid or uid(case, 'series')
    d = os.path.join(CORPUS, case)
    os.makedirs(d, exist_ok=True)
    paths = []
    for k in range(nz):
        ds = base_dataset(series_uid, uid(case, 'sop', k), k)
        if instance_numbers:
            ds.InstanceNumber = instance_numbers[k]
        stored = np.round((hu[k] - intercepts[k]) / slopes[k]).astype(np.int64)
        if padding is not None:
            stored[:3, :] = padding
        if transform:
            stored = transform(stored)
        set_pixels(ds, stored, bits_allocated, bits_stored, signed, photometric)
        ds.RescaleIntercept = f'{intercepts[k]:g}'
        ds.RescaleSlope = f'{slopes[k]:g}'
        ds.RescaleType = 'HU'
        if padding is not None:
            ds.add_new((0x0028, 0x0120), 'SS' if signed else 'US', padding)
        set_geometry(ds, positions[k], iop, spacing)
        name = names[k] if names else f'slice{k:03d}.dcm'
        p = os.path.join(d, name)
        ds.save_as(p, write_like_original=False)
        paths.append(p)
    return paths


# ---------------------------------------------------------------- the reference (pydicom + numpy)

def frames_of(path):
    ds = pydicom.dcmread(path, force=True)
    return ds


def stored_values(ds):
    """Stored pixel values as int64, with unused high bits masked and the sign extended."""
    bits_alloc = int(ds.BitsAllocated)
    bits_stored = int(ds.BitsStored)
    raw = np.frombuffer(ds.PixelData, dtype={8: np.uint8, 16: '<u2' if ds.is_little_endian else '>u2'}[bits_alloc])
    raw = raw.astype(np.int64) & ((1 << bits_stored) - 1)
    if int(ds.PixelRepresentation) == 1:
        raw = np.where(raw >= (1 << (bits_stored - 1)), raw - (1 << bits_stored), raw)
    return raw.reshape(int(ds.Rows), int(ds.Columns))


AIR_HU = -1024.0


def reference_volume(paths, decoded_paths=None):
    """HU volume, sorted on the slice normal, and the LPS voxel-to-patient affine (3x4)."""
    slices = []
    for p, dp in zip(paths, decoded_paths or paths):
        ds = pydicom.dcmread(dp, force=True)
        sv = stored_values(ds)
        hu = sv * float(getattr(ds, 'RescaleSlope', 1)) + float(getattr(ds, 'RescaleIntercept', 0))
        if 'PixelPaddingValue' in ds:
            hu = np.where(sv == int(ds.PixelPaddingValue), AIR_HU, hu)
        slices.append((ds, hu))
    iop = np.array([float(v) for v in slices[0][0].ImageOrientationPatient])
    row, col = iop[:3], iop[3:]
    normal = np.cross(row, col)
    slices.sort(key=lambda s: float(np.dot(normal, [float(v) for v in s[0].ImagePositionPatient])))
    ipp = np.array([[float(v) for v in s[0].ImagePositionPatient] for s in slices])
    ps = [float(v) for v in slices[0][0].PixelSpacing]
    nz = len(slices)
    kvec = (ipp[-1] - ipp[0]) / (nz - 1)
    aff = np.column_stack([row * ps[1], col * ps[0], kvec, ipp[0]])
    vol = np.stack([s[1] for s in slices]).astype(np.float32)  # (k, j, i)
    return vol, aff


def write_reference(case, vol, aff, kind='pydicom', **extra):
    os.makedirs(REF, exist_ok=True)
    nz, ny, nx = vol.shape
    np.ascontiguousarray(vol, dtype='<f4').tofile(os.path.join(REF, f'{case}.{kind}.f32'))
    meta = {'case': case, 'kind': kind, 'nx': nx, 'ny': ny, 'nz': nz,
            'affineLps': [float(v) for v in np.asarray(aff).reshape(-1)]}
    meta.update(extra)
    with open(os.path.join(REF, f'{case}.{kind}.json'), 'w') as f:
        json.dump(meta, f, indent=1)


def write_expectation(case, **fields):
    os.makedirs(REF, exist_ok=True)
    with open(os.path.join(REF, f'{case}.expect.json'), 'w') as f:
        json.dump(dict(case=case, **fields), f, indent=1)


def dcm2niix_reference(case, src_dir=None):
    """Runs dcm2niix (tilt correction off, no cropping) and stores its volume in DICOM voxel order."""
    import nibabel as nib
    src_dir = src_dir or os.path.join(CORPUS, case)
    with tempfile.TemporaryDirectory() as t:
        r = subprocess.run(['dcm2niix', '-z', 'n', '-b', 'n', '-m', 'n', '-f', 'out', '-o', t, src_dir],
                           capture_output=True, text=True)
        outs = sorted(glob.glob(os.path.join(t, 'out*.nii')))
        outs = [o for o in outs if 'Tilt' not in o and 'Eq_' not in o]
        if not outs:
            print(f'  dcm2niix could not convert {case}: {r.stdout[-300:]}', file=sys.stderr)
            return None
        img = nib.load(outs[0])
        data = img.get_fdata(dtype=np.float64)  # applies scl_slope / scl_inter
        ras = img.affine
    lps = np.diag([-1, -1, 1, 1]) @ ras
    return data, lps, r.stdout


def to_dicom_order(data, lps, ref_aff):
    """Reorders a (i, j, k) array with affine lps into the voxel order of ref_aff (flips only)."""
    m = np.linalg.solve(np.vstack([lps, [0, 0, 0, 1]])[:3, :3], ref_aff[:3, :3])
    perm = np.round(m).astype(int)
    assert np.allclose(np.abs(perm).sum(axis=0), 1), f'not a flip/permutation: {m}'
    out, aff = data, lps.copy()
    for ax in range(3):
        src = int(np.nonzero(perm[:, ax])[0][0])
        assert src == ax, 'dcm2niix permuted axes'
        if perm[src, ax] < 0:
            n = data.shape[ax]
            aff[:3, 3] = aff[:3, 3] + aff[:3, ax] * (n - 1)
            aff[:3, ax] = -aff[:3, ax]
            out = np.flip(out, axis=ax)
    return np.transpose(out, (2, 1, 0)), aff[:3, :]


def store_dcm2niix(case, ref_aff):
    got = dcm2niix_reference(case)
    if got is None:
        return
    data, lps, log = got
    vol, aff = to_dicom_order(data, lps, np.vstack([ref_aff, [0, 0, 0, 1]]))
    write_reference(case, vol.astype(np.float32), aff, kind='dcm2niix',
                    tilt='Tilt' in log or 'tilt' in log)


def finish(case, paths, decoded=None, tolerance=0.0, dcm2niix=True, **expect):
    vol, aff = reference_volume(paths, decoded)
    write_reference(case, vol, aff)
    write_expectation(case, outcome='volume', tolerance=tolerance, dcm2niixHu=True, **expect)
    if dcm2niix:
        store_dcm2niix(case, aff)
    return vol, aff


def note_dcm2niix(case, why):
    path = os.path.join(REF, f'{case}.expect.json')
    with open(path) as f:
        e = json.load(f)
    e['dcm2niixHu'] = False
    e['dcm2niixNote'] = why
    with open(path, 'w') as f:
        json.dump(e, f, indent=1)


def run(*cmd):
    subprocess.run(cmd, check=True, capture_output=True)


def transcode_series(src_case, case, tool, *opts):
    """Transcodes every file of a case with a dcmtk tool into a new case folder."""
    src = os.path.join(CORPUS, src_case)
    dst = os.path.join(CORPUS, case)
    os.makedirs(dst, exist_ok=True)
    out = []
    for name in sorted(os.listdir(src)):
        o = os.path.join(dst, name)
        run(tool, *opts, os.path.join(src, name), o)
        out.append(o)
    return [os.path.join(src, n) for n in sorted(os.listdir(src))], out


def main():
    shutil.rmtree(CORPUS, ignore_errors=True)
    shutil.rmtree(REF, ignore_errors=True)
    os.makedirs(CORPUS)
    os.makedirs(REF)

    # Uncompressed: unsigned with intercept -1024 (the common case), and signed.
    p = make_series('explicit_le_unsigned', seed=1, signed=False)
    finish('explicit_le_unsigned', p, transferSyntax='1.2.840.10008.1.2.1')
    p = make_series('explicit_le_signed', seed=2, signed=True)
    finish('explicit_le_signed', p, transferSyntax='1.2.840.10008.1.2.1')
    for case, opt, ts in [('implicit_le', '+ti', '1.2.840.10008.1.2'),
                          ('explicit_be', '+tb', '1.2.840.10008.1.2.2'),
                          ('deflated', '+td', '1.2.840.10008.1.2.1.99')]:
        src, out = transcode_series('explicit_le_signed', case, 'dcmconv', opt)
        finish(case, out, src, transferSyntax=ts, dcm2niix=(case != 'deflated'))

    # Raw datasets: no preamble, no DICM, no meta group (implicit and explicit VR LE).
    for case, implicit in [('raw_implicit', True), ('raw_explicit', False)]:
        d = os.path.join(CORPUS, case)
        os.makedirs(d)
        src = sorted(glob.glob(os.path.join(CORPUS, 'explicit_le_unsigned', '*.dcm')))
        out = []
        for s in src:
            ds = pydicom.dcmread(s)
            del ds.file_meta
            ds.preamble = None
            ds.is_implicit_VR = implicit
            ds.is_little_endian = True
            o = os.path.join(d, os.path.basename(s))
            pydicom.dcmwrite(o, ds, write_like_original=True)
            with open(o, 'rb') as f:
                assert f.read(4)[:2] in (b'\x08\x00',), 'expected a raw dataset'
            out.append(o)
        finish(case, out, src, dcm2niix=False,
               transferSyntax='1.2.840.10008.1.2' if implicit else '1.2.840.10008.1.2.1')

    # A raw big-endian dataset, and a file whose meta says explicit VR but whose dataset is implicit
    # (written so by some tools; pydicom and dcmtk follow the data).
    d = os.path.join(CORPUS, 'raw_explicit_be')
    os.makedirs(d)
    src = sorted(glob.glob(os.path.join(CORPUS, 'explicit_be', '*.dcm')))
    for s_ in src:
        ds = pydicom.dcmread(s_)
        del ds.file_meta
        ds.preamble = None
        o = os.path.join(d, os.path.basename(s_))
        pydicom.dcmwrite(o, ds, write_like_original=True)
        with open(o, 'rb') as f:
            assert f.read(2) == b'\x00\x08', 'expected a raw big-endian dataset'
    finish('raw_explicit_be', sorted(glob.glob(os.path.join(d, '*.dcm'))),
           sorted(glob.glob(os.path.join(CORPUS, 'explicit_le_signed', '*.dcm'))), dcm2niix=False,
           transferSyntax='1.2.840.10008.1.2.2')
    d = os.path.join(CORPUS, 'implicit_declared_explicit')
    os.makedirs(d)
    src = sorted(glob.glob(os.path.join(CORPUS, 'explicit_le_unsigned', '*.dcm')))
    for s_ in src:
        ds = pydicom.dcmread(s_)
        ds.is_implicit_VR = True
        o = os.path.join(d, os.path.basename(s_))
        pydicom.dcmwrite(o, ds, write_like_original=True)  # meta still says 1.2.840.10008.1.2.1
        assert pydicom.dcmread(o).file_meta.TransferSyntaxUID == '1.2.840.10008.1.2.1'
    finish('implicit_declared_explicit', sorted(glob.glob(os.path.join(d, '*.dcm'))), src, dcm2niix=False,
           transferSyntax='1.2.840.10008.1.2.1')

    # Compressed syntaxes.
    src, out = transcode_series('explicit_le_signed', 'rle', 'dcmcrle')
    finish('rle', out, src, transferSyntax='1.2.840.10008.1.2.5')
    src, out = transcode_series('explicit_le_signed', 'jpeg_lossless_sv1', 'dcmcjpeg', '+e1')
    finish('jpeg_lossless_sv1', out, src, transferSyntax='1.2.840.10008.1.2.4.70')
    src, out = transcode_series('explicit_le_unsigned', 'jpeg_lossless_p14', 'dcmcjpeg', '+el')
    finish('jpeg_lossless_p14', out, src, transferSyntax='1.2.840.10008.1.2.4.57')
    src, out = transcode_series('explicit_le_signed', 'jpeg_ls', 'dcmcjpls')
    write_expectation('jpeg_ls', outcome='error', errorCode='UNSUPPORTED_ENCODING',
                      transferSyntax='1.2.840.10008.1.2.4.80')

    # 12-bit data for JPEG extended (process 2 & 4), 8-bit data for baseline.
    rng = np.random.default_rng(7)
    hu12 = [np.clip(h, -1024, 3071) for h in phantom_hu(rng, 4)]
    make_series('bits12_base', nz=4, hu=hu12, signed=False, bits_stored=12)
    src, out = transcode_series('bits12_base', 'jpeg_extended', 'dcmcjpeg', '+ee', '+q', '95', '+un')
    dec = []
    with tempfile.TemporaryDirectory() as t:
        for o in out:
            dp = os.path.join(t, os.path.basename(o))
            run('dcmdjpeg', o, dp)
            dec.append(dp)
        finish('jpeg_extended', out, dec, tolerance=1.0, transferSyntax='1.2.840.10008.1.2.4.51')
    shutil.rmtree(os.path.join(CORPUS, 'bits12_base'))
    rng = np.random.default_rng(8)
    hu8 = [np.clip(h, -1024, -1024 + 255 * 8) for h in phantom_hu(rng, 4)]
    make_series('bits8_base', nz=4, hu=hu8, signed=False, bits_allocated=8, intercepts=[-1024.0] * 4,
                slopes=[8.0] * 4)
    src, out = transcode_series('bits8_base', 'jpeg_baseline', 'dcmcjpeg', '+eb', '+q', '95', '+un')
    dec = []
    with tempfile.TemporaryDirectory() as t:
        for o in out:
            dp = os.path.join(t, os.path.basename(o))
            run('dcmdjpeg', o, dp)
            dec.append(dp)
        # One step of 8 HU: IDCT rounding may differ by one grey level between decoders.
        finish('jpeg_baseline', out, dec, tolerance=8.0, transferSyntax='1.2.840.10008.1.2.4.50')
    # dcm2niix's own baseline JPEG decoder differs from libjpeg (dcmdjpeg) by up to 17 grey levels on
    # this series; the libjpeg-decoded reference is the one to match, so dcm2niix's HU are not compared.
    note_dcm2niix('jpeg_baseline', 'dcm2niix 1.0.20220720 decodes baseline JPEG differently from libjpeg')
    shutil.rmtree(os.path.join(CORPUS, 'bits8_base'))

    # JPEG 2000 (OpenJPEG through Pillow; dcmtk has no free JPEG 2000 codec).
    make_jpeg2000('jpeg2000_lossless', False, '1.2.840.10008.1.2.4.90', 0.0)
    make_jpeg2000('jpeg2000_lossy', True, '1.2.840.10008.1.2.4.91', 2.0)

    # Pixel traps.
    rng = np.random.default_rng(3)
    garbage = lambda s: (s & 0x0FFF) | 0xA000  # overlay-like bits above BitsStored
    hu = [np.clip(h, -2048, 2047) for h in phantom_hu(rng, 4)]
    p = make_series('bits_stored_12_signed', nz=4, hu=hu, signed=True, bits_stored=12,
                    transform=lambda s: garbage(s.astype(np.int64) & 0xFFFF))
    finish('bits_stored_12_signed', p, dcm2niix=False)
    p = make_series('padding', nz=4, seed=4, signed=True, padding=-2000, intercepts=[0.0] * 4)
    finish('padding', p, dcm2niix=False)
    p = make_series('monochrome1', nz=4, seed=5, signed=False, photometric='MONOCHROME1')
    finish('monochrome1', p, dcm2niix=False)
    p = make_series('per_slice_rescale', nz=5, seed=6, signed=False,
                    intercepts=[-1024.0, -1100.0, -1200.0, -1024.0, -1050.0], slopes=[1.0, 0.5, 1.0, 2.0, 1.0])
    finish('per_slice_rescale', p)

    # Geometry traps.
    order = [3, 0, 4, 1, 2]
    names = ['b7.dcm', 'zz.dcm', 'a1.dcm', 'm.dcm', 'c3.dcm']
    pos = axial_positions(5, dz=-2.0)  # positions descending with k
    p = make_series('shuffled', nz=5, seed=9, positions=pos, names=names, instance_numbers=[i + 1 for i in order])
    finish('shuffled', p)
    iop = oblique_iop()
    row, col = np.array(iop[:3]), np.array(iop[3:])
    nrm = np.cross(row, col)
    pos = [tuple(np.array([-20.0, -15.0, 5.0]) + k * 3.0 * nrm) for k in range(5)]
    p = make_series('oblique', nz=5, seed=10, iop=iop, positions=pos, spacing=(0.9, 0.9))
    finish('oblique', p)
    tilt = np.radians(15.0)
    pos = [(-30.0, -28.0 - k * 2.5 * np.tan(tilt), 10.0 + k * 2.5) for k in range(5)]
    p = make_series('tilted', nz=5, seed=11, positions=pos)
    for path in p:
        ds = pydicom.dcmread(path)
        ds.GantryDetectorTilt = '15'
        ds.save_as(path, write_like_original=False)
    finish('tilted', p)

    # Several series + a localizer in one folder (nested sub-folders): the largest axial CT wins.
    d = os.path.join(CORPUS, 'multi_series')
    pa = make_series('multi_series/a', nz=6, seed=12)
    pb = make_series('multi_series/b', nz=4, seed=13, series_uid=uid('multi_series', 'b', 'series'))
    loc = make_series('multi_series/scout', nz=1, seed=14, iop=(0, 1, 0, 0, 0, -1),
                      positions=[(0.0, -50.0, 60.0)], series_uid=uid('multi_series', 'scout', 'series'))
    ds = pydicom.dcmread(loc[0])
    ds.ImageType = ['ORIGINAL', 'PRIMARY', 'LOCALIZER']
    ds.save_as(loc[0], write_like_original=False)
    loc2 = make_series('multi_series/scout2', nz=8, seed=15, iop=(0, 1, 0, 0, 0, -1),
                       positions=[(float(k), -50.0, 60.0) for k in range(8)],
                       series_uid=uid('multi_series', 'scout2', 'series'))
    for path in loc2:
        ds = pydicom.dcmread(path)
        ds.ImageType = ['ORIGINAL', 'PRIMARY', 'LOCALIZER']
        ds.save_as(path, write_like_original=False)
    vol, aff = reference_volume(pa)
    write_reference('multi_series', vol, aff)
    write_expectation('multi_series', outcome='volume', tolerance=0.0,
                      seriesUid=uid('multi_series/a', 'series'), seriesCount=4,
                      otherSeriesUid=uid('multi_series', 'b', 'series'))
    vol, aff = reference_volume(pb)
    write_reference('multi_series_b', vol, aff)

    # Enhanced CT: one multi-frame file, frames stored out of position order, per-frame rescale.
    make_enhanced('enhanced_ct')

    # Missing slice (gap of two spacings) and a duplicated slice.
    pos = axial_positions(6)
    del pos[3]
    p = make_series('missing_slice', nz=5, seed=16, positions=pos)
    write_expectation('missing_slice', outcome='error', errorCode='INCONSISTENT_SERIES')
    p = make_series('duplicate_slice', nz=5, seed=17)
    shutil.copy(p[2], os.path.join(CORPUS, 'duplicate_slice', 'copy_of_slice002.dcm'))
    finish('duplicate_slice', p, dcm2niix=False, warnings=1)

    make_sr('sr')
    make_colour('colour')
    p = make_series('truncated', nz=1, seed=18)
    data = open(p[0], 'rb').read()
    open(p[0], 'wb').write(data[:len(data) - 301])
    write_expectation('truncated', outcome='error', errorCode='TRUNCATED_FILE')
    make_sequences_private('sequences_private')
    total = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(RES) for f in fs)
    print(f'corpus + references: {total / 1024:.0f} KiB')


def oblique_iop():
    a, b = np.radians(20.0), np.radians(-12.0)
    rz = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    rx = np.array([[1, 0, 0], [0, np.cos(b), -np.sin(b)], [0, np.sin(b), np.cos(b)]])
    m = rx @ rz
    row, col = m[:, 0], m[:, 1]
    return tuple(np.round(np.concatenate([row, col]), 8))


def make_jpeg2000(case, lossy, ts, tolerance):
    import io
    from PIL import Image
    src = sorted(glob.glob(os.path.join(CORPUS, 'explicit_le_unsigned', '*.dcm')))
    d = os.path.join(CORPUS, case)
    os.makedirs(d)
    out, dec = [], []
    tmp = tempfile.mkdtemp()
    for s in src:
        ds = pydicom.dcmread(s)
        arr = ds.pixel_array.astype(np.uint16)
        b = io.BytesIO()
        kw = dict(irreversible=True, quality_mode='rates', quality_layers=[4]) if lossy else dict(irreversible=False)
        Image.fromarray(arr, mode='I;16').save(b, format='JPEG2000', no_jp2=True, **kw)
        decoded = np.array(Image.open(io.BytesIO(b.getvalue()))).astype(np.uint16)
        ds.PixelData = encapsulate([b.getvalue()])
        ds['PixelData'].VR = 'OB'
        ds['PixelData'].is_undefined_length = True
        ds.file_meta.TransferSyntaxUID = ts
        if lossy:
            ds.LossyImageCompression = '01'
        o = os.path.join(d, os.path.basename(s))
        ds.save_as(o, write_like_original=False)
        out.append(o)
        ref = pydicom.dcmread(s)
        ref.PixelData = decoded.tobytes()
        dp = os.path.join(tmp, os.path.basename(s))
        ref.save_as(dp, write_like_original=False)
        dec.append(dp)
    finish(case, out, dec, tolerance=tolerance, transferSyntax=ts)
    shutil.rmtree(tmp)


def make_enhanced(case):
    rng = np.random.default_rng(19)
    nz = 5
    hu = phantom_hu(rng, nz)
    order = [2, 0, 4, 1, 3]  # frame f holds slice order[f]
    intercepts = [-1024.0, -1100.0, -1024.0, -1150.0, -1024.0]
    series_uid = uid(case, 'series')
    ds = base_dataset(series_uid, uid(case, 'sop'), 0, ENHANCED_CT)
    ds.ImageType = ['ORIGINAL', 'PRIMARY', 'AXIAL', 'NONE']
    frames = []
    per_frame = []
    for f, k in enumerate(order):
        frames.append(np.round(hu[k] - intercepts[k]).astype(np.uint16))
        item = Dataset()
        pp = Dataset()
        pp.ImagePositionPatient = [-30.0, -28.0, 10.0 + 2.5 * k]
        item.PlanePositionSequence = Sequence([pp])
        pvt = Dataset()
        pvt.RescaleIntercept = f'{intercepts[k]:g}'
        pvt.RescaleSlope = '1'
        pvt.RescaleType = 'HU'
        item.PixelValueTransformationSequence = Sequence([pvt])
        fc = Dataset()
        fc.InStackPositionNumber = f + 1
        item.FrameContentSequence = Sequence([fc])
        per_frame.append(item)
    shared = Dataset()
    pm = Dataset()
    pm.PixelSpacing = [0.8, 0.7]
    pm.SliceThickness = 2.5
    shared.PixelMeasuresSequence = Sequence([pm])
    po = Dataset()
    po.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    shared.PlaneOrientationSequence = Sequence([po])
    ds.SharedFunctionalGroupsSequence = Sequence([shared])
    ds.PerFrameFunctionalGroupsSequence = Sequence(per_frame)
    ds.NumberOfFrames = nz
    set_pixels(ds, np.concatenate(frames), signed=False)
    ds.Rows = N
    d = os.path.join(CORPUS, case)
    os.makedirs(d)
    p = os.path.join(d, 'enhanced.dcm')
    ds.save_as(p, write_like_original=False)
    # The reference straight from the definition: frame order → slice position order.
    vol = np.stack([hu[k] for k in range(nz)]).astype(np.float32)
    aff = np.column_stack([[0.7, 0, 0], [0, 0.8, 0], [0, 0, 2.5], [-30.0, -28.0, 10.0]])
    write_reference(case, vol, aff)
    write_expectation(case, outcome='volume', tolerance=0.0, dcm2niixHu=True)
    store_dcm2niix(case, aff)
    # dcm2niix applies one rescale to all frames of an Enhanced CT object, ignoring the per-frame
    # Pixel Value Transformation; we follow the standard, so only its affine is compared.
    note_dcm2niix(case, 'dcm2niix 1.0.20220720 ignores per-frame Rescale Intercept in Enhanced CT')


def make_sr(case):
    d = os.path.join(CORPUS, case)
    os.makedirs(d)
    ds = base_dataset(uid(case, 'series'), uid(case, 'sop'), 0, BASIC_TEXT_SR)
    ds.Modality = 'SR'
    del ds.ImageType
    ds.ValueType = 'CONTAINER'
    item = Dataset()
    item.RelationshipType = 'CONTAINS'
    item.ValueType = 'TEXT'
    item.TextValue = 'no haemorrhage'
    ds.ContentSequence = Sequence([item])
    ds.save_as(os.path.join(d, 'report.dcm'), write_like_original=False)
    write_expectation(case, outcome='error', errorCode='NOT_AN_IMAGE')


def make_colour(case):
    d = os.path.join(CORPUS, case)
    os.makedirs(d)
    ds = base_dataset(uid(case, 'series'), uid(case, 'sop'), 0, SECONDARY_CAPTURE)
    ds.Modality = 'OT'
    rgb = np.random.default_rng(20).integers(0, 255, size=(N, N, 3), dtype=np.uint8)
    ds.SamplesPerPixel = 3
    ds.PhotometricInterpretation = 'RGB'
    ds.PlanarConfiguration = 0
    ds.Rows = N
    ds.Columns = N
    ds.BitsAllocated = 8
    ds.BitsStored = 8
    ds.HighBit = 7
    ds.PixelRepresentation = 0
    ds.PixelData = rgb.tobytes()
    ds.save_as(os.path.join(d, 'colour.dcm'), write_like_original=False)
    write_expectation(case, outcome='error', errorCode='UNSUPPORTED_IMAGE')


def make_sequences_private(case):
    """Undefined-length nested sequences, private tags with odd lengths, a padded trailing item."""
    from pydicom.filewriter import write_dataset, write_file_meta_info
    from pydicom.filebase import DicomBytesIO
    p = make_series(case, nz=3, seed=21)
    for path in p:
        ds = pydicom.dcmread(path)
        inner = Dataset()
        inner.CodeValue = '123'
        inner.CodingSchemeDesignator = 'X'
        mid = Dataset()
        mid.ConceptNameCodeSequence = Sequence([inner])
        mid.ConceptNameCodeSequence.is_undefined_length = True
        ds.AnatomicRegionSequence = Sequence([mid, Dataset()])
        ds.AnatomicRegionSequence.is_undefined_length = True
        for item in ds.AnatomicRegionSequence:
            item.is_undefined_length_sequence_item = True
        low = Dataset()
        high = Dataset()
        for el in ds:
            (low if el.tag < 0x00090000 else high).add(el)
        buf = DicomBytesIO()
        buf.is_little_endian, buf.is_implicit_VR = True, False
        write_file_meta_info(buf, ds.file_meta)
        write_dataset(buf, low)
        # Private creator + two private elements of odd length (3 and 5 bytes): not DICOM-conformant,
        # but written by real devices.
        buf.write(b'\x09\x00\x10\x00LO\x03\x00ICH')
        buf.write(b'\x09\x00\x01\x10OB\x00\x00\x05\x00\x00\x00\x01\x02\x03\x04\x05')
        buf.write(b'\x09\x00\x02\x10UN\x00\x00\xff\xff\xff\xff')  # undefined-length UN: a sequence
        buf.write(b'\xfe\xff\x00\xe0\xff\xff\xff\xff')
        buf.write(b'\x09\x00\x03\x10\x04\x00\x00\x00ABCD')  # implicit VR inside UN
        buf.write(b'\xfe\xff\x0d\xe0\x00\x00\x00\x00')
        buf.write(b'\xfe\xff\xdd\xe0\x00\x00\x00\x00')
        write_dataset(buf, high)
        with open(path, 'wb') as f:
            f.write(b'\0' * 128 + b'DICM' + buf.getvalue())
    vol, aff = reference_volume(p)
    write_reference(case, vol, aff)
    write_expectation(case, outcome='volume', tolerance=0.0)


if __name__ == '__main__':
    main()
