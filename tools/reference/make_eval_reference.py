#!/usr/bin/python3
"""Expected values for ich-eval's metric tests, computed with scikit-learn, SciPy and NumPy.

Run with Debian's python (scikit-learn 1.2.1, SciPy 1.10, NumPy 1.24):

    /usr/bin/python3 tools/reference/make_eval_reference.py

It writes ich-eval/src/test/resources/reference/eval_reference.json. Small inputs are stored in the
file; large ones (n = 10 000) are described by a SplitMix64 generator spec ({"gen": ...}) that the
Java test reproduces bit for bit (only +, -, *, / and floor on doubles, no transcendental function,
so both sides get identical inputs).

References:
  * roc_curve (drop_intermediate True and False), roc_auc_score, confusion_matrix, accuracy_score,
    precision/recall/f1_score, balanced_accuracy_score, brier_score_loss, calibration_curve
    (uniform), mean_absolute_error, mean_squared_error, mean_absolute_percentage_error (x 100):
    scikit-learn.
  * Pearson r: scipy.stats.pearsonr.
  * DeLong: straight from DeLong et al. (1988), NOT the fast mid-rank algorithm the Java code uses:
    psi(x, y) = 1 if x > y, 1/2 if x == y, 0 otherwise over all positive/negative pairs;
    V10_i = mean_j psi(X_i, Y_j), V01_j = mean_i psi(X_i, Y_j); S10, S01 sample (ddof=1)
    covariance matrices over models; Var = S10/m + S01/n; z = (A - B)/sqrt(var); p = 2 sf(|z|);
    CI = auc +- norm.ppf(0.975) sqrt(var), clipped to [0, 1] as pROC does.
  * Lin's CCC: 2 s_xy / (s_x^2 + s_y^2 + (mean_x - mean_y)^2) with population (1/n) moments.
  * Bland-Altman: bias = mean(pred - true), sd with ddof=1, limits bias -+ 1.96 sd.
  * Wilson score interval: the textbook formula with z = norm.ppf(1 - alpha/2).
  * Youden: thresholds[argmax(tpr - fpr)] on roc_curve(..., drop_intermediate=False).
"""
import json
import math
import os

import numpy as np
import scipy.stats
import sklearn
from sklearn.calibration import calibration_curve
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, brier_score_loss, confusion_matrix,
                             f1_score, mean_absolute_error, mean_absolute_percentage_error,
                             mean_squared_error, precision_score, recall_score, roc_auc_score, roc_curve)

MASK = (1 << 64) - 1
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "ich-eval", "src", "test", "resources", "reference",
                   "eval_reference.json")


def splitmix(seed):
    """SplitMix64 uniform doubles in [0, 1): (z >> 11) * 2^-53, as dev.ich.eval.metrics.SplitMix64 in the tests."""
    state = seed & MASK
    while True:
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z ^= z >> 31
        yield (z >> 11) * 2.0 ** -53


def gen_prognosis(seed, n):
    """Labels positive with probability 0.3; scores on a 1/1000 grid (many ties), shifted up for positives."""
    rng = splitmix(seed)
    labels, scores = [], []
    for _ in range(n):
        label = 1 if next(rng) < 0.3 else 0
        score = math.floor((0.35 * label + 0.65 * next(rng)) * 1000.0) / 1000.0
        labels.append(label)
        scores.append(score)
    return np.array(labels), np.array(scores)


def gen_prognosis_pair(seed, n):
    """Two correlated models on the same cases: B = A's signal plus independent noise."""
    rng = splitmix(seed)
    labels, a, b = [], [], []
    for _ in range(n):
        label = 1 if next(rng) < 0.4 else 0
        common = next(rng)
        a.append(math.floor((0.3 * label + 0.7 * common) * 100.0) / 100.0)
        b.append(math.floor((0.2 * label + 0.5 * common + 0.3 * next(rng)) * 100.0) / 100.0)
        labels.append(label)
    return np.array(labels), np.array(a), np.array(b)


def gen_volume(seed, n):
    """True volumes 0.5..100.5 ml (skewed like ICH volumes); predictions with multiplicative and additive error."""
    rng = splitmix(seed)
    t, p = [], []
    for _ in range(n):
        u = next(rng)
        true = 0.5 + 100.0 * u * u
        pred = true * (0.7 + 0.6 * next(rng)) + 5.0 * (next(rng) - 0.5)
        t.append(true)
        p.append(pred)
    return np.array(t), np.array(p)


def fl(a):
    return [float(x) for x in a]


def wilson(successes, trials, level=0.95):
    z = scipy.stats.norm.ppf(1 - (1 - level) / 2)
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return [centre - half, centre + half]


def delong_reference(labels, models, level=0.95):
    labels = np.asarray(labels)
    pos = labels == 1
    m, n = int(pos.sum()), int((~pos).sum())
    v10, v01, aucs = [], [], []
    for s in models:
        x = np.asarray(s, dtype=float)[pos]
        y = np.asarray(s, dtype=float)[~pos]
        psi = (x[:, None] > y[None, :]).astype(float) + 0.5 * (x[:, None] == y[None, :])
        v10.append(psi.mean(axis=1))
        v01.append(psi.mean(axis=0))
        aucs.append(psi.mean())
    s10 = np.atleast_2d(np.cov(np.array(v10), ddof=1))
    s01 = np.atleast_2d(np.cov(np.array(v01), ddof=1))
    cov = s10 / m + s01 / n
    q = scipy.stats.norm.ppf(1 - (1 - level) / 2)
    return aucs, cov, q


def prognosis_case(name, labels, scores, spec=None, threshold=0.5, bins=10):
    labels = np.asarray(labels)
    scores = np.asarray(scores, dtype=float)
    case = {"name": name, "threshold": threshold, "bins": bins}
    if spec is None:
        case["labels"] = [int(v) for v in labels]
        case["scores"] = fl(scores)
    else:
        case["gen"] = spec
    pred = (scores > threshold).astype(int)
    tn, fp, fn, tp = confusion_matrix(labels, pred, labels=[0, 1]).ravel()
    case["confusion"] = {"tn": int(tn), "fp": int(fp), "fn": int(fn), "tp": int(tp)}
    case["accuracy"] = float(accuracy_score(labels, pred))
    both = 0 < labels.sum() < len(labels)
    if tp + fp > 0:
        case["precision"] = float(precision_score(labels, pred))
    if tp + fn > 0:
        case["recall"] = float(recall_score(labels, pred))
        case["f1"] = float(f1_score(labels, pred))
    if tn + fp > 0:
        case["specificity"] = float(recall_score(labels, pred, pos_label=0))
    if tn + fn > 0:
        case["npv"] = float(precision_score(labels, pred, pos_label=0))
    if both:
        case["balanced_accuracy"] = float(balanced_accuracy_score(labels, pred))
    case["wilson_accuracy"] = wilson(int(tp + tn), len(labels))
    case["brier"] = float(brier_score_loss(labels, scores))
    prob_true, prob_pred = calibration_curve(labels, scores, n_bins=bins, strategy="uniform")
    case["calibration"] = {"prob_true": fl(prob_true), "prob_pred": fl(prob_pred)}
    if both:
        f, r, t = roc_curve(labels, scores)
        case["roc"] = {"thresholds": fl(t), "fpr": fl(f), "tpr": fl(r)}
        f, r, t = roc_curve(labels, scores, drop_intermediate=False)
        case["roc_full"] = {"thresholds": fl(t), "fpr": fl(f), "tpr": fl(r)}
        best = int(np.argmax(r - f))
        case["youden"] = {"threshold": float(t[best]), "sensitivity": float(r[best]),
                          "specificity": float(1 - f[best])}
        case["auc"] = float(roc_auc_score(labels, scores))
        if labels.sum() >= 2 and (len(labels) - labels.sum()) >= 2:
            aucs, cov, q = delong_reference(labels, [scores])
            var = float(cov[0, 0])
            half = q * math.sqrt(var)
            case["delong"] = {"auc": float(aucs[0]), "variance": var,
                              "lower": max(0.0, aucs[0] - half), "upper": min(1.0, aucs[0] + half)}
    return case


def delong_pair(name, labels, a, b, spec=None):
    aucs, cov, q = delong_reference(labels, [a, b])
    diff = aucs[0] - aucs[1]
    var = float(cov[0, 0] + cov[1, 1] - 2 * cov[0, 1])
    z = diff / math.sqrt(var)
    case = {"name": name, "auc_a": float(aucs[0]), "auc_b": float(aucs[1]), "difference": float(diff),
            "variance": var, "z": float(z), "p": float(2 * scipy.stats.norm.sf(abs(z))),
            "lower": float(diff - q * math.sqrt(var)), "upper": float(diff + q * math.sqrt(var)),
            "sklearn_auc_a": float(roc_auc_score(labels, a)), "sklearn_auc_b": float(roc_auc_score(labels, b))}
    if spec is None:
        case.update({"labels": [int(v) for v in labels], "a": fl(a), "b": fl(b)})
    else:
        case["gen"] = spec
    return case


def volume_case(name, t, p, spec=None):
    t = np.asarray(t, dtype=float)
    p = np.asarray(p, dtype=float)
    d = p - t
    bias = float(np.mean(d))
    sd = float(np.std(d, ddof=1))
    cov = np.cov(t, p, bias=True)
    ccc = 2 * cov[0, 1] / (cov[0, 0] + cov[1, 1] + (t.mean() - p.mean()) ** 2)
    case = {"name": name,
            "mae": float(mean_absolute_error(t, p)), "mse": float(mean_squared_error(t, p)),
            "rmse": float(math.sqrt(mean_squared_error(t, p))),
            "mape": float(mean_absolute_percentage_error(t, p) * 100.0),
            "mean_bias": bias, "sd_difference": sd, "loa_lower": bias - 1.96 * sd, "loa_upper": bias + 1.96 * sd,
            "pearson_r": float(scipy.stats.pearsonr(t, p)[0]), "ccc": float(ccc)}
    if spec is None:
        case.update({"true": fl(t), "pred": fl(p)})
    else:
        case["gen"] = spec
    return case


def main():
    rng = np.random.default_rng(20230217)
    prognosis = []
    y = (rng.random(200) < 0.35).astype(int)
    s = np.clip(0.25 * y + 0.75 * rng.random(200), 0, 1)
    prognosis.append(prognosis_case("random_200", y, s))
    y = (rng.random(300) < 0.5).astype(int)
    s = np.round(np.clip(0.2 * y + 0.8 * rng.random(300), 0, 1), 1)
    prognosis.append(prognosis_case("heavy_ties_300", y, s))
    y = (rng.random(60) < 0.5).astype(int)
    s = rng.choice([0.25, 0.5, 0.5, 0.5, 0.75], size=60) + 0.0
    s[y == 1] = np.where(rng.random(int(y.sum())) < 0.5, 0.5, s[y == 1])
    prognosis.append(prognosis_case("exactly_half_60", y, s))
    prognosis.append(prognosis_case("exactly_half_threshold_0.25", y, s, threshold=0.25, bins=4))
    prognosis.append(prognosis_case("tiny_2", [0, 1], [0.3, 0.7]))
    prognosis.append(prognosis_case("tiny_3_tied", [1, 0, 1], [0.5, 0.5, 0.9]))
    prognosis.append(prognosis_case("tiny_4", [0, 1, 0, 1], [0.1, 0.4, 0.35, 0.8]))
    prognosis.append(prognosis_case("perfect_separation", [0, 0, 0, 1, 1, 1], [0.0, 0.1, 0.2, 0.8, 0.9, 1.0]))
    prognosis.append(prognosis_case("all_tied", [0, 1, 0, 1, 1], [0.5, 0.5, 0.5, 0.5, 0.5]))
    prognosis.append(prognosis_case("inverted", [1, 1, 0, 0, 1, 0], [0.1, 0.2, 0.6, 0.9, 0.3, 0.55]))
    prognosis.append(prognosis_case("edges_on_bins", [0, 1, 0, 1, 0, 1, 1, 0],
                                    [0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 0.6], bins=5))
    spec = {"seed": 7, "n": 10000, "kind": "prognosis"}
    y, s = gen_prognosis(7, 10000)
    prognosis.append(prognosis_case("large_10000", y, s, spec=spec))

    pairs = []
    y = (rng.random(150) < 0.4).astype(int)
    common = rng.random(150)
    a = 0.3 * y + 0.7 * common
    b = 0.15 * y + 0.55 * common + 0.3 * rng.random(150)
    pairs.append(delong_pair("random_150", y, a, b))
    pairs.append(delong_pair("ties_150", y, np.round(a, 1), np.round(b, 1)))
    pairs.append(delong_pair("tiny_5", [0, 1, 0, 1, 1], [0.2, 0.6, 0.4, 0.9, 0.3], [0.1, 0.5, 0.6, 0.7, 0.2]))
    y, a, b = gen_prognosis_pair(11, 10000)
    pairs.append(delong_pair("large_10000", y, a, b, spec={"seed": 11, "n": 10000, "kind": "pair"}))

    volume = []
    t = np.exp(rng.normal(2.5, 1.0, 120))
    p = t * rng.normal(1.0, 0.25, 120) + rng.normal(0, 2, 120)
    volume.append(volume_case("random_120", t, p))
    volume.append(volume_case("tiny_2", [10.0, 20.0], [12.0, 17.0]))
    volume.append(volume_case("tiny_3", [1.5, 40.0, 7.25], [2.0, 35.5, 9.0]))
    volume.append(volume_case("large_offset", 1e6 + t, 1e6 + p))
    volume.append(volume_case("large_10000", *gen_volume(5, 10000), spec={"seed": 5, "n": 10000, "kind": "volume"}))

    out = {"generated_by": "tools/reference/make_eval_reference.py",
           "versions": {"sklearn": sklearn.__version__, "scipy": scipy.__version__, "numpy": np.__version__},
           "prognosis": prognosis, "delong_pairs": pairs, "volume": volume}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", os.path.normpath(OUT), os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
