#!/usr/bin/python3
"""Reference data for ich-core's preprocessing tests, computed with PyTorch.

Run with Debian's python3 (torch 1.13), from the repository root:

    /usr/bin/python3 tools/reference/make_preprocess_reference.py

It writes ich-core/src/test/resources/reference/preprocess/: raw little-endian float32 files
(*.f32) and manifest.properties, which names each case, its shapes and its files, so the Java
tests need no JSON or numpy parser. Everything is seeded, so a rerun gives the same bytes.

(a) interp.*   : F.interpolate(x, size, mode='trilinear', align_corners=False) on random inputs
                 in [0, 1): up- and down-sampling, odd sizes, size-1 axes, non-integer ratios.
(b) pipeline.* : the paper's preprocessing written out step by step in numpy/torch, on a small
                 synthetic head in HU on an oblique, anisotropic grid: bounding box of voxels
                 above the air threshold (+ margin, clamped), crop, clip to the window, scale to
                 [0, 1], F.interpolate to the target shape. The patient positions of a few
                 model-voxel centres are written too (computed here from the DICOM affine).
(c) full.*     : the same pipeline at the paper's 32x224x224 from a small input; 1.6 M values
                 are too many to commit, so a strided sample and the float64 sum are stored.
(d) antialias.*: the pipeline with the optional anti-aliasing: after the window,
                 scipy.ndimage.gaussian_filter(x, sigma, mode='nearest', truncate=4.0) with
                 sigma = max(0, (in / out - 1) / 2) per axis (scikit-image's rule), then the resize.
                 Needs Debian's python3-scipy.
(e) bone.*     : the pipeline with the optional bone suppression: after the crop and before the
                 window, voxels strictly above the bone threshold are set to the window's lower
                 bound (torch.where); with and without anti-aliasing.
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F
from scipy import ndimage

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                   "ich-core", "src", "test", "resources", "reference", "preprocess")
FULL_STRIDE = 97

manifest = []


def write_f32(name, array):
    data = np.ascontiguousarray(array, dtype="<f4")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data.tobytes())
    return name


def shape_str(shape):
    return "x".join(str(int(s)) for s in shape)


def interpolate(x, size):
    t = torch.from_numpy(np.ascontiguousarray(x, dtype=np.float32))[None, None]
    return F.interpolate(t, size=tuple(size), mode="trilinear", align_corners=False)[0, 0].numpy()


def interp_cases(rng):
    # (input D,H,W) -> (output D,H,W)
    cases = [
        ((4, 5, 6), (8, 10, 12)),      # up x2
        ((9, 11, 13), (4, 5, 6)),      # down, odd sizes
        ((7, 13, 10), (5, 16, 23)),    # mixed, non-integer ratios
        ((1, 6, 7), (3, 4, 9)),        # size-1 input axis
        ((5, 1, 8), (2, 3, 1)),        # size-1 input and output axes
        ((3, 4, 5), (3, 4, 5)),        # identity
        ((12, 30, 28), (7, 17, 19)),   # odd, non-integer downsampling
        ((2, 3, 3), (1, 1, 1)),        # down to one voxel
        ((6, 7, 5), (13, 3, 11)),      # up on some axes, down on another
        ((20, 40, 36), (16, 28, 28)),  # the paper's shape ratio, small
    ]
    for n, (src, dst) in enumerate(cases):
        x = rng.random(src, dtype=np.float32)
        y = interpolate(x, dst)
        key = "interp.%d" % n
        manifest.append("%s.in.shape=%s" % (key, shape_str(src)))
        manifest.append("%s.out.shape=%s" % (key, shape_str(dst)))
        manifest.append("%s.in.file=%s" % (key, write_f32(key + ".in.f32", x)))
        manifest.append("%s.out.file=%s" % (key, write_f32(key + ".out.f32", y)))
    manifest.append("interp.count=%d" % len(cases))


def synthetic_head(rng, nx, ny, nz):
    """HU volume, array order [k, j, i]: air with noise, an off-centre skull ellipsoid, brain,
    a bright blob, a dark ventricle, and a strip of head-rest below the head."""
    k, j, i = np.meshgrid(np.arange(nz), np.arange(ny), np.arange(nx), indexing="ij")
    cx, cy, cz = nx * 0.55, ny * 0.45, nz * 0.5
    r = np.sqrt(((i - cx) / (nx * 0.33)) ** 2 + ((j - cy) / (ny * 0.34)) ** 2 + ((k - cz) / (nz * 0.38)) ** 2)
    hu = -1000.0 + rng.normal(0, 15, size=r.shape)
    hu[r < 1.0] = 900.0 + rng.normal(0, 40, size=hu[r < 1.0].shape)           # skull
    brain = r < 0.85
    hu[brain] = 35.0 + rng.normal(0, 12, size=hu[brain].shape)                 # parenchyma
    blob = np.sqrt((i - cx - 3) ** 2 + (j - cy + 2) ** 2 + ((k - cz) * 2) ** 2) < 4
    hu[blob] = 70.0 + rng.normal(0, 5, size=hu[blob].shape)                    # haemorrhage
    vent = np.sqrt((i - cx + 3) ** 2 + (j - cy) ** 2 + ((k - cz) * 3) ** 2) < 2.5
    hu[vent] = 8.0                                                              # ventricle
    hu[:, ny - 3, 4:nx - 6] = -300.0                                           # head-rest strip
    return hu.astype(np.float32)


def bounding_box(hu, threshold, margin):
    above = hu > threshold
    box = []
    for axis in range(3):  # array axes k, j, i
        other = tuple(a for a in range(3) if a != axis)
        idx = np.nonzero(above.any(axis=other))[0]
        lo = max(int(idx[0]) - margin, 0)
        hi = min(int(idx[-1]) + margin, hu.shape[axis] - 1)
        box.append((lo, hi))
    return box  # [(k0,k1), (j0,j1), (i0,i1)] inclusive


def paper_pipeline(hu, window, threshold, margin, target, antialias=False, bone=None):
    (k0, k1), (j0, j1), (i0, i1) = bounding_box(hu, threshold, margin)
    crop = torch.from_numpy(hu[k0:k1 + 1, j0:j1 + 1, i0:i1 + 1].copy())
    lo, hi = window
    if bone is not None:
        crop = torch.where(crop > bone, torch.tensor(lo, dtype=crop.dtype), crop)
    x = (torch.clamp(crop, lo, hi) - lo) / (hi - lo)
    if antialias:
        sigma = [max(0.0, (n / t - 1) / 2) for n, t in zip(x.shape, target)]
        x = torch.from_numpy(ndimage.gaussian_filter(x.numpy(), sigma, mode="nearest", truncate=4.0))
    y = F.interpolate(x[None, None], size=tuple(target), mode="trilinear", align_corners=False)[0, 0]
    return y.numpy(), (i0, j0, k0, i1 - i0 + 1, j1 - j0 + 1, k1 - k0 + 1)


def oblique_geometry():
    """An oblique grid with a gantry-tilt-like shear: unit axes, spacing (0.45, 0.52, 5.0) mm."""
    a = np.deg2rad(20.0)
    b = np.deg2rad(-12.0)
    rz = np.array([[np.cos(a), -np.sin(a), 0], [np.sin(a), np.cos(a), 0], [0, 0, 1]])
    rx = np.array([[1, 0, 0], [0, np.cos(b), -np.sin(b)], [0, np.sin(b), np.cos(b)]])
    rot = rz @ rx
    axis_i, axis_j = rot[:, 0], rot[:, 1]
    axis_k = rot[:, 2] + 0.15 * rot[:, 1]
    axis_k = axis_k / np.linalg.norm(axis_k)
    spacing = np.array([0.45, 0.52, 5.0])
    origin = np.array([-61.5, -88.25, 33.0])
    return spacing, origin, axis_i, axis_j, axis_k


def pipeline_case(key, rng, dims, target, threshold, margin, full=False, antialias=False, bone=None):
    nx, ny, nz = dims
    hu = synthetic_head(rng, nx, ny, nz)
    window = (40.0, 110.0)
    y, box = paper_pipeline(hu, window, threshold, margin, target, antialias, bone)
    spacing, origin, ai, aj, ak = oblique_geometry()
    manifest.append("%s.source.dims=%d,%d,%d" % (key, nx, ny, nz))
    manifest.append("%s.source.spacing=%r,%r,%r" % ((key,) + tuple(float(s) for s in spacing)))
    manifest.append("%s.source.origin=%r,%r,%r" % ((key,) + tuple(float(s) for s in origin)))
    for name, axis in (("axisI", ai), ("axisJ", aj), ("axisK", ak)):
        manifest.append("%s.source.%s=%r,%r,%r" % ((key, name) + tuple(float(s) for s in axis)))
    manifest.append("%s.window=%r,%r" % (key, window[0], window[1]))
    manifest.append("%s.airThreshold=%r" % (key, threshold))
    manifest.append("%s.margin=%d" % (key, margin))
    manifest.append("%s.target=%s" % (key, shape_str(target)))
    if bone is not None:
        manifest.append("%s.antialias=%s" % (key, "true" if antialias else "false"))
        manifest.append("%s.bone=%r" % (key, bone))
    manifest.append("%s.crop=%d,%d,%d,%d,%d,%d" % ((key,) + box))
    manifest.append("%s.hu.file=%s" % (key, write_f32(key + ".hu.f32", hu)))
    if full:
        flat = y.reshape(-1)
        manifest.append("%s.sample.stride=%d" % (key, FULL_STRIDE))
        manifest.append("%s.sample.file=%s" % (key, write_f32(key + ".sample.f32", flat[::FULL_STRIDE])))
        manifest.append("%s.sum=%r" % (key, float(flat.astype(np.float64).sum())))
    else:
        manifest.append("%s.out.file=%s" % (key, write_f32(key + ".out.f32", y)))
    # Patient (LPS) positions of some model-voxel centres, from the DICOM affine and PyTorch's
    # align_corners=False convention: source index = crop start + (m + 0.5) * in / out - 0.5.
    i0, j0, k0, ni, nj, nk = box
    d_out, h_out, w_out = target
    m = np.column_stack([spacing[0] * ai, spacing[1] * aj, spacing[2] * ak])
    points = []
    for (d, h, w) in ((0, 0, 0), (d_out - 1, h_out - 1, w_out - 1), (d_out // 2, 1, w_out - 2), (1, h_out // 3, 0)):
        src = np.array([i0 + (w + 0.5) * ni / w_out - 0.5,
                        j0 + (h + 0.5) * nj / h_out - 0.5,
                        k0 + (d + 0.5) * nk / d_out - 0.5])
        p = origin + m @ src
        points.append("%d,%d,%d,%r,%r,%r" % (d, h, w, float(p[0]), float(p[1]), float(p[2])))
    manifest.append("%s.positions=%s" % (key, ";".join(points)))


def main():
    if not torch.__version__.startswith("1.13"):
        print("warning: made for torch 1.13, running %s" % torch.__version__, file=sys.stderr)
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    rng = np.random.default_rng(20230217)
    manifest.append("# Made by tools/reference/make_preprocess_reference.py with torch %s, numpy %s"
                    % (torch.__version__, np.__version__))
    interp_cases(rng)
    pipeline_case("pipeline.0", rng, (48, 40, 14), (8, 28, 28), -500.0, 0)
    pipeline_case("pipeline.1", rng, (37, 45, 9), (12, 20, 17), -500.0, 2)
    pipeline_case("pipeline.2", rng, (30, 26, 6), (10, 16, 16), -200.0, 1)
    manifest.append("pipeline.count=3")
    pipeline_case("full.0", rng, (40, 36, 12), (32, 224, 224), -500.0, 0, full=True)
    # after the cases above, so their random draws (and files) stay as they were
    pipeline_case("antialias.0", rng, (96, 80, 10), (6, 20, 16), -500.0, 0, antialias=True)
    pipeline_case("antialias.1", rng, (64, 70, 12), (5, 10, 13), -500.0, 1, antialias=True)
    pipeline_case("antialias.2", rng, (48, 40, 14), (16, 56, 56), -500.0, 0, antialias=True)
    manifest.append("antialias.count=3")
    pipeline_case("bone.0", rng, (48, 40, 14), (8, 28, 28), -500.0, 0, bone=150.0)
    pipeline_case("bone.1", rng, (96, 80, 10), (6, 20, 16), -500.0, 1, antialias=True, bone=150.0)
    pipeline_case("bone.2", rng, (48, 40, 14), (16, 56, 56), -500.0, 0, antialias=True, bone=400.0)
    manifest.append("bone.count=3")
    with open(os.path.join(OUT, "manifest.properties"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
