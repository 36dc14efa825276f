import type { AuditResult } from './runAudit.js';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const f3 = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(3));

/** A line chart of several series as inline SVG (no scripts, no network). */
function lines(series: { name: string; x: number[]; y: number[]; color: string }[], xLabel: string, yLabel: string, rule?: { y: number; label: string }): string {
  const W = 520;
  const H = 220;
  const M = { l: 48, r: 150, t: 10, b: 36 };
  const xs = series.flatMap((s) => s.x);
  const ys = series.flatMap((s) => s.y);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(1e-9, ...ys, rule ? rule.y + 0.15 : 0)];
  const sx = (v: number) => M.l + ((v - x0) / (x1 - x0 || 1)) * (W - M.l - M.r);
  const sy = (v: number) => H - M.b - ((v - y0) / (y1 - y0 || 1)) * (H - M.t - M.b);
  const paths = series.map((s, k) => {
    const d = s.x.map((x, i) => `${i ? 'L' : 'M'}${sx(x).toFixed(1)},${sy(s.y[i]!).toFixed(1)}`).join('');
    return `<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.5"/><text x="${W - M.r + 8}" y="${M.t + 14 * (k + 1)}" fill="${s.color}">${escape(s.name)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">
<line x1="${M.l}" y1="${H - M.b}" x2="${W - M.r}" y2="${H - M.b}" stroke="#444"/><line x1="${M.l}" y1="${M.t}" x2="${M.l}" y2="${H - M.b}" stroke="#444"/>
<text x="${(M.l + W - M.r) / 2}" y="${H - 6}" text-anchor="middle">${escape(xLabel)}</text><text x="12" y="${(H - M.b) / 2}" transform="rotate(-90 12 ${(H - M.b) / 2})" text-anchor="middle">${escape(yLabel)}</text>
<text x="${M.l - 4}" y="${sy(y0) + 4}" text-anchor="end">${y0.toFixed(2)}</text><text x="${M.l - 4}" y="${sy(y1) + 4}" text-anchor="end">${y1.toFixed(2)}</text>
<text x="${sx(x0)}" y="${H - M.b + 14}" text-anchor="middle">${x0}</text><text x="${sx(x1)}" y="${H - M.b + 14}" text-anchor="middle">${Number(x1.toFixed(1))}</text>
${rule ? `<line x1="${M.l}" y1="${sy(rule.y).toFixed(1)}" x2="${W - M.r}" y2="${sy(rule.y).toFixed(1)}" stroke="#888" stroke-dasharray="4 3"/><text x="${M.l + 4}" y="${(sy(rule.y) - 4).toFixed(1)}" fill="#666">${escape(rule.label)}</text>` : ''}
${paths.join('\n')}</svg>`;
}

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

/** audit.html: one self-contained page, a table per method, the curves, the randomisation cascade and example maps. */
export function auditHtml(a: AuditResult): string {
  const rows = a.methods
    .map((m) => {
      const ratio = m.curves.deletionAuc / a.random.deletionAuc;
      return `<tr><td>${escape(m.method)}${m.passesSanity ? '' : ' <b>(fails the sanity check: not a default)</b>'}</td>
<td>${m.pointing ? `${f3(m.pointing.share)} (${m.pointing.hits}/${m.pointing.tested})` : '–'}</td><td>${f3(m.pointing?.energy)}</td><td>${f3(m.topRegionOnTruth)}${m.topRegionOnTruthByClass ? `<br><small>${Object.entries(m.topRegionOnTruthByClass).map(([c, v]) => `${escape(c)} ${f3(v)}`).join(', ')}</small>` : ''}</td>
<td>${f3(m.curves.deletionAuc)}</td><td>${f3(ratio)}</td><td>${f3(m.curves.insertionAuc)}</td>
<td>${m.randomisation.map((r) => `${escape(r.layers.at(-1)!)} ${f3(r.spearman)}`).join('<br>')}</td></tr>`;
    })
    .join('\n');
  const deletion = lines(
    [
      ...a.methods.map((m, k) => ({ name: m.method, x: m.curves.fractions, y: m.curves.deletion, color: COLORS[k % COLORS.length]! })),
      { name: 'random (10)', x: a.random.fractions, y: a.random.deletion, color: '#777' },
      ...(a.vip ? [{ name: 'PLS-LDA VIP', x: a.vip.fractions, y: a.vip.deletion, color: '#000' }] : []),
    ],
    'fraction of variables removed (most important first)',
    'probability of the class',
  );
  const insertion = lines(
    [
      ...a.methods.map((m, k) => ({ name: m.method, x: m.curves.fractions, y: m.curves.insertion, color: COLORS[k % COLORS.length]! })),
      { name: 'random (10)', x: a.random.fractions, y: a.random.insertion, color: '#777' },
      ...(a.vip ? [{ name: 'PLS-LDA VIP', x: a.vip.fractions, y: a.vip.insertion, color: '#000' }] : []),
    ],
    'fraction of variables restored',
    'probability of the class',
  );
  const cascade = lines(
    a.methods.map((m, k) => ({ name: m.method, x: m.randomisation.map((_, i) => i + 1), y: m.randomisation.map((r) => r.spearman), color: COLORS[k % COLORS.length]! })),
    'layers: 1 classifier + readout, 2 +conv3, 3 +conv2, 4 +conv1',
    'Spearman with the trained maps',
    { y: 0.5, label: 'sanity threshold (|rho| 0.5)' },
  );
  const examples = lines(a.methods.map((m, k) => ({ name: m.method, x: a.axis, y: m.example, color: COLORS[k % COLORS.length]! })), 'axis', 'scaled map (first spectrum)');
  return `<!doctype html><html><head><meta charset="utf-8"><title>SpectraCAM audit: ${escape(a.model)}</title>
<style>body{font-family:sans-serif;max-width:980px;margin:2em auto;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;font-size:13px;vertical-align:top}</style></head><body>
<h1>Explanation audit</h1>
<p>Model <code>${escape(a.model)}</code>; data ${escape(a.data.source)}: ${a.data.explained} correctly classified spectra explained (of ${a.data.spectra}); classes ${a.data.classes.map(escape).join(', ')}.
${a.truth ? `Ground truth: ${a.truth.map((t) => `${t.start}-${t.end}`).join(', ')} (pointing tolerance ${a.tolerance}).` : 'No ground truth given: pointing games not computed.'}
${a.truthReference ? `${a.truthReference.vipPointing ? `Reference: PLS-LDA's VIP on these data peaks at ${Number(a.truthReference.vipPeak!.toFixed(1))} (pointing ${a.truthReference.vipPointing.hits ? 'on' : 'off'} the truth, energy ${f3(a.truthReference.vipPointing.energy)}); ` : ''}a flat map's energy is ${f3(a.truthReference.flatEnergy)}.` : ''}</p>
<table><tr><th>method</th><th>pointing game</th><th>energy pointing</th><th>top region on truth</th><th>deletion AUC</th><th>/ random (${f3(a.random.deletionAuc)})</th><th>insertion AUC (random ${f3(a.random.insertionAuc)})</th><th>randomisation: Spearman after each layer</th></tr>
${rows}</table>
<p>Deletion and insertion (Petsiuk et al. 2018) remove variables by bridging each removed run with a line plus local noise (as ROAD does), never by zeros.${a.vip ? ` PLS-LDA's VIP ranking: deletion AUC ${f3(a.vip.deletionAuc)}, insertion ${f3(a.vip.insertionAuc)}.` : ''}
Sanity check (Adebayo et al. 2018), each step the mean over ${a.methods[0]?.randomisation[0]?.draws.length ?? 0} seeded draws of the random weights: maps that keep a Spearman correlation of 0.5 or more after the classifier (with the linear readout where the network has one) and conv3 are randomised do not read the model.</p>
<h2>Deletion</h2>${deletion}<h2>Insertion</h2>${insertion}<h2>Randomisation cascade</h2>${cascade}<h2>Example maps</h2>${examples}
<p>${a.seconds.toFixed(1)} s.</p></body></html>
`;
}
