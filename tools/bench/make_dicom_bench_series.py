#!/usr/bin/python3
"""Writes the DICOM benchmark series (not committed): 512 x 512 x 300 CT slices, uncompressed
(Explicit VR Little Endian) and the same series in JPEG Lossless SV1 (dcmtk's dcmcjpeg).

    /usr/bin/python3 tools/bench/make_dicom_bench_series.py [/tmp/ich-bench-dicom]

Then: ./ich bench --dicom /tmp/ich-bench-dicom/uncompressed   (and .../jpeg_lossless)
      /usr/bin/python3 tools/bench/read_pydicom.py /tmp/ich-bench-dicom/uncompressed
"""
import os
import subprocess
import sys

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

N, NZ = 512, 300


def main(root):
    plain = os.path.join(root, 'uncompressed')
    jpeg = os.path.join(root, 'jpeg_lossless')
    os.makedirs(plain, exist_ok=True)
    os.makedirs(jpeg, exist_ok=True)
    rng = np.random.default_rng(5)
    y, x = np.mgrid[0:N, 0:N]
    series = generate_uid(entropy_srcs=['ich-bench-series'])
    order = rng.permutation(NZ)  # file names do not follow slice order
    for k in range(NZ):
        r = np.hypot((x - N / 2) / 0.8, (y - N / 2) / 0.95)
        hu = np.full((N, N), -1000.0)
        head = 200 + 20 * np.sin(k / 40)
        hu[r < head] = 1200
        brain = r < head - 12
        hu[brain] = (35 + 5 * np.sin(x / 17.0) * np.cos(y / 23.0))[brain]
        hu += rng.normal(0, 5, size=(N, N))
        stored = np.clip(np.round(hu + 1024), 0, 4095).astype(np.uint16)
        meta = FileMetaDataset()
        meta.MediaStorageSOPClassUID = '1.2.840.10008.5.1.4.1.1.2'
        meta.MediaStorageSOPInstanceUID = generate_uid(entropy_srcs=['ich-bench', str(k)])
        meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds = Dataset()
        ds.file_meta = meta
        ds.is_little_endian, ds.is_implicit_VR = True, False
        ds.SOPClassUID = meta.MediaStorageSOPClassUID
        ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
        ds.Modality = 'CT'
        ds.SeriesInstanceUID = series
        ds.StudyInstanceUID = generate_uid(entropy_srcs=['ich-bench-study'])
        ds.InstanceNumber = k + 1
        ds.ImagePositionPatient = [-200, -200, 0.625 * k]
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.PixelSpacing = [0.78125, 0.78125]
        ds.SliceThickness = 0.625
        ds.SamplesPerPixel = 1
        ds.PhotometricInterpretation = 'MONOCHROME2'
        ds.Rows = ds.Columns = N
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
        ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
        ds.PixelData = stored.tobytes()
        name = f'IM{order[k]:05d}.dcm'
        ds.save_as(os.path.join(plain, name), write_like_original=False)
    names = sorted(os.listdir(plain))
    for i in range(0, len(names), 50):
        procs = [subprocess.Popen(['dcmcjpeg', '+e1', os.path.join(plain, n), os.path.join(jpeg, n)])
                 for n in names[i:i + 50]]
        for p in procs:
            if p.wait() != 0:
                raise SystemExit('dcmcjpeg failed')
    print(f'wrote {NZ} slices to {plain} and {jpeg}')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else '/tmp/ich-bench-dicom')
