#!/usr/bin/env python3
"""Makes the JPEG AI verification-model graphs accept any height and width (multiples of 128 for luma).

The upstream ONNX exports (shared/models/jpeg-ai-vm, JPEG AI verification-model networks, Smart Harmony LLC,
CC BY 4.0) declare fixed 1024x1024 (luma) / 512x512 (chroma) shapes, but every node is a convolution, a
transposed convolution (no output_shape attribute), an element-wise op with scalar constants or an activation.
This script rewrites only the declared shapes: dims 2 and 3 of each graph input and output become the symbolic
"h"/"w", and the value_info entries (intermediate shapes computed for 1024x1024) are dropped. Nodes, weights and
attributes are untouched (byte-identical). Pure standard library: a minimal protobuf wire-format rewrite, since
the onnx package is not available here.

    python3 models/training/jpegai_dynamic.py ../shared/models/jpeg-ai-vm models/jpeg-ai
"""
import hashlib, os, sys

GRAPHS = ["encoder/single_encode_y.onnx", "encoder/single_encode_uv.onnx", "encoder/hyper_encoder_y.onnx",
          "encoder/hyper_encoder_uv.onnx", "decoder/hyper_decoder_y.onnx", "decoder/hyper_decoder_uv.onnx",
          "decoder/hyper_scale_decoder_y.onnx", "decoder/hyper_scale_decoder_uv.onnx", "decoder/decoder_y.onnx",
          "decoder/decoder_uv.onnx"]


def varint(b, i):
    r = s = 0
    while True:
        c = b[i]; i += 1; r |= (c & 0x7f) << s; s += 7
        if c < 0x80:
            return r, i


def enc_varint(v):
    out = bytearray()
    while True:
        c = v & 0x7f; v >>= 7
        if v:
            out.append(c | 0x80)
        else:
            out.append(c); return bytes(out)


def fields(b):
    i, out = 0, []
    while i < len(b):
        key, i = varint(b, i); f, wt = key >> 3, key & 7
        if wt == 0:
            v, i = varint(b, i)
        elif wt == 1:
            v = b[i:i + 8]; i += 8
        elif wt == 5:
            v = b[i:i + 4]; i += 4
        elif wt == 2:
            n, i = varint(b, i); v = b[i:i + n]; i += n
        else:
            raise ValueError("wire type %d" % wt)
        out.append((f, wt, v))
    return out


def build(fs):
    out = bytearray()
    for f, wt, v in fs:
        out += enc_varint(f << 3 | wt)
        if wt == 0:
            out += enc_varint(v)
        elif wt == 2:
            out += enc_varint(len(v)) + v
        else:
            out += v
    return bytes(out)


def sub(fs, field, fn):
    return [(f, wt, fn(v) if f == field else v) for f, wt, v in fs]


def symbolic_hw(value_info):
    # ValueInfoProto.type(2) -> TypeProto.tensor_type(1) -> shape(2) -> dim(1)*: dim_value(1) | dim_param(2)
    def shape(s):
        dims, k = [], 0
        for f, wt, v in fields(s):
            if f == 1:
                if k in (2, 3):
                    v = build([(2, 2, b"h" if k == 2 else b"w")])
                k += 1
            dims.append((f, wt, v))
        return build(dims)
    tensor = lambda t: build(sub(fields(t), 2, shape))
    typ = lambda t: build(sub(fields(t), 1, tensor))
    return build(sub(fields(value_info), 2, typ))


def graph(g):
    out = []
    for f, wt, v in fields(g):
        if f == 13:      # value_info: intermediate shapes for 1024x1024, dropped
            continue
        if f in (11, 12):  # input, output
            v = symbolic_hw(v)
        out.append((f, wt, v))
    return build(out)


def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    for rel in GRAPHS:
        data = open(os.path.join(src, rel), "rb").read()
        out = build(sub(fields(data), 7, graph))  # ModelProto.graph = 7
        path = os.path.join(dst, os.path.basename(rel))
        open(path, "wb").write(out)
        print("%s  %s (from %s %s)" % (hashlib.sha256(out).hexdigest(), path, rel, hashlib.sha256(data).hexdigest()))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
