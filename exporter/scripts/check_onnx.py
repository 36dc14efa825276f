#!/usr/bin/python3
"""Validate exported SpectraCAM models with the reference ONNX tooling.

Run: /usr/bin/python3 exporter/scripts/check_onnx.py MODEL.onnx [MODEL.onnx ...]
(Debian's python3-onnx). For each file: onnx.checker.check_model(full_check=True), then
onnx.shape_inference.infer_shapes(strict_mode=True), then compare every declared graph output
shape with the one inference derives from the graph. Prints one JSON object per file and exits
non-zero when any check fails.
"""
import json
import sys

import onnx
from onnx import shape_inference


def dims(value_info):
    return [d.dim_param if d.HasField("dim_param") else d.dim_value
            for d in value_info.type.tensor_type.shape.dim]


def same_shape(declared, inferred):
    """Equal ranks and sizes; a declared symbolic dimension (batch) may be inferred under another
    symbol: a Reshape to [-1, ...] (the class riding in the batch dimension) loses its name."""
    if inferred is None or len(declared) != len(inferred):
        return False
    return all(d == i or (isinstance(d, str) and isinstance(i, str) and i != "") for d, i in zip(declared, inferred))


def check(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    declared = {o.name: dims(o) for o in model.graph.output}
    # Infer from a copy without declared output shapes, so the result is derived, not echoed back.
    stripped = onnx.ModelProto()
    stripped.CopyFrom(model)
    for o in stripped.graph.output:
        o.type.tensor_type.ClearField("shape")
    inferred_model = shape_inference.infer_shapes(stripped, check_type=True, strict_mode=True)
    inferred_all = {v.name: dims(v) for v in list(inferred_model.graph.value_info) + list(inferred_model.graph.output)}
    shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    inferred = {name: inferred_all.get(name) for name in declared}
    mismatches = {n: {"declared": declared[n], "inferred": inferred[n]} for n in declared if not same_shape(declared[n], inferred[n])}
    return {
        "path": path,
        "ir_version": model.ir_version,
        "opset": [[o.domain, o.version] for o in model.opset_import],
        "declared": declared,
        "inferred": inferred,
        "mismatches": mismatches,
        "ok": not mismatches,
    }


def main(paths):
    ok = True
    for path in paths:
        try:
            result = check(path)
        except Exception as error:  # report every file, then fail
            result = {"path": path, "ok": False, "error": f"{type(error).__name__}: {error}"}
        ok = ok and result["ok"]
        print(json.dumps(result))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
