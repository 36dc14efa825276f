import type { Dataset } from '@spectracam/data';
import { PARTS, type Estimator, type Fitted, type Part, type Partition, type Splitter } from './estimator.js';

/** One fit of an estimator: its accuracy and predictions on every part of its partition. */
export interface FitScore {
  repeat: number;
  accuracy: Record<Part, number>;
  /** Predicted class of each row of each part, in the partition's row order. */
  predicted: Record<Part, string[]>;
  seconds: number;
}

export interface CrossValidation {
  estimator: string;
  partitions: { partition: Partition; fits: FitScore[] }[];
}

export interface CrossValidateHooks<F extends Fitted> {
  signal?: AbortSignal;
  /** Before each fit. */
  onFit?: (partition: Partition, repeat: number) => void;
  /** After each fit, while the model is still alive (for analyses that need it). */
  onFitted?: (fitted: F, partition: Partition, score: FitScore) => Promise<void> | void;
}

/**
 * Fits `estimator` on every partition the splitter draws, `estimator.repeats` times each, and
 * scores it on the partition's train, validation and test rows (scikit-learn's cross_validate:
 * the loop knows neither the model nor the split).
 */
export async function crossValidate<F extends Fitted>(
  estimator: Estimator<F>,
  dataset: Dataset,
  splitter: Splitter,
  hooks: CrossValidateHooks<F> = {},
): Promise<CrossValidation> {
  const out: CrossValidation = { estimator: estimator.name, partitions: [] };
  for await (const partition of splitter.partitions(dataset)) {
    const fits: FitScore[] = [];
    for (let repeat = 0; repeat < estimator.repeats; repeat++) {
      if (hooks.signal?.aborted) throw new Error(`${estimator.name}: interrupted before partition ${partition.index} fit ${repeat}`);
      hooks.onFit?.(partition, repeat);
      const started = performance.now();
      const fitted = await estimator.fit({ dataset, partition, repeat, signal: hooks.signal });
      try {
        const seconds = (performance.now() - started) / 1000;
        const predicted = {} as Record<Part, string[]>;
        const accuracy = {} as Record<Part, number>;
        for (const part of PARTS) {
          const rows = partition[part];
          predicted[part] = await fitted.predict(rows);
          accuracy[part] = rows.length === 0 ? Number.NaN : predicted[part].filter((p, i) => p === dataset.labels[rows[i]!]).length / rows.length;
        }
        const score: FitScore = { repeat, accuracy, predicted, seconds };
        fits.push(score);
        await hooks.onFitted?.(fitted, partition, score);
      } finally {
        fitted.dispose?.();
      }
    }
    out.partitions.push({ partition, fits });
  }
  return out;
}
