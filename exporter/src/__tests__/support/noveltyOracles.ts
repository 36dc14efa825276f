import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

/** What scripts/fixtures/sklearn_mahalanobis.py prints for a case. */
export interface MahalanobisExpected { means: number[][]; shrinkage: number; scores: { train: number[]; validation: number[]; test: number[] }; threshold: number; method: 'empirical' | 'gamma'; gamma?: { shape: number; scale: number } }
/** What scripts/fixtures/sklearn_residual.py prints for a case. */
export interface ResidualExpected { binned: boolean; components: number; explained: number; scores: { train: number[]; validation: number[]; test: number[] }; held_out?: number[]; scale: number; threshold: number }

/** The scikit-learn / NumPy / SciPy oracles of the unknown-sample score, run live by the tests. */
export const mahalanobisOracle = fileURLToPath(new URL('../../../../scripts/fixtures/sklearn_mahalanobis.py', import.meta.url));
export const residualOracle = fileURLToPath(new URL('../../../../scripts/fixtures/sklearn_residual.py', import.meta.url));

/** Every value within `relative` of the largest expected magnitude (at least 1). */
export function close(actual: ArrayLike<number>, expected: readonly number[], relative: number, what: string) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const scale = Math.max(1, ...expected.map(Math.abs));
  for (let i = 0; i < expected.length; i++) {
    assert.ok(Math.abs(actual[i]! - expected[i]!) <= relative * scale, `${what}[${i}]: ${actual[i]} vs ${expected[i]}`);
  }
}
