#!/usr/bin/env python3
"""numpy peer for bench/src/readerSpeed.ts: reads a CSV with spectra as rows (a header row, then
`skip` text columns and the values) with numpy.loadtxt, and reports the best of `repeats` reads.

Run with Debian's python: /usr/bin/python3 bench/python/loadtxt_peer.py PATH SKIP REPEATS
Answer (stdout, JSON): {"numpy": version, "seconds": best, "spectra": rows, "variables": columns}.
"""
import json
import sys
import time

import numpy as np


def main():
    path, skip, repeats = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    with open(path, encoding="utf-8") as f:
        width = len(f.readline().rstrip("\n").split(","))
    best, shape = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        values = np.loadtxt(path, delimiter=",", skiprows=1, usecols=range(skip, width), dtype=np.float64)
        best = min(best, time.perf_counter() - start)
        shape = values.shape
    json.dump({"numpy": np.__version__, "seconds": best, "spectra": shape[0], "variables": shape[1]}, sys.stdout)


if __name__ == "__main__":
    main()
