#!/usr/bin/python3
"""PyTorch peer of bench/src/trainingSpeed.ts: the same network, geometry, data, batch size and
thread count, timed per epoch on the CPU.

Run (the bench does this itself): /usr/bin/python3 bench/peers/torch_epoch.py CASE.json
CASE.json: {"data": "x.f32", "labels": "y.i32", "n": .., "p": .., "classes": .., "kernels": [..],
"strides": [..], "padding": "same", "batchSize": 32, "l2": .., "lr": .., "epochs": 3, "threads": 1}
Prints one JSON line: {"torch": version, "threads": n, "epochSeconds": [...], "epochCpuSeconds": [...]}.
Needs Debian's python3-torch and python3-numpy.
"""
import json
import math
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

case = json.load(open(sys.argv[1]))
# threads 0: PyTorch's own default (one per core), the peer at its standard setting.
if case["threads"] > 0:
    torch.set_num_threads(case["threads"])
torch.manual_seed(1)
n, p, C = case["n"], case["p"], case["classes"]
x = torch.from_numpy(np.fromfile(case["data"], dtype=np.float32).reshape(n, 1, p))
y = torch.from_numpy(np.fromfile(case["labels"], dtype=np.int32).astype(np.int64))


class Net(torch.nn.Module):
    """Conv1/2/3 (16/32/64, ReLU), TensorFlow-style 'same' padding (odd pad after), GAP, dense."""

    def __init__(self):
        super().__init__()
        chans = [1, 16, 32, 64]
        self.convs = torch.nn.ModuleList(
            torch.nn.Conv1d(chans[i], chans[i + 1], case["kernels"][i], case["strides"][i]) for i in range(3)
        )
        self.fc = torch.nn.Linear(64, C)

    def forward(self, t):
        for conv in self.convs:
            if case["padding"] == "same":
                k, s, L = conv.kernel_size[0], conv.stride[0], t.shape[-1]
                out = math.ceil(L / s)
                total = max((out - 1) * s + k - L, 0)
                t = F.pad(t, (total // 2, total - total // 2))
            t = F.relu(conv(t))
        return self.fc(t.mean(-1))


net = Net()
opt = torch.optim.Adam(net.parameters(), lr=case["lr"])
kernels = [c.weight for c in net.convs] + [net.fc.weight]
g = torch.Generator().manual_seed(1)
walls, cpus = [], []
for epoch in range(case["epochs"] + 1):  # the first epoch warms up and is not reported
    w0, c0 = time.perf_counter(), time.process_time()
    order = torch.randperm(n, generator=g)
    for start in range(0, n, case["batchSize"]):
        rows = order[start : start + case["batchSize"]]
        opt.zero_grad()
        loss = F.cross_entropy(net(x[rows]), y[rows]) + case["l2"] * sum((w * w).sum() for w in kernels)
        loss.backward()
        opt.step()
    if epoch > 0:
        walls.append(time.perf_counter() - w0)
        cpus.append(time.process_time() - c0)
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "epochSeconds": walls, "epochCpuSeconds": cpus}))
