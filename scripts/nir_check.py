#!/usr/bin/env python3
"""Checks that NIR files can be read the way the reference Python package `nir` reads them.

The reference package (neuromorphs/NIR, nir 1.0.x) is not installable here; this script applies the same steps with
h5py and numpy only, as its reader is documented to do (nir/serialization.py, nir/ir/*):

1. `/version` is a string dataset whose value `.decode("utf8")` gives the version.
2. `/node` is read recursively into a dict: every dataset is read with `[()]`, `bytes` values are decoded to `str`.
3. Each node dict is turned into a node by its `type` string; the constructor takes the node's fields only (an
   unknown key is an error, a missing required key is an error). `Input` and `Output` take `shape`.
4. `NIRGraph` edges are pairs of strings (bytes decoded), each naming a node of the graph.
5. With type checking on (the reference default), for every edge the output type of the source must equal the
   input type of the target. Types are derived as the reference node classes derive them (neuron types from the
   parameter shape, Affine/Linear from the weight, Conv from `input_shape`, Flatten from `input_type`); an edge
   whose types this script cannot derive (pooling nodes, nested graphs) is counted as unchecked and listed.

Usage: nir_check.py FILE [FILE ...]; prints one line per file and exits with 1 if any file fails.
"""
import sys

import h5py
import numpy as np

# fields each node constructor accepts (besides input_type / output_type / metadata), required first
FIELDS = {
    "Input": (["shape"], []),
    "Output": (["shape"], []),
    "Affine": (["weight", "bias"], []),
    "Linear": (["weight"], []),
    "Scale": (["scale"], []),
    "Flatten": (["start_dim", "end_dim"], ["input_type"]),
    "Conv1d": (["weight", "stride", "padding", "dilation", "groups", "bias"], ["input_shape"]),
    "Conv2d": (["weight", "stride", "padding", "dilation", "groups", "bias"], ["input_shape"]),
    "SumPool2d": (["kernel_size", "stride", "padding"], []),
    "AvgPool2d": (["kernel_size", "stride", "padding"], []),
    "Delay": (["delay"], []),
    "I": (["r"], []),
    "IF": (["r", "v_threshold"], ["v_reset"]),
    "LI": (["tau", "r", "v_leak"], []),
    "LIF": (["tau", "r", "v_leak", "v_threshold"], ["v_reset"]),
    "CubaLI": (["tau_syn", "tau_mem", "r", "v_leak"], ["w_in"]),
    "CubaLIF": (["tau_syn", "tau_mem", "r", "v_leak", "v_threshold"], ["v_reset", "w_in"]),
    "Threshold": (["threshold"], []),
}
COMMON = {"type", "metadata", "input_type", "output_type"}
# the parameter whose shape is the neuron shape (input and output type)
NEURON_SHAPE = {"I": "r", "IF": "r", "LI": "tau", "LIF": "tau", "CubaLI": "tau_mem", "CubaLIF": "tau_mem",
                "Threshold": "threshold", "Scale": "scale"}


def to_str(a):
    return a.decode("utf8") if isinstance(a, bytes) else a


def read_dict(group):
    out = {}
    for key, item in group.items():
        if isinstance(item, h5py.Group):
            out[key] = read_dict(item)
        else:
            out[key] = to_str(item[()])
    return out


def conv_out(size, pad, dil, k, stride):
    return int(np.floor((size + 2 * pad - dil * (k - 1) - 1) / stride + 1))


def types(node):
    """(input shape, output shape) of a node as the reference classes derive them; None where not derivable."""
    t = node["type"]
    if t in ("Input", "Output"):
        s = np.array(node["shape"]).reshape(-1)
        return s, s
    if t in ("Affine", "Linear"):
        w = np.asarray(node["weight"])
        return np.array([w.shape[1]]), np.array([w.shape[0]])
    if t in NEURON_SHAPE:
        s = np.array(np.asarray(node[NEURON_SHAPE[t]]).shape)
        return s, s
    if t in ("Conv1d", "Conv2d") and "input_shape" in node:
        w = np.asarray(node["weight"])
        dims = w.ndim - 2
        size = np.array(node["input_shape"]).reshape(-1)
        pad, dil, stride = (np.broadcast_to(np.asarray(node[k]).reshape(-1), (dims,)) for k in
                            ("padding", "dilation", "stride"))
        out = [conv_out(size[d], pad[d], dil[d], w.shape[2 + d], stride[d]) for d in range(dims)]
        return np.array([w.shape[1] * int(node["groups"]), *size]), np.array([w.shape[0], *out])
    if t == "Flatten" and "input_type" in node:
        shape = list(np.array(node["input_type"]).reshape(-1))
        start, end = int(node["start_dim"]), int(node["end_dim"])
        end = end if end >= 0 else len(shape) + end
        flat = shape[:start] + [int(np.prod(shape[start:end + 1]))] + shape[end + 1:]
        return np.array(shape), np.array(flat)
    return None, None


def check_graph(d, path, problems, unchecked):
    if "nodes" not in d or "edges" not in d:
        problems.append(f"{path}: a NIRGraph needs 'nodes' and 'edges'")
        return
    nodes = d["nodes"]
    for name, node in nodes.items():
        where = f"{path}/{name}"
        t = node.get("type")
        if not isinstance(t, str):
            problems.append(f"{where}: 'type' is not a string dataset ({type(t).__name__})")
            continue
        if t == "NIRGraph":
            check_graph(node, where, problems, unchecked)
            continue
        if t not in FIELDS:
            problems.append(f"{where}: unknown type {t}")
            continue
        required, optional = FIELDS[t]
        for key in required:
            if key not in node:
                problems.append(f"{where} ({t}): missing '{key}'")
        for key in node:
            if key not in required and key not in optional and key not in COMMON:
                problems.append(f"{where} ({t}): unexpected key '{key}'")
    edges = d["edges"]
    pairs = []
    for row in np.asarray(edges, dtype=object).reshape(-1, 2) if len(edges) else []:
        a, b = (to_str(x) for x in row)
        if not isinstance(a, str) or not isinstance(b, str):
            problems.append(f"{path}: edge {row} is not a pair of strings")
            continue
        for end in (a, b):
            if end not in nodes:
                problems.append(f"{path}: edge {a} -> {b} names unknown node {end}")
        pairs.append((a, b))
    for a, b in pairs:
        if a not in nodes or b not in nodes:
            continue
        if "NIRGraph" in (nodes[a].get("type"), nodes[b].get("type")):
            unchecked.append(f"{path}: {a} -> {b} (nested graph)")
            continue
        out_a = types(nodes[a])[1]
        in_b = types(nodes[b])[0]
        if out_a is None or in_b is None:
            unchecked.append(f"{path}: {a} ({nodes[a]['type']}) -> {b} ({nodes[b]['type']})")
        elif not np.array_equal(out_a, in_b):
            problems.append(f"{path}: type mismatch {a}.output {list(out_a)} -> {b}.input {list(in_b)}")


def string_kind(f):
    ds = f["node"]["type"]
    info = h5py.check_string_dtype(ds.dtype)
    if info is None:
        return "not a string"
    return "variable-length" if info.length is None else f"fixed-length ({info.length} bytes)"


def check(file):
    problems, unchecked = [], []
    with h5py.File(file, "r") as f:
        version = f["version"][()]
        if not isinstance(version, bytes):
            problems.append(f"/version is not a string dataset ({type(version).__name__})")
            version = b"?"
        # the reference reader compares node["type"][()] with a bytes literal
        if not f["node"]["type"][()] == b"NIRGraph":
            problems.append("/node/type is not b'NIRGraph'")
        kind = string_kind(f)
        d = read_dict(f["node"])
    check_graph(d, "/node", problems, unchecked)
    status = "FAIL" if problems else "OK"
    print(f"{status} {file}: version {version.decode('utf8')}, {len(d.get('nodes', {}))} nodes, "
          f"strings {kind}, {len(unchecked)} edge(s) not type-checked")
    for p in problems:
        print(f"  problem: {p}")
    for u in unchecked:
        print(f"  unchecked: {u}")
    return not problems


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    ok = all([check(f) for f in argv[1:]])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
