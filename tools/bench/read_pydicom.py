#!/usr/bin/python3
"""Times pydicom + numpy reading a DICOM series folder into an HU volume (the same work as
`ich bench --dicom`): read every file, decode the pixels, apply Rescale Slope/Intercept, sort by
ImagePositionPatient along the slice normal, stack into one float32 array.

    /usr/bin/python3 tools/bench/read_pydicom.py /tmp/ich-bench-dicom/uncompressed [runs]

JPEG Lossless needs a pydicom pixel handler (Debian: python3-gdcm). Prints name=value lines.
"""
import os
import resource
import sys
import time
import tracemalloc

import numpy as np
import pydicom


def read_series(folder):
    slices = []
    for name in os.listdir(folder):
        ds = pydicom.dcmread(os.path.join(folder, name))
        hu = ds.pixel_array.astype(np.float32) * float(ds.RescaleSlope) + float(ds.RescaleIntercept)
        slices.append((ds, hu))
    iop = np.array([float(v) for v in slices[0][0].ImageOrientationPatient])
    normal = np.cross(iop[:3], iop[3:])
    slices.sort(key=lambda s: float(np.dot(normal, [float(v) for v in s[0].ImagePositionPatient])))
    return np.stack([s[1] for s in slices])


def main(folder, runs):
    times = []
    vol = None
    for _ in range(runs):
        t0 = time.perf_counter()
        vol = read_series(folder)
        times.append(time.perf_counter() - t0)
    tracemalloc.start()
    read_series(folder)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pixel_mb = vol.size * 2 / 1e6
    med = float(np.median(times))
    print(f'bench pydicom {pydicom.__version__} numpy {np.__version__}: {folder}, '
          f'{vol.shape[2]}x{vol.shape[1]}x{vol.shape[0]}, {runs} runs')
    print(f'read_s_median={med:.3f}')
    print(f'pixel_mb={pixel_mb:.1f}')
    print(f'throughput_mb_s={pixel_mb / med:.1f}')
    print(f'hu_array_mb={vol.nbytes / 1048576:.1f}')
    print(f'peak_traced_mb={peak / 1048576:.1f}')
    print(f'max_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f}')


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3)
