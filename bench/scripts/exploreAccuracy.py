"""Exploration of CNN variants of the study's family against PLS-LDA and 1-NN (issue 17), in PyTorch
for speed. Not the benchmark: bench/src/accuracy.ts measures the shipped defaults in TensorFlow.js.

    /usr/bin/python3 bench/scripts/exploreAccuracy.py CONFIG [DATASETS]
"""
import json, sys, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from scipy.signal import savgol_filter
from sklearn.cross_decomposition import PLSRegression
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
import accuracyData as D

torch.set_num_threads(2)


def snv(x):
    return (x - x.mean(1, keepdims=True)) / (x.std(1, keepdims=True) + 1e-12)


def prep(kind, xtr, x):
    if kind == 'snv':
        return snv(x)
    if kind == 'minmax-variable':
        lo, hi = xtr.min(0), xtr.max(0)
        return (x - lo) / np.where(hi - lo > 0, hi - lo, 1)
    if kind == 'minmax-global':
        return (x - xtr.min()) / (xtr.max() - xtr.min())
    if kind == 'standard':
        mu, sd = xtr.mean(0), xtr.std(0)
        return (x - mu) / np.where(sd > 0, sd, 1)
    if kind == 'center':
        return (x - xtr.mean(0)) / xtr.std()
    if kind == 'snv-center':
        st = snv(xtr)
        return (snv(x) - st.mean(0)) / st.std()
    if kind == 'snv-standard':
        s = snv(x); st = snv(xtr)
        mu, sd = st.mean(0), st.std(0)
        return (s - mu) / np.where(sd > 0, sd, 1)
    return x


def conv_spec(p):
    odd = lambda v: 2 * int(v // 2) + 1
    if p >= 1024:
        k1 = min(21, max(7, odd(p / 82))); return [k1, max(5, odd(k1 / 2)), 5], [2, 2, 1]
    k1 = min(31, max(5, odd(p / 14))); k2 = max(3, odd(k1 / 2)); k3 = max(3, odd(k2 / 2))
    return [k1, k2, k3], ([4, 4, 2] if p >= 256 else [2, 2, 1])


class Net(nn.Module):
    def __init__(self, p, c, kernels, strides, filters=(16, 32, 64), vw=False, pos=False):
        super().__init__()
        m = vw if isinstance(vw, int) and not isinstance(vw, bool) else 1
        self.vw = nn.Parameter(1 + 0.1 * torch.randn(m, p) * (m > 1)) if vw else None
        self.pos = pos
        chans = [(m if vw else 1) + (1 if pos else 0)] + list(filters)
        self.convs = nn.ModuleList([nn.Conv1d(chans[i], chans[i + 1], kernels[i], strides[i], padding=kernels[i] // 2) for i in range(len(filters))])
        self.fc = nn.Linear(chans[-1], c)
        self.register_buffer('grid', torch.linspace(-1, 1, p))

    def features(self, x):
        h = x[:, None, :] * self.vw[None] if self.vw is not None else x[:, None, :]
        if self.pos:
            h = torch.cat([h, self.grid.expand(x.shape[0], 1, -1)], 1)
        for conv in self.convs:
            h = F.relu(conv(h))
        return h

    def forward(self, x):
        return self.fc(self.features(x).mean(2))


def train_net(cfg, xtr, ytr, xva, yva, c, seed):
    torch.manual_seed(seed); np.random.seed(seed)
    p = xtr.shape[1]
    k, s = conv_spec(p)
    k = cfg.get('kernels', k); s = cfg.get('strides', s)
    net = Net(p, c, k, s, cfg.get('filters', (16, 32, 64)), cfg.get('vw', False), cfg.get('pos', False))
    opt = torch.optim.Adam(net.parameters(), lr=cfg.get('lr', 3e-3))
    l2 = cfg.get('l2', 1e-3)
    X = torch.tensor(xtr, dtype=torch.float32); Y = torch.tensor(ytr)
    Xv = torch.tensor(xva, dtype=torch.float32) if len(xva) else None
    bs = cfg.get('batch', 16 if len(xtr) < 200 else 32)
    epochs = cfg.get('epochs', 300); patience = cfg.get('patience', None)
    best = (1e9, None); wait = 0; swa = None; nswa = 0
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs) if cfg.get('cosine') else None
    for ep in range(epochs):
        net.train()
        perm = torch.randperm(len(X))
        for i in range(0, len(X), bs):
            b = perm[i:i + bs]
            xb = X[b]
            if cfg.get('aug'):
                xb = augment(xb, cfg['aug'])
            loss = F.cross_entropy(net(xb), Y[b])
            if l2:
                loss = loss + l2 * sum((w ** 2).sum() for n, w in net.named_parameters() if 'weight' in n)
            if cfg.get('vw_l2') and net.vw is not None:
                loss = loss + cfg['vw_l2'] * ((net.vw - 1) ** 2).sum()
            opt.zero_grad(); loss.backward(); opt.step()
        if sched: sched.step()
        if cfg.get('swa') and ep >= epochs * (1 - cfg['swa']):
            sd = {n: v.detach().clone() for n, v in net.state_dict().items()}
            swa = sd if swa is None else {n: swa[n] * nswa / (nswa + 1) + sd[n] / (nswa + 1) for n in sd}
            nswa += 1
        if patience and Xv is not None:
            net.eval()
            with torch.no_grad():
                vl = F.cross_entropy(net(Xv), torch.tensor(yva)).item()
            if vl < best[0]:
                best = (vl, {n: v.detach().clone() for n, v in net.state_dict().items()}); wait = 0
            else:
                wait += 1
                if wait >= patience: break
    if patience and best[1] is not None:
        net.load_state_dict(best[1])
    if swa is not None:
        net.load_state_dict(swa)
    net.eval()
    return net


def augment(x, a):
    n, p = x.shape
    scale = x.std(1, keepdim=True).clamp_min(1e-6)
    out = x * (1 + a.get('scale', 0) * torch.randn(n, 1))
    out = out + scale * (a.get('offset', 0) * torch.randn(n, 1) + a.get('slope', 0) * torch.randn(n, 1) * torch.linspace(-1, 1, p))
    if a.get('shift'):
        k = int(a['shift'])
        sh = torch.randint(-k, k + 1, (1,)).item()
        out = torch.roll(out, sh, 1)
    out = out + a.get('noise', 0) * scale * torch.randn(n, p)
    return out


def cnn_predict(cfg, d, part, c, seed):
    classes = np.unique(d['y'])
    yi = np.searchsorted(classes, d['y'])
    tr, va, te = part['train'], part['validation'], part['test']
    x = prep(cfg.get('pre', 'minmax-variable'), d['x'][tr], d['x'])
    if cfg.get('refit'):
        tr = np.concatenate([tr, va]); va = va[:0]
    members = cfg.get('ensemble', 1)
    logits = 0; tracc = 0
    for m in range(members):
        net = train_net(cfg, x[tr], yi[tr], x[va], yi[va], c, seed * 100 + m)
        with torch.no_grad():
            out = net(torch.tensor(x, dtype=torch.float32)).numpy()
        logits = logits + out / members
    pred = logits.argmax(1)
    return (pred[te] == yi[te]).mean(), (pred[tr] == yi[tr]).mean()


def pls_lda(d, part, pre):
    x = d['x']
    if pre == 'deriv':
        x = savgol_filter(x, 11, 2, deriv=1, axis=1)
    tr, va, te = part['train'], part['validation'], part['test']
    classes = np.unique(d['y'])
    Y = (d['y'][:, None] == classes[None]).astype(float)
    best = None
    for a in range(2, min(21, len(tr) - 1)):
        pls = PLSRegression(a, scale=False).fit(x[tr], Y[tr])
        e = np.sqrt(((pls.predict(x[tr]) - Y[tr]) ** 2).mean()) + np.sqrt(((pls.predict(x[va]) - Y[va]) ** 2).mean())
        if best is None or e < best[0]: best = (e, a, pls)
    pls = best[2]
    lda = LinearDiscriminantAnalysis().fit(pls.transform(x[tr]), d['y'][tr])
    return (lda.predict(pls.transform(x[te])) == d['y'][te]).mean()


def knn(d, part, pre):
    x = snv(d['x']) if pre == 'snv' else d['x']
    tr, te = np.concatenate([part['train'], part['validation']]), part['test']
    dist = ((x[te][:, None, :] - x[tr][None]) ** 2).sum(2)
    return (d['y'][tr][dist.argmin(1)] == d['y'][te]).mean()


def datasets(names):
    out = {}
    for n in names:
        if n == 'meat':
            d = D.meat(); out['meat-group'] = (d, D.group_splits(d['y'], d['groups'], range(5)))
        elif n == 'meat-ucr':
            d = D.meat(); out['meat-ucr'] = (d, [D.file_split(d, 0)])
        elif n in ('Ham', 'Rock'):
            d = D.ucr(n); out[n] = (d, [D.file_split(d, 0)])
        elif n in ('baumannii', 'saureus'):
            d = D.bacteria(n); out[n] = (d, D.group_splits(d['y'], d['groups'], range(5)))
        elif n == 'synthetic':
            d = D.synthetic(); out['synthetic'] = (d, D.group_splits(d['y'], d['groups'], range(2)))
    return out


if __name__ == '__main__':
    cfg = json.loads(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].startswith('{') else {}
    names = (sys.argv[2] if len(sys.argv) > 2 else 'meat,meat-ucr,Ham,Rock').split(',')
    seeds = cfg.pop('seeds', [1, 2, 3])
    peers = cfg.pop('peers', False)
    for name, (d, parts) in datasets(names).items():
        c = len(np.unique(d['y']))
        t0 = time.time()
        accs = []; tr = []
        for part in parts:
            for s in seeds:
                a, b = cnn_predict(cfg, d, part, c, s); accs.append(a); tr.append(b)
        line = f'{name:12s} CNN {np.mean(accs):.3f} +- {np.std(accs):.3f} (train {np.mean(tr):.2f}) {time.time() - t0:.0f}s'
        if peers:
            pl = [pls_lda(d, p, 'raw') for p in parts]; pd = [pls_lda(d, p, 'deriv') for p in parts]
            kr = [knn(d, p, 'raw') for p in parts]; ks = [knn(d, p, 'snv') for p in parts]
            line += f' | PLS-LDA {np.mean(pl):.3f} deriv {np.mean(pd):.3f} | 1NN {np.mean(kr):.3f} snv {np.mean(ks):.3f}'
        print(line, flush=True)
