import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Preprocessing } from '@spectracam/format';
import { repoRoot } from './sharedData.js';

/**
 * The PyTorch fixtures of `spectracam wrap` (made by
 * exporter/src/wrap/__tests__/fixtures/make_torch_fixtures.py): small GAP CNNs exported with
 * torch.onnx.export and PyTorch's own outputs for four raw spectra.
 */
export const torchFixtureDir = join(repoRoot, 'exporter', 'src', 'wrap', '__tests__', 'fixtures', 'torch');

export interface TorchVariant {
  name: string;
  preprocess: 'snv' | 'minmax-global' | 'minmax-variable' | 'none';
  opset: number;
  batchNorm: boolean;
  twoD: boolean;
  head: string;
  /** `axis.txt` or `start:stop:count`. */
  axis: string;
  preprocessFile?: string;
  preprocessRange?: [number, number];
}

export interface TorchExpected {
  logits: number[][];
  probabilities: number[][];
  /** The last conv layer's maps of the first spectrum, [K][N]. */
  features: number[][][];
  centres: number[];
  classifierWeight: number[][];
  classifierBias: number[];
  /** [spectrum][class][p], not scaled. */
  cam: number[][][];
  /** d logit_c / d preprocessed spectrum of the first spectrum (autograd), [class][p]. */
  gradient: number[][];
}

const json = <T>(file: string): T => JSON.parse(readFileSync(join(torchFixtureDir, file), 'utf8')) as T;

export const torchVariants = (): { classes: string[]; axisRange: string; variants: TorchVariant[]; refused: Record<string, string> } => {
  const spec = json<{ classes: string[]; axisRange: string; variants: Record<string, Omit<TorchVariant, 'name'>>; refused: Record<string, string> }>('variants.json');
  return { ...spec, variants: Object.entries(spec.variants).map(([name, v]) => ({ name, ...v })) };
};

export const torchSpectra = () => json<{ axis: number[]; classes: string[]; labels: string[]; spectra: number[][] }>('spectra.json');

export const torchExpected = (name: string) => json<TorchExpected>(`${name}.expected.json`);

export const torchModelPath = (name: string) => join(torchFixtureDir, `${name}.onnx`);

/** The axis a variant's spec names: the values of axis.txt, or `count` values from start to stop. */
export function torchAxis(spec: string): number[] {
  if (spec.endsWith('.txt')) return readFileSync(join(torchFixtureDir, spec), 'utf8').trim().split('\n').map(Number);
  const [start, stop, count] = spec.split(':').map(Number) as [number, number, number];
  return Array.from({ length: count }, (_, i) => start + ((stop - start) * i) / (count - 1));
}

/** The preprocessing the variant's network was trained behind, as wrap's library option. */
export function torchPreprocessing(v: TorchVariant): Preprocessing {
  if (v.preprocess === 'minmax-global') return { kind: 'minmax-global', min: v.preprocessRange![0], max: v.preprocessRange![1] };
  if (v.preprocess === 'minmax-variable') return { kind: 'minmax-variable', ...json<{ min: number[]; max: number[] }>(v.preprocessFile!) };
  return { kind: v.preprocess };
}

/** The same as `spectracam wrap --preprocess` takes it. */
export function torchPreprocessArgument(v: TorchVariant): string {
  if (v.preprocess === 'minmax-global') return `minmax-global:${v.preprocessRange![0]},${v.preprocessRange![1]}`;
  if (v.preprocess === 'minmax-variable') return `minmax-variable:${join(torchFixtureDir, v.preprocessFile!)}`;
  return v.preprocess;
}

/** Min-max scaled to 0..1, as the runtime shows a CAM. */
export function minMaxScaled(values: ArrayLike<number>): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]!);
    hi = Math.max(hi, values[i]!);
  }
  return Array.from(values, (v) => (hi > lo ? (v - lo) / (hi - lo) : 0));
}
