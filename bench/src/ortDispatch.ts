/**
 * What ONNX Runtime charges for one more node and one more output, whatever the arithmetic: the
 * floor under the unknown-sample score's cost at batch 1. Chains of 20 nodes of each kind the
 * score uses, on a [1, 64] tensor, against a graph of one Identity; then one output more. The
 * sessions use the runtime's CPU options (all graph optimisations, `threads` intra-op threads,
 * spinning stopped after each run).
 */
import * as ort from 'onnxruntime-node';
import { floatTensor, floatValueInfo, int64Tensor, node, onnx, type NodeProto, type TensorProto } from '@spectracam/format/onnx';

const WIDTH = 64;
const CHAIN = 20;

function model(nodes: NodeProto[], initializers: TensorProto[], outputs: string[], inputShape = [1, WIDTH]): Uint8Array {
  return onnx.ModelProto.encode({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name: 'dispatch', node: nodes, initializer: initializers, input: [floatValueInfo('x', inputShape)], output: outputs.map((o) => floatValueInfo(o, ['n', 'm'])) },
  }).finish();
}

/** `op` applied CHAIN times, each to the previous result (with `extra` inputs after it). */
function chain(op: string, extra: string[] = [], attributes: Parameters<typeof node>[4] = {}): NodeProto[] {
  return Array.from({ length: CHAIN }, (_, i) => node(op, [i === 0 ? 'x' : `t${i - 1}`, ...extra], [i === CHAIN - 1 ? 'y' : `t${i}`], `n${i}`, attributes));
}

function graphs(): Record<string, { bytes: Uint8Array; fetch: string[]; shape?: number[]; nodes: number }> {
  const square = floatTensor('w', [WIDTH, WIDTH], Float32Array.from({ length: WIDTH * WIDTH }, (_, i) => (i % (WIDTH + 1) === 0 ? 0.99 : 0)));
  const row = floatTensor('b', [WIDTH], new Float32Array(WIDTH));
  const reduce = { axes: [1], keepdims: 1 };
  const flag = { name: 'c', dims: [1], dataType: onnx.TensorProto.DataType.BOOL, int32Data: [0] } as TensorProto;
  return {
    base: { bytes: model([node('Identity', ['x'], ['y'], 'n')], [], ['y']), fetch: ['y'], nodes: 0 },
    MatMul: { bytes: model(chain('MatMul', ['w']), [square], ['y']), fetch: ['y'], nodes: CHAIN },
    Gemm: { bytes: model(chain('Gemm', ['w', 'b']), [square, row], ['y']), fetch: ['y'], nodes: CHAIN },
    Sub: { bytes: model(chain('Sub', ['b']), [row], ['y']), fetch: ['y'], nodes: CHAIN },
    Max: { bytes: model(chain('Max', ['b']), [row], ['y']), fetch: ['y'], nodes: CHAIN },
    ReduceSumSquare: { bytes: model(chain('ReduceSumSquare', [], reduce), [], ['y']), fetch: ['y'], nodes: CHAIN },
    ReduceMin: { bytes: model(chain('ReduceMin', [], reduce), [], ['y']), fetch: ['y'], nodes: CHAIN },
    Where: {
      bytes: model(
        Array.from({ length: CHAIN }, (_, i) => node('Where', ['c', 'big', i === 0 ? 'x' : `t${i - 1}`], [i === CHAIN - 1 ? 'y' : `t${i}`], `n${i}`)),
        [flag, floatTensor('big', [], [1e30])],
        ['y'],
      ),
      fetch: ['y'],
      nodes: CHAIN,
    },
    Unsqueeze: {
      bytes: model(
        Array.from({ length: CHAIN / 2 }, (_, i) => [
          node('Unsqueeze', [i === 0 ? 'x' : `t${i - 1}`, 'axis'], [`u${i}`], `u${i}`),
          node('Squeeze', [`u${i}`, 'axis'], [i === CHAIN / 2 - 1 ? 'y' : `t${i}`], `s${i}`),
        ]).flat(),
        [int64Tensor('axis', [1])],
        ['y'],
      ),
      fetch: ['y'],
      nodes: CHAIN,
    },
    'one more output': {
      bytes: model([node('Identity', ['x'], ['y'], 'n'), node('Identity', ['x'], ['z'], 'm')], [], ['y', 'z']),
      fetch: ['y', 'z'],
      nodes: 1,
    },
  };
}

export interface DispatchCost {
  /** Median microseconds a run of the one-Identity graph. */
  baseMicroseconds: number;
  /** Microseconds each node of a kind adds (Unsqueeze: an Unsqueeze + Squeeze pair, per node). */
  perNode: Record<string, number>;
  /** Microseconds an extra fetched output adds (with its Identity node). */
  perOutput: number;
}

export async function dispatchCost(threads: number, rounds = 15, runs = 500): Promise<DispatchCost> {
  const options = {
    graphOptimizationLevel: 'all' as const,
    intraOpNumThreads: threads,
    extra: { session: { intra_op: { allow_spinning: '1' }, force_spinning_stop: '1' } },
  };
  const medians: Record<string, number> = {};
  for (const [name, g] of Object.entries(graphs())) {
    const session = await ort.InferenceSession.create(g.bytes, options);
    const x = new ort.Tensor('float32', new Float32Array(WIDTH).fill(1), [1, WIDTH]);
    try {
      for (let i = 0; i < runs * 2; i++) await session.run({ x }, g.fetch);
      const times: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const start = performance.now();
        for (let i = 0; i < runs; i++) await session.run({ x }, g.fetch);
        times.push(((performance.now() - start) / runs) * 1000);
      }
      times.sort((a, b) => a - b);
      medians[name] = times[Math.floor(times.length / 2)]!;
    } finally {
      await session.release();
    }
  }
  const base = medians.base!;
  const perNode = Object.fromEntries(Object.entries(medians).filter(([k]) => k !== 'base' && k !== 'one more output').map(([k, v]) => [k, (v - base) / CHAIN]));
  return { baseMicroseconds: base, perNode, perOutput: medians['one more output']! - base };
}
