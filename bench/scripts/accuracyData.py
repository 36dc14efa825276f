"""Loads the development data sets and their splits for the accuracy exploration (PyTorch/scikit-learn)."""
import csv, glob, os, re
import numpy as np

SHARED = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'shared', 'data')


def meat():
    rows = list(csv.reader(open(os.path.join(SHARED, 'fresh-meat-ftir', 'FreshMeatFTIR.csv'))))
    names = [n.strip() for n in rows[0][1:]]
    x = np.array([[float(v) for v in r[1:]] for r in rows[1:]], dtype=np.float64).T
    axis = np.array([float(r[0]) for r in rows[1:]])
    labels = np.array([re.match(r'Fresh([A-Za-z]+)_', n).group(1).lower() for n in names])
    groups = np.array([re.sub(r'_Run[AB]$', '', n) for n in names])
    groups[70] = groups[70]  # duplicate name kept (column 71 is RunA of the same sample)
    split = list(csv.DictReader(open(os.path.join(SHARED, 'fresh-meat-ftir', 'ucr-split.csv'))))
    ucr = np.array([s['split'] for s in split])
    return dict(x=x, y=labels, groups=groups, axis=axis, ucr=ucr)


def ucr(name):
    def read(part):
        a = np.loadtxt(os.path.join(SHARED, 'ucr-spectro', f'{name}_{part}.tsv'))
        return a[:, 1:], a[:, 0].astype(int).astype(str)
    xtr, ytr = read('TRAIN')
    xte, yte = read('TEST')
    x = np.vstack([xtr, xte])
    y = np.concatenate([ytr, yte])
    part = np.array(['train'] * len(ytr) + ['test'] * len(yte))
    return dict(x=x, y=y, groups=None, axis=np.arange(x.shape[1], dtype=float), ucr=part)


def bacteria(which):
    files = sorted(glob.glob(os.path.join(SHARED, 'raman-bacteria-resistance', which, '*', '*')))
    spectra, labels, groups = [], [], []
    for f in files:
        a = np.loadtxt(f)
        spectra.append(a)
        labels.append(os.path.basename(os.path.dirname(f)))
        groups.append(re.split(r'_cell', os.path.basename(f), flags=re.I)[0].upper())
    lo = max(s[0, 0] for s in spectra)
    hi = min(s[-1, 0] for s in spectra)
    ref = spectra[0][:, 0]
    axis = ref[(ref >= lo) & (ref <= hi)]
    x = np.array([np.interp(axis, s[:, 0], s[:, 1]) for s in spectra])
    return dict(x=x, y=np.array(labels), groups=np.array(groups), axis=axis, ucr=None)


def synthetic(path='/tmp/synth11/synthetic.csv'):
    rows = list(csv.reader(open(path)))
    head = rows[0]
    start = head.index(next(h for h in head if re.match(r'^-?[0-9.]+$', h)))
    axis = np.array([float(v) for v in head[start:]])
    x = np.array([[float(v) for v in r[start:]] for r in rows[1:]])
    y = np.array([r[head.index('label')] for r in rows[1:]])
    g = np.array([r[head.index('group')] for r in rows[1:]]) if 'group' in head else None
    return dict(x=x, y=y, groups=g, axis=axis, ucr=None)


def group_splits(y, groups, seeds, ratios=(0.7, 0.1, 0.2)):
    """Stratified group-aware partitions: groups (of one class each) drawn into train/val/test by class."""
    out = []
    for seed in seeds:
        rng = np.random.RandomState(seed)
        parts = {'train': [], 'validation': [], 'test': []}
        keys = groups if groups is not None else np.arange(len(y)).astype(str)
        for c in np.unique(y):
            units = np.unique(keys[y == c])
            rng.shuffle(units)
            n = len(units)
            nte = max(1, int(round(ratios[2] * n)))
            nva = max(1, int(round(ratios[1] * n)))
            te, va, tr = units[:nte], units[nte:nte + nva], units[nte + nva:]
            for name, us in (('test', te), ('validation', va), ('train', tr)):
                parts[name] += list(np.where((y == c) & np.isin(keys, us))[0])
        out.append({k: np.array(sorted(v)) for k, v in parts.items()})
    return out


def file_split(d, seed):
    """The fixed archive split, with validation = 1/8 of TRAIN (stratified, by group when known)."""
    train = np.where(d['ucr'] == 'train')[0]
    test = np.where(d['ucr'] == 'test')[0]
    rng = np.random.RandomState(seed)
    val = []
    for c in np.unique(d['y'][train]):
        idx = train[d['y'][train] == c]
        keys = d['groups'][idx] if d['groups'] is not None else idx.astype(str)
        units = np.unique(keys)
        rng.shuffle(units)
        k = max(1, int(round(len(units) / 8)))
        val += list(idx[np.isin(keys, units[:k])])
    val = np.array(sorted(val))
    return {'train': np.setdiff1d(train, val), 'validation': val, 'test': test}
