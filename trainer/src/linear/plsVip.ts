import type { PlsModel } from './plsRegression.js';

/**
 * Variable importance in projection (study Eq. 8) of the first `a` components:
 * VIP_j = sqrt(p * sum_a SS_a (w_aj/||w_a||)^2 / sum_a SS_a), SS_a = ||q_a||^2 t_a't_a.
 * With several responses (PLS2 on the class indicator) ||q_a||^2 sums the squared y loadings
 * of all classes. VIP > 1: relevant; < 0.5: irrelevant.
 */
export function plsVip(model: PlsModel, a: number = model.components): Float64Array {
  const p = model.xMean.length;
  const vip = new Float64Array(p);
  let total = 0;
  for (let k = 0; k < a; k++) {
    const t = model.xScores[k]!;
    const q = model.yLoadings[k]!;
    const w = model.xWeights[k]!;
    let tt = 0;
    for (const v of t) tt += v * v;
    let qq = 0;
    for (const v of q) qq += v * v;
    let ww = 0;
    for (const v of w) ww += v * v;
    const ss = qq * tt;
    total += ss;
    for (let j = 0; j < p; j++) vip[j]! += (ss * w[j]! * w[j]!) / ww;
  }
  for (let j = 0; j < p; j++) vip[j] = Math.sqrt((p * vip[j]!) / total);
  return vip;
}
