#!/usr/bin/python3
"""Measures how far dcm2niix's tilt-corrected output lies from ich's exact (sheared) affine.

    /usr/bin/python3 tools/reference/measure_tilt_vs_dcm2niix.py [tilt_degrees] [slices]

Writes a signed 16-bit CT series (512 x 512, 0.5 mm pixels, 2.5 mm slices along the gantry axis,
GantryDetectorTilt set) to a temporary folder, converts it with dcm2niix, and prints, for each
NIfTI dcm2niix writes, the largest distance between the patient position its affine gives a
corner voxel and the one the DICOM headers give the same voxel (what ich's affine gives).
Nothing is committed: the figures are quoted in docs/dicom.md.
"""
import glob
import importlib.util
import os
import subprocess
import sys
import tempfile

import nibabel as nib
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location('corpus', os.path.join(HERE, 'make_dicom_corpus.py'))
corpus = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corpus)


def write_series(folder, tilt_deg, nz, n=512, ps=0.5, dz=2.5):
    tilt = np.radians(tilt_deg)
    series = corpus.uid('tilt', tilt_deg, nz)
    rng = np.random.default_rng(1)
    positions = []
    for k in range(nz):
        # Slices stacked along the gantry axis: each slice shifted along y by dz * tan(tilt).
        ipp = (-n * ps / 2, -n * ps / 2 - k * dz * np.tan(tilt), 10.0 + k * dz)
        positions.append(ipp)
        ds = corpus.base_dataset(series, corpus.uid('tilt', tilt_deg, nz, k), k)
        ds.Manufacturer = 'GE MEDICAL SYSTEMS'
        corpus.set_pixels(ds, rng.integers(-1000, 100, size=(n, n)), signed=True)
        corpus.set_geometry(ds, ipp, (1, 0, 0, 0, 1, 0), (ps, ps))
        ds.SliceThickness = f'{dz:g}'
        ds.GantryDetectorTilt = f'{tilt_deg:g}'
        ds.RescaleIntercept, ds.RescaleSlope = '0', '1'
        ds.save_as(os.path.join(folder, f'{k:03d}.dcm'), write_like_original=False)
    return np.array(positions), n, ps


def main():
    tilt = float(sys.argv[1]) if len(sys.argv) > 1 else 15.0
    nz = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    with tempfile.TemporaryDirectory() as t:
        src, out = os.path.join(t, 'dicom'), os.path.join(t, 'nii')
        os.makedirs(src)
        os.makedirs(out)
        ipp, n, ps = write_series(src, tilt, nz)
        log = subprocess.run(['dcm2niix', '-z', 'n', '-b', 'n', '-f', 'out', '-o', out, src],
                             capture_output=True, text=True).stdout
        # ich's affine (LPS, DICOM voxel order): exact to the headers.
        exact = np.column_stack([[ps, 0, 0], [0, ps, 0], (ipp[-1] - ipp[0]) / (nz - 1), ipp[0]])
        corners = np.array([[i, j, k] for i in (0, n - 1) for j in (0, n - 1) for k in (0, nz - 1)], float)
        for f in sorted(glob.glob(os.path.join(out, '*.nii'))):
            img = nib.load(f)
            lps = np.diag([-1, -1, 1, 1]) @ img.affine
            # dcm2niix reverses the rows: its voxel (i, n-1-j, k) is DICOM voxel (i, j, k).
            theirs = [(lps @ [c[0], n - 1 - c[1], c[2], 1])[:3] for c in corners]
            ours = [exact @ [c[0], c[1], c[2], 1] for c in corners]
            worst = max(np.linalg.norm(a - b) for a, b in zip(theirs, ours))
            print(f'{os.path.basename(f)} {img.shape}: corner voxels up to {worst:.1f} mm from the header positions')
        print('\n'.join(line for line in log.splitlines() if 'ilt' in line))


if __name__ == '__main__':
    main()
