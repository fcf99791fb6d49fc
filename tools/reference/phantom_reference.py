#!/usr/bin/python3
"""Reference values for ich-phantom's tests (dev.ich.phantom).

Computed independently of the Java code, from the published definitions:
  * SplitMix64 (Steele, Lea, Flood 2014) outputs, and the stream derivation the generator documents;
  * the standard normal quantile (Python's statistics.NormalDist);
  * the cohort statistics implied by docs/phantoms.md: the truncated-normal distribution of the cube
    root of the volume mixed over the location classes, and the death rate of the outcome model,
    integrated numerically (no sampling).

Run with Debian's python: /usr/bin/python3 tools/reference/phantom_reference.py
It writes ich-phantom/src/test/resources/phantom/reference.properties.
"""
import math
import os
from statistics import NormalDist

import numpy as np

MASK = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix(z):
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def splitmix(seed, n):
    state = seed & MASK
    out = []
    for _ in range(n):
        state = (state + GOLDEN) & MASK
        out.append(mix(state))
    return out


def stream_seed(seed, stream_id):
    return mix((seed & MASK) ^ mix((stream_id * GOLDEN + 0x632BE59BD9B4E019) & MASK))


def signed(v):
    return v - (1 << 64) if v >= (1 << 63) else v


# The documented model (docs/phantoms.md).
CBRT_MEAN, CBRT_SD = 2.45, 0.85
MIN_ML, MAX_ML, MAX_INFRA_ML = 1.0, 120.0, 50.0
P_LOC = {"LOBAR": 0.35, "DEEP": 0.50, "INFRATENTORIAL": 0.15}
A, B, C_DEEP, C_INFRA, SIGMA = -8.2, 2.5, 0.7, 1.5, 0.6
LOC_TERM = {"LOBAR": 0.0, "DEEP": C_DEEP, "INFRATENTORIAL": C_INFRA}
N01 = NormalDist()


def cbrt_bounds(loc):
    return MIN_ML ** (1 / 3), (MAX_INFRA_ML if loc == "INFRATENTORIAL" else MAX_ML) ** (1 / 3)


def volume_cdf(v):
    """P(V <= v) for the default random-volume distribution (location mixture)."""
    total = 0.0
    c = v ** (1 / 3)
    for loc, p in P_LOC.items():
        lo, hi = cbrt_bounds(loc)
        a, b = N01.cdf((lo - CBRT_MEAN) / CBRT_SD), N01.cdf((hi - CBRT_MEAN) / CBRT_SD)
        x = min(max(c, lo), hi)
        total += p * (N01.cdf((x - CBRT_MEAN) / CBRT_SD) - a) / (b - a)
    return total


def volume_quantile(q):
    lo, hi = MIN_ML, MAX_ML
    for _ in range(200):
        mid = (lo + hi) / 2
        if volume_cdf(mid) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


# Gauss-Hermite quadrature over the unobserved term, a fine grid over the cube root.
GH_X, GH_W = np.polynomial.hermite_e.hermegauss(80)
GH_W = GH_W / GH_W.sum()


def death_given(cbrt_v, loc):
    logit = A + B * cbrt_v + LOC_TERM[loc]
    return float(np.sum(GH_W / (1 + np.exp(-(logit + SIGMA * GH_X)))))


def death_rate(loc):
    lo, hi = cbrt_bounds(loc)
    grid = np.linspace(lo, hi, 20001)
    dens = np.exp(-0.5 * ((grid - CBRT_MEAN) / CBRT_SD) ** 2)
    risk = np.array([0.0] * len(grid))
    logits = A + B * grid[:, None] + LOC_TERM[loc] + SIGMA * GH_X[None, :]
    risk = (GH_W[None, :] / (1 + np.exp(-logits))).sum(axis=1)
    return float(np.trapz(risk * dens, grid) / np.trapz(dens, grid))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "..", "..", "ich-phantom", "src", "test", "resources", "phantom", "reference.properties")
    lines = ["# Made by tools/reference/phantom_reference.py (Debian /usr/bin/python3, numpy " + np.__version__ + ")."]
    for seed in (0, 42, -7):
        values = splitmix(seed & MASK, 5)
        lines.append("splitmix.%d = %s" % (seed, ",".join(str(signed(v)) for v in values)))
    for seed, sid in ((0, 1), (42, 3), (-7, 5)):
        lines.append("stream.%d.%d = %d" % (seed, sid, signed(stream_seed(seed & MASK, sid))))
    for p in (1e-4, 0.01, 0.02425, 0.1, 0.3, 0.5, 0.77, 0.975, 0.999):
        lines.append("quantile.%r = %r" % (p, N01.inv_cdf(p)))
    for q in (0.05, 0.25, 0.5, 0.75, 0.95):
        lines.append("volume.q%02d = %r" % (round(q * 100), volume_quantile(q)))
    rates = {loc: death_rate(loc) for loc in P_LOC}
    for loc, r in rates.items():
        lines.append("death.%s = %r" % (loc, r))
    lines.append("death.all = %r" % sum(P_LOC[loc] * r for loc, r in rates.items()))
    for loc in P_LOC:
        lines.append("death.at20ml.%s = %r" % (loc, death_given(20 ** (1 / 3), loc)))
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
