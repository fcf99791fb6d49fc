#!/usr/bin/env python3
"""Breaks five studies of a phantom archive, each in a different way a real archive does.

Usage: plant_broken_studies.py <folder of study folders>

Takes the studies at 5 %, 25 %, 45 %, 65 % and 85 % of the folder's name order and
 - cuts a slice file of the first to two thirds of its length (a transfer that stopped),
 - rewrites the Modality of the second as MR (not a CT),
 - empties the third (a folder without files),
 - replaces every file of the fourth with text (not DICOM),
 - removes two slices from the middle of the fifth (a series with a gap).
Prints each broken study's name and what was done to it. Standard library only.
"""
import os
import sys

MODALITY_CT = bytes([0x08, 0x00, 0x60, 0x00]) + b"CS" + bytes([0x02, 0x00]) + b"CT"


def files(study):
    return sorted(os.path.join(study, f) for f in os.listdir(study))


def truncate(study):
    f = files(study)[len(files(study)) // 2]
    data = open(f, "rb").read()
    open(f, "wb").write(data[: len(data) * 2 // 3])
    return "a slice file cut to two thirds"


def modality_mr(study):
    for f in files(study):
        data = bytearray(open(f, "rb").read())
        at = data.find(MODALITY_CT)
        if at < 0:
            sys.exit(f"{f}: no explicit-VR Modality CT element")
        data[at + 8 : at + 10] = b"MR"
        open(f, "wb").write(data)
    return "Modality rewritten as MR"


def empty(study):
    for f in files(study):
        os.remove(f)
    return "every file removed"


def not_dicom(study):
    for f in files(study):
        open(f, "w").write("not a DICOM file\n")
    return "every file replaced by text"


def gap(study):
    fs = files(study)
    for f in fs[len(fs) // 2 : len(fs) // 2 + 2]:
        os.remove(f)
    return "two middle slices removed"


def main():
    folder = sys.argv[1]
    studies = sorted(d for d in os.listdir(folder) if not d.startswith("."))
    damage = [truncate, modality_mr, empty, not_dicom, gap]
    for k, act in enumerate(damage):
        name = studies[len(studies) * (1 + 4 * k) // 20]
        print(f"{name}: {act(os.path.join(folder, name))}")


if __name__ == "__main__":
    main()
