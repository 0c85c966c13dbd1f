#!/usr/bin/python3
"""Aligned pairs for the decoder-trace detector (issue 21 item 2): real photographs and their reconstructions through
decoders, no denoising (Rajan et al., ICLR 2025, arXiv 2410.11835).

    nice -n 19 /usr/bin/python3 models/training/decoder_traces/pairs.py train-ae --design ae-bilinear-c16 --steps 400
    nice -n 19 /usr/bin/python3 models/training/decoder_traces/pairs.py reconstruct
    nice -n 19 /usr/bin/python3 models/training/decoder_traces/pairs.py index

`train-ae` trains one of our small autoencoders (decoders.AE_DESIGNS) on random 64 px patches of the TRAINING real
photos of the corpus (models/training/splits.py; L1 + MSE, Adam, seeded) and writes data/decoder-pairs/weights/<design>.pt.
`reconstruct` puts the lossless crop of one in three real photos of the corpus (its central 128 px)
through TAEF2 (../shared/models/taef2) and every trained autoencoder: data/decoder-pairs/<decoder>/<parent>.png.
`index` writes data/decoder-pairs/index.tsv (input, reconstruction, decoder, parent, split), adding the codec class's
reconstructions (hp, jpeg-ai, ms, adv: data/codec-class) of the same crops.
"""
import argparse
import hashlib
import os
import random
import sys
import time

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, HERE)
from decoders import AE_DESIGNS, SmallAE, load_taef2  # noqa: E402

SEED = 20261206
MAX_SIDE = 128  # central 128 px: four 64 px patches per photo, at a quarter of the cost of 256 px (2 shared CPU cores)


def read_index(path):
    lines = [l.rstrip("\n").split("\t") for l in open(path)]
    return [dict(zip(lines[0], l)) for l in lines[1:] if l and l[0]]


def photos(data, split=None):
    """(parent, split, crop file) of every real photo's lossless crop in the corpus."""
    corpus = os.path.join(data, "corpus")
    out = []
    for r in read_index(os.path.join(corpus, "index.tsv")):
        t = r["transform"]
        if r["label"] == "real" and t.startswith("crop") and t[4:].isdigit() and (split is None or r["split"] == split):
            out.append((r["parent"], r["split"], os.path.join(corpus, r["path"])))
    return sorted(out)


def load(path):
    im = Image.open(path).convert("RGB")
    if max(im.size) > MAX_SIDE:
        x0, y0 = (im.size[0] - MAX_SIDE) // 2, (im.size[1] - MAX_SIDE) // 2
        im = im.crop((x0, y0, x0 + MAX_SIDE, y0 + MAX_SIDE))
    return np.asarray(im, dtype=np.float32) / 255.0


def to_tensor(a):
    return torch.from_numpy(a.transpose(2, 0, 1).copy())[None]


def save(t, path):
    a = (t[0].clamp(0, 1).numpy().transpose(1, 2, 0) * 255.0 + 0.5).astype(np.uint8)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    Image.fromarray(a).save(path)


def train_ae(a):
    torch.manual_seed(SEED)
    rng = random.Random("%d:%s" % (SEED, a.design))
    kind, latent = AE_DESIGNS[a.design]
    model = SmallAE(kind, latent)
    imgs = [load(p) for _, _, p in photos(a.data, "training")]
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    t0 = time.time()
    log = open(os.path.join(a.data, "decoder-pairs", "weights", a.design + ".log"), "a")
    step = 0
    for step in range(1, a.steps + 1):
        batch = []
        for _ in range(a.batch):
            im = imgs[rng.randrange(len(imgs))]
            h, w = im.shape[:2]
            y, x = rng.randrange(h - 64 + 1), rng.randrange(w - 64 + 1)
            p = im[y:y + 64, x:x + 64]
            if rng.random() < 0.5:
                p = p[:, ::-1]
            batch.append(p.transpose(2, 0, 1))
        x = torch.from_numpy(np.ascontiguousarray(np.stack(batch)))
        y = model(x)
        loss = (y - x).abs().mean() + ((y - x) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 100 == 0:
            psnr = -10 * np.log10(float(((y.clamp(0, 1) - x) ** 2).mean()))
            print("%s step %d loss %.4f psnr %.2f dB %.0f s" % (a.design, step, float(loss), psnr, time.time() - t0), file=log, flush=True)
        if a.budget_min and time.time() - t0 > 60 * a.budget_min:
            break
    path = os.path.join(a.data, "decoder-pairs", "weights", a.design + ".pt")
    torch.save(model.state_dict(), path)
    print("%s: %d steps, %.1f min, %s" % (a.design, step, (time.time() - t0) / 60, path), file=log, flush=True)


def decoders(a):
    """name -> function(tensor) -> reconstruction, for TAEF2 and every trained autoencoder."""
    enc, dec = load_taef2(a.taef2)
    out = {"taef2": lambda x: dec(enc(x))}
    for name, (kind, latent) in AE_DESIGNS.items():
        w = os.path.join(a.data, "decoder-pairs", "weights", name + ".pt")
        if os.path.exists(w):
            m = SmallAE(kind, latent)
            m.load_state_dict(torch.load(w, map_location="cpu"))
            out[name] = m.eval()
    return out


def kept(parent, every):
    """One in `every` photos (by a hash of the photo id)."""
    return int(hashlib.sha1(parent.encode()).hexdigest()[:8], 16) % every == 0


def reconstruct(a):
    decs = decoders(a)
    only = set(a.only.split(",")) if a.only else None
    with torch.no_grad():
        for parent, split, path in photos(a.data):
            if not kept(parent, a.every):
                continue
            x = None
            for name, f in decs.items():
                if only and name not in only:
                    continue
                dst = os.path.join(a.data, "decoder-pairs", name, parent + ".png")
                if os.path.exists(dst):
                    continue
                if x is None:
                    x = to_tensor(load(path))
                save(f(x), dst)
            inp = os.path.join(a.data, "decoder-pairs", "input", parent + ".png")
            if not os.path.exists(inp):
                save(to_tensor(load(path)), inp)
    print("reconstructions in", os.path.join(a.data, "decoder-pairs"))


def index(a):
    base = os.path.join(a.data, "decoder-pairs")
    rows = []
    splits = {p: s for p, s, _ in photos(a.data)}
    for name in sorted(os.listdir(base)):
        d = os.path.join(base, name)
        if name in ("input", "weights") or not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            parent = f[:-4]
            if parent in splits:
                rows.append(["input/" + f, name + "/" + f, name, parent, splits[parent]])
    codec = os.path.join(a.data, "codec-class")
    crops = {p: path for p, _, path in photos(a.data)}
    if os.path.exists(os.path.join(codec, "index.tsv")):
        for r in read_index(os.path.join(codec, "index.tsv")):
            if r["parent"] not in splits:
                continue
            # the codec's own input: the corpus crop, or its central 384 px (written by build_codec_class.py)
            t = r["transform"].rsplit("-" + r["source"] + "-", 1)[0]
            inp = os.path.join(codec, "inputs", "%s__%s.png" % (r["parent"], t))
            if not os.path.exists(inp):
                inp = crops[r["parent"]]
            rows.append([os.path.relpath(inp, base), os.path.join("..", "codec-class", r["path"]), r["source"],
                         r["parent"], splits[r["parent"]]])
    with open(os.path.join(base, "index.tsv"), "w") as fh:
        fh.write("input\treconstruction\tdecoder\tparent\tsplit\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    with open(os.path.join(base, "manifest.sha256"), "w") as fh:
        for r in rows:
            if not r[1].startswith(".."):
                fh.write("%s  %s\n" % (hashlib.sha256(open(os.path.join(base, r[1]), "rb").read()).hexdigest(), r[1]))
    print(len(rows), "pairs in", os.path.join(base, "index.tsv"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["train-ae", "reconstruct", "index"])
    ap.add_argument("--data", default=os.path.join(REPO, "data"))
    ap.add_argument("--taef2", default=os.path.join(REPO, "..", "shared", "models", "taef2"))
    ap.add_argument("--design", choices=sorted(AE_DESIGNS))
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--budget-min", type=float, default=0)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--only", default="", help="reconstruct: only these decoders")
    ap.add_argument("--every", type=int, default=3, help="reconstruct: one in N photos of either split")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    os.makedirs(os.path.join(a.data, "decoder-pairs", "weights"), exist_ok=True)
    {"train-ae": train_ae, "reconstruct": reconstruct, "index": index}[a.mode](a)


if __name__ == "__main__":
    main()
