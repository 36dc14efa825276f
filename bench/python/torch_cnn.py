#!/usr/bin/env python3
"""PyTorch eager peer for bench/src/explainThroughput.ts: the study's 1-D CNN of the given
geometry (random weights; only speed is measured), timed at batch 1 and a large batch.

Run with Debian's python (python3-torch): /usr/bin/python3 bench/python/torch_cnn.py < geometry.json
Request: {"p", "classes", "layers": [{"filters","kernel","stride","padBefore","padAfter"}], "threads",
"batches": [..], "seconds"}. Answer: {"torch": version, "results": [{"batch", "spectraPerSecond", "msPerBatch"}]}.
"""
import json
import sys
import time

import torch
import torch.nn.functional as F


def main():
    req = json.load(sys.stdin)
    torch.manual_seed(0)
    torch.set_num_threads(req["threads"])
    layers = []
    channels = 1
    for layer in req["layers"]:
        conv = torch.nn.Conv1d(channels, layer["filters"], layer["kernel"], stride=layer["stride"])
        layers.append((conv, layer["padBefore"], layer["padAfter"]))
        channels = layer["filters"]
    dense = torch.nn.Linear(channels, req["classes"])

    def forward(x):
        x = x.unsqueeze(1)
        for conv, before, after in layers:
            x = F.relu(conv(F.pad(x, (before, after))))
        return torch.softmax(dense(x.mean(dim=2)), dim=1)

    results = []
    with torch.inference_mode():
        for batch in req["batches"]:
            x = torch.rand(batch, req["p"])
            for _ in range(3):
                forward(x)
            # Per-call times, reported by their median: calls here fall into a fast and a slow
            # mode (about 120 and 230 ms at batch 256, oneDNN's convolutions being 84 % of the
            # time), which a mean over a fixed duration mixes in varying proportions.
            times, start = [], time.perf_counter()
            while not times or time.perf_counter() - start < req["seconds"]:
                t = time.perf_counter()
                forward(x)
                times.append(time.perf_counter() - t)
            times.sort()
            median = times[len(times) // 2]
            results.append({
                "batch": batch, "spectraPerSecond": batch / median, "msPerBatch": 1000 * median,
                "fastestMsPerBatch": 1000 * times[0], "calls": len(times),
            })
    json.dump({"torch": torch.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
