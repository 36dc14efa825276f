import type { ConvLayerGeometry } from './modelGeometry.js';
import type { LayerGeometryMeta, ModelMetadata } from '../contract/contract.js';

/** Value of the axis at a fractional index, extrapolating the end segments linearly. */
export function axisAt(axis: ArrayLike<number>, index: number): number {
  const n = axis.length;
  if (n === 1) return axis[0]!;
  const i = Math.min(Math.max(Math.floor(index), 0), n - 2);
  const t = index - i;
  return axis[i]! + t * (axis[i + 1]! - axis[i]!);
}

/** The geometry a model file stores: every layer's, with its receptive-field centres in axis units. */
export function geometryMeta(geometry: { inputLength: number; layers: readonly ConvLayerGeometry[] }, axis: ArrayLike<number>): ModelMetadata['geometry'] {
  return {
    inputLength: geometry.inputLength,
    layers: geometry.layers.map((g): LayerGeometryMeta => ({ ...g, centres: [...g.centres], centresOnAxis: g.centres.map((c) => axisAt(axis, c)) })),
  };
}
