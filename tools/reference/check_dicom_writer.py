#!/usr/bin/python3
"""Validates the DICOM series written by ich-dicom's DicomSeriesWriter and records how pydicom and
dcm2niix read them, for DicomWriterPydicomTest.

The series under ich-dicom/src/test/resources/dev/ich/dicom/write/series/ are written by
DicomWriterReferenceTest with -Dich.regenerate=true (that test also checks the writer still
produces exactly these bytes). Then run, with Debian's python (pydicom 2.3, nibabel, numpy) and
dcmtk and dcm2niix installed:

    /usr/bin/python3 tools/reference/check_dicom_writer.py

For every file: dcmdump must parse it without a warning; the file meta group length must equal the
bytes of the group; pydicom must read it without force. The script then writes <series>.ref with
pydicom's view (transfer syntax, geometry attributes, rescale values, identity attributes, HU from
apply_modality_lut as float64) and, for the series dcm2niix reads (not deflated, not tilted),
dcm2niix's NIfTI (kept under dcm2niix/) with its affine and data as nibabel reads them.
"""
import glob
import os
import shutil
import struct
import subprocess
import sys
import tempfile

import nibabel as nib
import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import apply_modality_lut

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
BASE = os.path.join(ROOT, 'ich-dicom', 'src', 'test', 'resources', 'dev', 'ich', 'dicom', 'write')
SERIES = os.path.join(BASE, 'series')
DCM2NIIX_SERIES = ('explicit_vr_little_endian', 'implicit_vr_little_endian', 'explicit_vr_big_endian',
                   'explicit_head_to_feet', 'explicit_per_slice_intercepts')  # dcm2niix cannot inflate


def check_dcmtk(path):
    r = subprocess.run(['dcmdump', '+E', path], capture_output=True, text=True)
    if r.returncode != 0 or r.stderr.strip():
        sys.exit('dcmdump rejects %s: %s' % (path, r.stderr))


def check_meta_group_length(path):
    raw = open(path, 'rb').read()
    assert raw[128:132] == b'DICM', path
    pos = 132
    group, elem = struct.unpack('<HH', raw[pos:pos + 4])
    assert (group, elem) == (2, 0) and raw[pos + 4:pos + 6] == b'UL', path
    declared = struct.unpack('<I', raw[pos + 8:pos + 12])[0]
    pos += 12
    start = pos
    while struct.unpack('<H', raw[pos:pos + 2])[0] == 2:
        vr = raw[pos + 4:pos + 6]
        if vr in (b'OB', b'OW', b'UN', b'SQ', b'UT'):
            length = struct.unpack('<I', raw[pos + 8:pos + 12])[0]
            pos += 12 + length
        else:
            length = struct.unpack('<H', raw[pos + 6:pos + 8])[0]
            pos += 8 + length
    if pos - start != declared:
        sys.exit('%s: meta group length %d but the group has %d bytes' % (path, declared, pos - start))


def nums(values):
    return ' '.join(repr(float(v)) for v in values)


def dcm2niix(series_dir, out, keep_as):
    with tempfile.TemporaryDirectory() as tmp:
        r = subprocess.run(['dcm2niix', '-z', 'n', '-b', 'n', '-f', 'out', '-o', tmp, series_dir],
                           capture_output=True, text=True)
        files = glob.glob(os.path.join(tmp, '*.nii'))
        if r.returncode != 0 or len(files) != 1:
            sys.exit('dcm2niix failed on %s: %s %s' % (series_dir, r.stdout, r.stderr))
        # Kept, so the Java NIfTI reader is also tested on a file a real converter wrote.
        os.makedirs(os.path.dirname(keep_as), exist_ok=True)
        shutil.copyfile(files[0], keep_as)
        img = nib.load(keep_as)
        data = np.asarray(img.dataobj).astype(np.float64)
        out.write('dcm2niix_shape %d %d %d\n' % data.shape[:3])
        out.write('dcm2niix_affine %s\n' % nums(img.affine.reshape(-1)))
        out.write('dcm2niix_data %s\n' % nums(data.reshape(-1, order='F')))


def main():
    for series in sorted(os.listdir(SERIES)):
        folder = os.path.join(SERIES, series)
        files = sorted(glob.glob(os.path.join(folder, '*.dcm')))
        with open(os.path.join(BASE, series + '.ref'), 'w') as out:
            out.write('# pydicom %s view of series/%s (%d files)\n' % (pydicom.__version__, series, len(files)))
            out.write('files %d\n' % len(files))
            for k, path in enumerate(files, start=1):
                check_dcmtk(path)
                check_meta_group_length(path)
                ds = pydicom.dcmread(path)
                assert ds.SOPClassUID == '1.2.840.10008.5.1.4.1.1.2', path
                assert ds.file_meta.MediaStorageSOPInstanceUID == ds.SOPInstanceUID, path
                hu = apply_modality_lut(ds.pixel_array, ds).astype(np.float64)
                p = 'slice%d_' % k
                out.write(p + 'syntax %s\n' % ds.file_meta.TransferSyntaxUID)
                out.write(p + 'instance %d\n' % int(ds.InstanceNumber))
                out.write(p + 'rows_columns %d %d\n' % (ds.Rows, ds.Columns))
                out.write(p + 'ipp %s\n' % nums(ds.ImagePositionPatient))
                out.write(p + 'iop %s\n' % nums(ds.ImageOrientationPatient))
                out.write(p + 'pixel_spacing %s\n' % nums(ds.PixelSpacing))
                out.write(p + 'thickness_spacing %s\n' % nums([ds.SliceThickness, ds.SpacingBetweenSlices]))
                out.write(p + 'rescale %s\n' % nums([ds.RescaleSlope, ds.RescaleIntercept]))
                out.write(p + 'window %s\n' % nums([ds.WindowCenter, ds.WindowWidth]))
                out.write(p + 'patient_name |%s|\n' % str(ds.PatientName))
                out.write(p + 'patient_id |%s|\n' % ds.PatientID)
                out.write(p + 'patient_birth_date |%s|\n' % ds.PatientBirthDate)
                out.write(p + 'hu %s\n' % nums(hu.reshape(-1)))
            if series in DCM2NIIX_SERIES:
                dcm2niix(folder, out, os.path.join(BASE, 'dcm2niix', series + '.nii'))


if __name__ == '__main__':
    main()
