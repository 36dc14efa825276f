import type { SpectraModel } from '@spectracam/runtime';
import type { FeatureMapsView, SpectraPayload } from './protocol.js';

/** Feature maps of every conv layer the graph outputs, for one spectrum of the payload. */
export async function featureMapsPayload(model: SpectraModel, spectra: SpectraPayload, index: number): Promise<FeatureMapsView> {
  const row = spectra.rows[index];
  if (!row) throw new RangeError(`feature maps: spectrum ${index + 1} does not exist (${spectra.rows.length} loaded)`);
  const maps = await model.featureMaps([row], { axis: spectra.axis, extendEnds: spectra.extendEnds });
  return {
    layers: maps.map((m) => {
      const data = m.maps[0]!;
      const geometry = model.geometry.layers.find((l) => l.name === m.name);
      return {
        name: m.name,
        centresOnAxis: geometry?.centresOnAxis ?? [],
        maps: Array.from({ length: m.channels }, (_, c) => Array.from(data.subarray(c * m.length, (c + 1) * m.length))),
      };
    }),
  };
}
