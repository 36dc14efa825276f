import * as tfl from '@tensorflow/tfjs-layers';
import { applyNetwork, buildModel, type BuildModelOptions } from './buildModel.js';
import { MeanLogits } from './meanLogits.js';

/** Layer name of member `m` (0-based) for the network's layer `name` in an ensemble model. */
export const memberLayerName = (m: number, name: string) => `m${m + 1}_${name}`;

/** How many members a model holds: 1 for a single network, N for an ensemble built by combineMembers. */
export function memberCount(model: tfl.LayersModel): number {
  return model.layers.some((l) => l.name === 'ensemble') ? model.layers.filter((l) => /^m\d+_conv1$/.test(l.name)).length : 1;
}

/** The layer `name` of member `m`, or undefined where the network has none (a network without a linear path has no 'readout'). */
export function findMemberLayer(model: tfl.LayersModel, name: string, m = 0): tfl.layers.Layer | undefined {
  const wanted = memberCount(model) > 1 ? memberLayerName(m, name) : name;
  return model.layers.find((l) => l.name === wanted);
}

/** The layer `name` of member `m` (the network itself for a single model). */
export function memberLayer(model: tfl.LayersModel, name: string, m = 0): tfl.layers.Layer {
  return memberCount(model) > 1 ? model.getLayer(memberLayerName(m, name)) : model.getLayer(name);
}

/**
 * Independently trained networks of one geometry as one model: one input, each member's layers
 * (named m1_conv1, ..., weights copied from the member) and MeanLogits over their outputs.
 * Exported, it becomes one network with grouped convolutions whose logits are the members' mean
 * and whose CAM is the mean of the members' CAMs.
 */
export function combineMembers(members: readonly tfl.LayersModel[], options: BuildModelOptions): tfl.LayersModel {
  if (members.length === 1) return members[0]!;
  const input = tfl.input({ shape: [options.inputLength, 1], name: 'spectra' });
  const outputs = members.map((_, m) => applyNetwork(input, options, memberLayerName(m, '')));
  const model = tfl.model({ inputs: input, outputs: new MeanLogits({ name: 'ensemble' }).apply(outputs) as tfl.SymbolicTensor, name: 'spectracam_ensemble' });
  members.forEach((member, m) => {
    for (const layer of member.layers) {
      if (layer.getClassName() === 'InputLayer') continue;
      model.getLayer(memberLayerName(m, layer.name)).setWeights(layer.getWeights());
    }
  });
  return model;
}

/** The members of an ensemble model (or the network itself) as standalone networks, weights copied. */
export function splitMembers(model: tfl.LayersModel, count: number, options: Omit<BuildModelOptions, 'seed'>, seeds: readonly number[]): tfl.LayersModel[] {
  if (memberCount(model) === 1) return [model];
  return Array.from({ length: count }, (_, m) => {
    const member = buildModel({ ...options, seed: seeds[m]! });
    for (const layer of member.layers) {
      if (layer.getClassName() === 'InputLayer') continue;
      layer.setWeights(model.getLayer(memberLayerName(m, layer.name)).getWeights());
    }
    return member;
  });
}
