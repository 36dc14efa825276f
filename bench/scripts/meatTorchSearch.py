#!/usr/bin/env python3
"""Fast hyperparameter search for meat in PyTorch, laid out like `spectracam evaluate`.

A PyTorch copy of the TypeScript trainer (Keras 'same' padding, He-normal conv / Glorot-uniform
dense init, Adam eps 1e-7, loss = mean cross-entropy + l2 * sum ||kernel||^2, seeded shuffles,
early stopping on validation loss with the best weights restored) on the SAME group-aware
partitions as bench/src/meatSweep.ts (partition k = splitDataset(group-aware, seed k)). PyTorch
trains this small network much faster than tfjs-wasm, so settings are screened here and the
winner is then ported to trainer/src/train/ and checked with `npm run bench:meat-sweep`.

Run from /work/main with Debian's python (torch 1.13), one thread:
  /usr/bin/python3 bench/scripts/meatTorchSearch.py --splits /tmp/meat-sweep-splits \
      --partitions 0,1,2,3,4,5 --repeats 1,2,3 --configs '[{}, {"kernels": [31, 15, 7]}]'
The split files (column,split per spectrum) are written by `npm run bench:meat-sweep -w bench`
(to /tmp/meat-sweep-splits/p<k>.csv). Prints one JSON line per config: mean test accuracy per
partition, misclassified test spectra, epochs and seconds per run.
"""
import argparse
import csv
import json
import math
import time

import numpy as np
import torch
import torch.nn.functional as F

MEAT = '../shared/data/fresh-meat-ftir/FreshMeatFTIR.csv'

DEFAULTS = dict(
    kernels=[31, 15, 7], strides=[4, 4, 2], lr=0.005, batch=16, epochs=300, patience=40, l2=1e-3,
    restore='loss',  # 'loss' | 'last' | 'smooth' (validation loss smoothed over `smooth` epochs)
    smooth=1, noise=0.0, cosine=False, warmup=0, ema=0.0, swa_from=0, label_smoothing=0.0,
    mult=0.0, add=0.0, slope=0.0, shift=0, mixup=0.0, preprocess='minmax-variable', bias_init=0.0,
    weight_decay=0.0, fixed_epochs=0, full_batch=False, padding='same', clip=0.0,
    cutout=0.0, cutlen=0.25, cutfill='mean',
    zslope=0.0, zwobble=0.0, zwaves=3,  # zero-mean tilt / smooth curves added after scaling (std in scaled units)  # cutout: probability a training spectrum gets one segment replaced
)


def load(path):
    rows = list(csv.reader(open(path)))
    ids = [c.strip() for c in rows[0][1:]]
    data = np.array([[float(v) for v in r[1:]] for r in rows[1:]], dtype=np.float64).T  # [n, p]
    classes = sorted({i.split('_')[0] for i in ids})
    labels = np.array([classes.index(i.split('_')[0]) for i in ids])
    return ids, data, labels, classes


def read_split(path):
    parts = {'train': [], 'validation': [], 'test': []}
    for row in list(csv.reader(open(path)))[1:]:
        parts[row[1]].append(int(row[0]) - 1)
    return parts


def same_pads(length, k, s, padding='same'):
    if padding == 'valid':
        return 0, 0, (length - k) // s + 1
    out = math.ceil(length / s)
    total = max((out - 1) * s + k - length, 0)
    return total // 2, total - total // 2, out


class Net(torch.nn.Module):
    def __init__(self, p, classes, kernels, strides, padding='same', bias_init=0.0):
        super().__init__()
        self.convs = torch.nn.ModuleList()
        self.pads = []
        channels, length = 1, p
        for filters, k, s in zip([16, 32, 64], kernels, strides):
            conv = torch.nn.Conv1d(channels, filters, k, stride=s)
            before, after, length = same_pads(length, k, s, padding)
            self.pads.append((before, after))
            std = math.sqrt(2.0 / (channels * k)) / 0.87962566103423978  # truncated normal like tfjs
            torch.nn.init.trunc_normal_(conv.weight, 0, std, -2 * std, 2 * std)
            torch.nn.init.constant_(conv.bias, bias_init)
            self.convs.append(conv)
            channels = filters
        self.dense = torch.nn.Linear(64, classes)
        torch.nn.init.xavier_uniform_(self.dense.weight)
        torch.nn.init.zeros_(self.dense.bias)

    def forward(self, x):
        x = x.unsqueeze(1)
        for conv, (before, after) in zip(self.convs, self.pads):
            x = F.relu(conv(F.pad(x, (before, after))))
        return self.dense(x.mean(dim=2))

    def l2(self):
        return sum((c.weight ** 2).sum() for c in self.convs) + (self.dense.weight ** 2).sum()


def preprocess(kind, train, x):
    if kind == 'minmax-variable':
        lo, hi = train.min(0), train.max(0)
        return (x - lo) / np.where(hi > lo, hi - lo, 1)
    if kind == 'minmax-global':
        return (x - train.min()) / (train.max() - train.min())
    if kind == 'center':
        # Per-variable mean removed (as PLS does), one global scale: keeps the variables' relative sizes.
        centred = train - train.mean(0)
        return (x - train.mean(0)) / centred.std()
    if kind == 'autoscale':
        return (x - train.mean(0)) / np.where(train.std(0) > 0, train.std(0), 1)
    if kind == 'snv':
        return (x - x.mean(1, keepdims=True)) / x.std(1, keepdims=True)
    return x


def train_one(raw, labels, parts, classes, cfg, seed):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    tr, va, te = (np.array(parts[k]) for k in ('train', 'validation', 'test'))
    x_all = preprocess(cfg['preprocess'], raw[tr], raw).astype(np.float32)
    lo, hi = raw[tr].min(0), raw[tr].max(0)
    scale = np.where(hi > lo, hi - lo, 1)
    X = torch.tensor(x_all)
    Y = torch.tensor(labels)
    net = Net(raw.shape[1], len(classes), cfg['kernels'], cfg['strides'], cfg['padding'], cfg['bias_init'])
    opt = torch.optim.Adam(net.parameters(), lr=cfg['lr'], eps=1e-7, weight_decay=cfg['weight_decay'])
    epochs = cfg['fixed_epochs'] or cfg['epochs']
    batch = len(tr) if cfg['full_batch'] else cfg['batch']
    steps_per_epoch = math.ceil(len(tr) / batch)
    total_steps = epochs * steps_per_epoch
    ema = [p.detach().clone() for p in net.parameters()] if cfg['ema'] > 0 else None
    swa, swa_n = None, 0
    best = (math.inf, 0, None)
    history = []
    step = 0

    def averaged_state():
        if ema is not None:
            return ema
        if swa is not None:
            return swa
        return None

    def evaluate(rows, params=None):
        saved = None
        if params is not None:
            saved = [p.detach().clone() for p in net.parameters()]
            with torch.no_grad():
                for p, q in zip(net.parameters(), params):
                    p.copy_(q)
        with torch.no_grad():
            logits = net(X[rows])
            loss = F.cross_entropy(logits, Y[rows]).item()
            pred = logits.argmax(1).numpy()
        if saved is not None:
            with torch.no_grad():
                for p, q in zip(net.parameters(), saved):
                    p.copy_(q)
        return loss, pred

    for epoch in range(1, epochs + 1):
        order = tr[rng.permutation(len(tr))]
        for start in range(0, len(order), batch):
            rows = order[start:start + batch]
            xb_raw = raw[rows]
            aug = cfg['mult'] > 0 or cfg['add'] > 0 or cfg['slope'] > 0 or cfg['shift'] > 0
            if aug:
                xb_raw = xb_raw.copy()
                n = len(rows)
                if cfg['shift'] > 0:
                    for i in range(n):
                        s = int(rng.integers(-cfg['shift'], cfg['shift'] + 1))
                        if s:
                            xb_raw[i] = np.roll(xb_raw[i], s)
                            if s > 0:
                                xb_raw[i, :s] = xb_raw[i, s]
                            else:
                                xb_raw[i, s:] = xb_raw[i, s - 1]
                mean_level = raw[tr].mean()
                t = np.linspace(-1, 1, raw.shape[1])
                xb_raw = xb_raw * (1 + cfg['mult'] * rng.standard_normal((n, 1))) \
                    + mean_level * (cfg['add'] * rng.standard_normal((n, 1)) + cfg['slope'] * rng.standard_normal((n, 1)) * t)
                xb = torch.tensor(preprocess(cfg['preprocess'], raw[tr], xb_raw).astype(np.float32))
            else:
                xb = X[rows]
            yb = Y[rows]
            target = F.one_hot(yb, len(classes)).float()
            if cfg['mixup'] > 0:
                # within-class mixup: partner from the same class
                lam = torch.tensor(rng.beta(cfg['mixup'], cfg['mixup'], len(rows)).astype(np.float32)).unsqueeze(1)
                partner = np.array([rng.choice(tr[labels[tr] == labels[r]]) for r in rows])
                xb = lam * xb + (1 - lam) * X[partner]
            if cfg['cutout'] > 0:
                xb = xb.clone()
                p = xb.shape[1]
                for i in range(len(rows)):
                    if rng.random() < cfg['cutout']:
                        width = int(rng.integers(1, int(cfg['cutlen'] * p) + 1))
                        a = int(rng.integers(0, p - width + 1))
                        if cfg['cutfill'] == 'mean':
                            xb[i, a:a + width] = X[tr].mean(0)[a:a + width]
                        elif cfg['cutfill'] == 'class':
                            xb[i, a:a + width] = X[rng.choice(tr[labels[tr] == labels[rows[i]]]), a:a + width]
                        else:  # any training spectrum
                            xb[i, a:a + width] = X[rng.choice(tr), a:a + width]
            if cfg['zslope'] > 0 or cfg['zwobble'] > 0:
                p = xb.shape[1]
                t = np.linspace(-1, 1, p)
                bumps = cfg['zslope'] * rng.standard_normal((len(rows), 1)) * t
                if cfg['zwobble'] > 0:
                    freq = np.arange(1, cfg['zwaves'] + 1)
                    amp = rng.standard_normal((len(rows), cfg['zwaves'])) * cfg['zwobble'] / np.sqrt(cfg['zwaves'])
                    phase = rng.uniform(0, 2 * np.pi, (len(rows), cfg['zwaves']))
                    bumps = bumps + (amp[:, :, None] * np.cos(np.pi * freq[None, :, None] * (t[None, None, :] + 1) / 2 + phase[:, :, None])).sum(1)
                    bumps = bumps - bumps.mean(1, keepdims=True)
                xb = xb + torch.tensor(bumps.astype(np.float32))
            if cfg['noise'] > 0:
                xb = xb + cfg['noise'] * torch.randn_like(xb)
            if cfg['label_smoothing'] > 0:
                target = target * (1 - cfg['label_smoothing']) + cfg['label_smoothing'] / len(classes)
            lr = cfg['lr']
            if cfg['warmup'] and step < cfg['warmup'] * steps_per_epoch:
                lr = lr * (step + 1) / (cfg['warmup'] * steps_per_epoch)
            elif cfg['cosine']:
                lr = lr * 0.5 * (1 + math.cos(math.pi * step / total_steps))
            for g in opt.param_groups:
                g['lr'] = lr
            logits = net(xb)
            loss = -(target * F.log_softmax(logits, 1)).sum(1).mean() + cfg['l2'] * net.l2()
            opt.zero_grad()
            loss.backward()
            if cfg['clip'] > 0:
                torch.nn.utils.clip_grad_norm_(net.parameters(), cfg['clip'])
            opt.step()
            step += 1
            if ema is not None:
                with torch.no_grad():
                    for e, p in zip(ema, net.parameters()):
                        e.mul_(cfg['ema']).add_(p.detach(), alpha=1 - cfg['ema'])
        if cfg['swa_from'] and epoch >= cfg['swa_from']:
            with torch.no_grad():
                if swa is None:
                    swa = [p.detach().clone() for p in net.parameters()]
                    swa_n = 1
                else:
                    swa_n += 1
                    for s, p in zip(swa, net.parameters()):
                        s.add_((p.detach() - s) / swa_n)
        val_loss, _ = evaluate(va, averaged_state())
        history.append(val_loss)
        score = np.mean(history[-cfg['smooth']:])
        if cfg['restore'] in ('loss', 'smooth') and score < best[0]:
            params = averaged_state() or list(net.parameters())
            best = (score, epoch, [p.detach().clone() for p in params])
        if not cfg['fixed_epochs'] and cfg['restore'] != 'last' and epoch - best[1] >= cfg['patience']:
            break
    if cfg['restore'] == 'last' or best[2] is None:
        final = averaged_state() or list(net.parameters())
        final = [p.detach().clone() for p in final]
        best_epoch = epoch
    else:
        final, best_epoch = best[2], best[1]
    with torch.no_grad():
        for p, q in zip(net.parameters(), final):
            p.copy_(q)
    _, pred_te = evaluate(te)
    _, pred_tr = evaluate(tr)
    return dict(test=float((pred_te == labels[te]).mean()), train=float((pred_tr == labels[tr]).mean()),
                missed=[int(te[i]) for i in np.nonzero(pred_te != labels[te])[0]], epochs=epoch, best=best_epoch)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--splits', default='/tmp/meat-sweep-splits')
    ap.add_argument('--partitions', default='0,1,2,3,4,5')
    ap.add_argument('--repeats', default='1,2,3')
    ap.add_argument('--configs', default='[{}]')
    ap.add_argument('--data', default=MEAT)
    args = ap.parse_args()
    torch.set_num_threads(1)
    ids, raw, labels, classes = load(args.data)
    partitions = [int(v) for v in args.partitions.split(',')]
    repeats = [int(v) for v in args.repeats.split(',')]
    splits = {k: read_split(f'{args.splits}/p{k}.csv') for k in partitions}
    for overrides in json.loads(args.configs):
        cfg = {**DEFAULTS, **overrides}
        started = time.time()
        means, missed, epochs, runs = {}, {}, 0, 0
        for k in partitions:
            accs = []
            for r in repeats:
                out = train_one(raw, labels, splits[k], classes, cfg, r)
                accs.append(out['test'])
                for i in out['missed']:
                    missed[ids[i]] = missed.get(ids[i], 0) + 1
                epochs += out['epochs']
                runs += 1
            means[k] = round(float(np.mean(accs)), 3)
        print(json.dumps(dict(config=overrides, mean=round(float(np.mean(list(means.values()))), 4), minPartition=min(means.values()),
                              partitions=means, missed=dict(sorted(missed.items(), key=lambda kv: -kv[1])),
                              epochsPerRun=round(epochs / runs), secondsPerRun=round((time.time() - started) / runs, 2))), flush=True)


if __name__ == '__main__':
    main()
