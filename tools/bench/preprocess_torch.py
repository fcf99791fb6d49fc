#!/usr/bin/python3
"""PyTorch's time for the paper's preprocessing, to put beside `ich bench --preprocess`.

Run with Debian's python3 (torch 1.13), from anywhere:

    /usr/bin/python3 tools/bench/preprocess_torch.py [--runs 20] [--warmup 15] [--threads 2]

It builds the same 512 x 512 x 40 synthetic head as the Java benchmark (same formula: an
ellipsoid with skull and brain in noisy air; its own random noise), then times, with
torch.set_num_threads(threads):

  torch_preprocess_ms_median  the whole operation the Java benchmark times: bounding box of the
                              voxels above -500 HU, crop, clip to [40, 110], scale to [0, 1],
                              F.interpolate(size=(32, 224, 224), mode='trilinear',
                              align_corners=False)
  torch_resize_ms_median      clip + scale + F.interpolate alone, on the crop already cut
                              (PyTorch's best case: no bounding-box search)

Each also as *_cpu_ms_mean: process CPU time (all threads) per run, the mean over the timed
runs; steadier than wall time when other programs share the machine.
"""
import argparse
import statistics
import time

import numpy as np
import torch
import torch.nn.functional as F

NX, NY, NZ = 512, 512, 40
AIR_HU = -500.0
LOWER, UPPER = 40.0, 110.0
TARGET = (32, 224, 224)


def bench_head(seed):
    rng = np.random.default_rng(seed)
    k = ((np.arange(NZ) - 19.5) / 20.5)[:, None, None]
    j = ((np.arange(NY) - 246.0) / 225.0)[None, :, None]
    i = ((np.arange(NX) - 256.0) / 190.0)[None, None, :]
    r2 = i * i + j * j + k * k
    u = rng.random((NZ, NY, NX), dtype=np.float64)
    hu = np.where(r2 < 0.85, 20 + 40 * u, np.where(r2 < 1, 900 + 200 * u, -1010 + 20 * u))
    return np.ascontiguousarray(hu, dtype=np.float32)  # [k, j, i], i fastest like the Java volume


def bounding_box(t):
    above = t > AIR_HU
    kj = above.any(dim=2)  # [k, j]
    ki = above.any(dim=1)  # [k, i]
    ks = torch.nonzero(kj.any(dim=1)).flatten()
    js = torch.nonzero(kj.any(dim=0)).flatten()
    is_ = torch.nonzero(ki.any(dim=0)).flatten()
    return int(ks[0]), int(ks[-1]), int(js[0]), int(js[-1]), int(is_[0]), int(is_[-1])


def window_and_resize(crop):
    x = torch.clamp(crop, LOWER, UPPER).sub_(LOWER).div_(UPPER - LOWER)
    return F.interpolate(x[None, None], size=TARGET, mode="trilinear", align_corners=False)


def preprocess(t):
    k0, k1, j0, j1, i0, i1 = bounding_box(t)
    return window_and_resize(t[k0:k1 + 1, j0:j1 + 1, i0:i1 + 1])


def timed(fn, runs, warmup):
    """Wall-clock milliseconds of each timed run, and the mean process CPU milliseconds (all
    threads) over them, measured like the Java benchmark (total over the runs / runs)."""
    for _ in range(warmup):
        fn()
    ms = []
    c0 = time.process_time()
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        ms.append((time.perf_counter() - t0) * 1e3)
    return ms, (time.process_time() - c0) * 1e3 / runs


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--runs", type=int, default=20)
    p.add_argument("--warmup", type=int, default=15)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    t = torch.from_numpy(bench_head(a.seed))
    box = bounding_box(t)
    k0, k1, j0, j1, i0, i1 = box
    crop = t[k0:k1 + 1, j0:j1 + 1, i0:i1 + 1]
    print("bench preprocess (torch %s): %dx%dx%d synthetic head -> %s, %d threads, %d warm-up + %d timed runs"
          % (torch.__version__, NX, NY, NZ, "x".join(map(str, TARGET)), torch.get_num_threads(), a.warmup, a.runs))
    print("crop_box=[%d..%d]x[%d..%d]x[%d..%d]" % (i0, i1, j0, j1, k0, k1))
    with torch.no_grad():
        full, full_cpu = timed(lambda: preprocess(t), a.runs, a.warmup)
        resize, resize_cpu = timed(lambda: window_and_resize(crop), a.runs, a.warmup)
    print("torch_preprocess_ms_median=%.2f" % statistics.median(full))
    print("torch_preprocess_ms_min=%.2f" % min(full))
    print("torch_preprocess_cpu_ms_mean=%.2f" % full_cpu)
    print("torch_resize_ms_median=%.2f" % statistics.median(resize))
    print("torch_resize_ms_min=%.2f" % min(resize))
    print("torch_resize_cpu_ms_mean=%.2f" % resize_cpu)


if __name__ == "__main__":
    main()
