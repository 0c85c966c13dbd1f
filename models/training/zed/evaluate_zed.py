#!/usr/bin/python3
"""Measures ZED's coding-cost statistics of a trained coder on HELD-OUT real photographs and on every generated
image (none of which any coder was trained on), as stored and after re-saves, for the design choices of
models/training/zed/README.md.

    nice -n 19 /usr/bin/python3 models/training/zed/evaluate_zed.py features --ckpt data/zed/runs/main/step3000.pt \
        --corpus data/corpus --out data/zed/eval/main-3000.tsv --variants stored,q90
    /usr/bin/python3 models/training/zed/evaluate_zed.py report data/zed/eval/main-3000.tsv

Images: real = the held-out photographs of the corpus (models/training/data/build_corpus.py, column split =
held-out, transform `original` or `resized*`: camera JPEGs of the held-out repositories, held-out gen-vs-real
collections, Debian wallpapers, python3-skimage); generated = every file of ../shared/datasets/gen-vs-real/generated
and gen-vs-real-2/generated as stored. Region: the central REGION x REGION crop (smaller images: their largest
multiple-of-16 rectangle), the region the Java indicator uses for its statistic.

`features` writes one row per image and variant: per level l (0..3) the coded values n_l and the sums of NLL,
exact entropy and approximated entropy (bits), also per colour channel. `report` prints ROC AUCs of candidate
statistics per variant.
"""
import argparse
import csv
import io
import json
import os
import sys

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from zed_model import entropy_approx_bits, entropy_bits_windowed, nll_bits, pyramid, to_luma  # noqa: E402
from train_zed import load  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "data"))
from build_corpus import find_shared, load_rgb  # noqa: E402

REGION = 256
VARIANTS = {
    "stored": None,
    "q95-420": ("jpeg", 95, 2), "q95-444": ("jpeg", 95, 0), "q90": ("jpeg", 90, 2), "q90-444": ("jpeg", 90, 0),
    "q80-420": ("jpeg", 80, 2), "q80-444": ("jpeg", 80, 0), "q70-420": ("jpeg", 70, 2), "q70-444": ("jpeg", 70, 0),
    "down0.9": ("down", 0.9), "down0.7": ("down", 0.7), "down0.5": ("down", 0.5),
}


def images(corpus, shared, split="held-out"):
    """(label, source, id, path). split "training": the TRAINING real photos only (the coder's own training photos,
    as published: the real-photo reference of the statistic)."""
    out = []
    with open(os.path.join(corpus, "index.tsv"), newline="") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            if r["label"] == "real" and r["split"] == split and (
                    r["transform"] == "original" or r["transform"].startswith("resized")):
                out.append(("real", r["source"], r["parent"], os.path.join(corpus, r["path"])))
    if split == "training":
        return out
    for coll in ("gen-vs-real", "gen-vs-real-2"):
        with open(os.path.join(shared, "datasets", coll, "SOURCES.tsv"), newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r["label"] == "generated":
                    out.append(("generated", r["generator"], os.path.splitext(os.path.basename(r["file"]))[0],
                                os.path.join(shared, "datasets", coll, r["file"])))
    return out


def apply_variant(im, name):
    v = VARIANTS[name]
    if v is None:
        return im
    if v[0] == "jpeg":
        b = io.BytesIO()
        im.save(b, "JPEG", quality=v[1], subsampling=v[2])
        b.seek(0)
        return Image.open(b).convert("RGB")
    w, h = im.size
    return im.resize((max(16, round(w * v[1])), max(16, round(h * v[1]))), Image.LANCZOS)


def region(im, side=REGION):
    """Central crop: side x side, or the largest multiple of 16 of each dimension below it."""
    w, h = im.size
    cw, ch = min(side, w // 16 * 16), min(side, h // 16 * 16)
    x, y = (w - cw) // 2, (h - ch) // 2
    a = np.asarray(im.crop((x, y, x + cw, y + ch)), dtype=np.float32)
    return torch.from_numpy(a).permute(2, 0, 1).unsqueeze(0).contiguous()


H_BINS = (0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6)


@torch.no_grad()
def image_stats(model, cfg, x):
    """Per level: (n values, NLL sum per channel, exact H sum per channel, approximate H sum per channel) and, at
    level 0, per bin of the exact entropy of a value (edges H_BINS): count, NLL sum, H sum."""
    if cfg["luma"]:
        x = to_luma(x)
    res = []
    bins = None
    for lv, (coarse, fine) in enumerate(pyramid(x, cfg["levels"])):
        params, ys = model(coarse, fine, lv)
        nll = h = ha = 0
        allv = []
        for p, y in zip(params, ys):
            a, b = nll_bits(*p, y), entropy_bits_windowed(*p)
            nll = nll + a.sum((0, 2, 3))
            h = h + b.sum((0, 2, 3))
            ha = ha + entropy_approx_bits(*p).sum((0, 2, 3))
            allv.append((a.flatten(), b.flatten()))
        n = ys[0].numel() * len(ys)
        res.append((n, nll.tolist(), h.tolist(), ha.tolist()))
        if lv == 0:
            a = torch.cat([v[0] for v in allv])
            b = torch.cat([v[1] for v in allv])
            k = torch.bucketize(b, torch.tensor(H_BINS))
            bins = [(int((k == i).sum()), float(a[k == i].sum()), float(b[k == i].sum())) for i in range(len(H_BINS) + 1)]
    return res, bins


def features(args):
    torch.set_num_threads(args.threads)
    model, cfg = load(args.ckpt)
    todo = images(args.corpus, find_shared(args.shared), args.split)
    if args.limit:
        by = {lab: [u for u in todo if u[0] == lab] for lab in ("real", "generated")}
        picked = [ts[::max(1, len(ts) // args.limit)][:args.limit] for ts in by.values()]
        # alternate the labels, so that a run stopped early still has both
        todo = [t for pair in zip(*picked) for t in pair] + [t for ts in picked for t in ts[min(map(len, picked)):]]
    variants = args.variants.split(",")
    done = set()
    if os.path.exists(args.out):
        with open(args.out) as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                done.add((r["id"], r["variant"]))
    new = not os.path.exists(args.out)
    with open(args.out, "a") as fh:
        if new:
            cols = ["label", "source", "id", "variant", "width", "height"]
            for lv in range(cfg["levels"]):
                cols += ["n%d" % lv] + ["%s%d_%s" % (k, lv, c) for k in ("nll", "h", "ha") for c in "rgb"[:3 if not cfg["luma"] else 1]]
            cols += ["bin%d_%s" % (i, k) for i in range(len(H_BINS) + 1) for k in ("n", "nll", "h")]
            fh.write("\t".join(cols) + "\n")
        for label, source, ident, path in todo:
            base = load_rgb(path)
            for v in variants:
                if (ident, v) in done:
                    continue
                im = apply_variant(base, v)
                if min(im.size) < 16 * 2:
                    continue
                x = region(im)
                row = [label, source, ident, v, str(x.shape[3]), str(x.shape[2])]
                levels, bins = image_stats(model, cfg, x)
                for n, nll, h, ha in levels:
                    row += [str(n)] + ["%.2f" % s for s in nll + h + ha]
                for c, a, b in bins:
                    row += [str(c), "%.2f" % a, "%.2f" % b]
                fh.write("\t".join(row) + "\n")
                fh.flush()


def auc(pos, neg):
    """ROC AUC, ties counted half."""
    pos, neg = np.asarray(pos, float), np.asarray(neg, float)
    allv = np.concatenate([pos, neg])
    order = allv.argsort(kind="mergesort")
    ranks = np.empty(len(allv))
    sv = allv[order]
    i = 0
    while i < len(sv):
        j = i
        while j + 1 < len(sv) and sv[j + 1] == sv[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return (ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def level_table(rows):
    """Per row: arrays nll[l], h[l], ha[l] in bits per coded value (all channels)."""
    out = []
    for r in rows:
        L = sum(1 for k in r if k.startswith("n") and k[1:].isdigit())
        chans = [c for c in "rgb" if "nll0_" + c in r]
        f = {}
        for name, key in (("nll", "nll"), ("h", "h"), ("ha", "ha")):
            f[name] = np.array([sum(float(r["%s%d_%s" % (key, l, c)]) for c in chans) / float(r["n%d" % l])
                                for l in range(L)])
        out.append(f)
    return out


STATS = {
    "D0 (NLL-H, level 0)": lambda f: f["nll"][0] - f["h"][0],
    "-D0": lambda f: -(f["nll"][0] - f["h"][0]),
    "|D0|": lambda f: abs(f["nll"][0] - f["h"][0]),
    "D0 approx. entropy": lambda f: f["nll"][0] - f["ha"][0],
    "|D0| approx. entropy": lambda f: abs(f["nll"][0] - f["ha"][0]),
    "D1": lambda f: f["nll"][1] - f["h"][1],
    "D2": lambda f: f["nll"][2] - f["h"][2],
    "slope D0-D1": lambda f: (f["nll"][0] - f["h"][0]) - (f["nll"][1] - f["h"][1]),
    "|slope D0-D1|": lambda f: abs((f["nll"][0] - f["h"][0]) - (f["nll"][1] - f["h"][1])),
    "slope D0-D2": lambda f: (f["nll"][0] - f["h"][0]) - (f["nll"][2] - f["h"][2]),
    "NLL0 (coding cost only)": lambda f: f["nll"][0],
    "-NLL0": lambda f: -f["nll"][0],
    "mean D0..D2": lambda f: np.mean(f["nll"][:3] - f["h"][:3]),
    "D0/H0 (relative gap)": lambda f: (f["nll"][0] - f["h"][0]) / f["h"][0],
    "D0 + slope": lambda f: 2 * (f["nll"][0] - f["h"][0]) - (f["nll"][1] - f["h"][1]),
    "|D0|+|D0-D1|": lambda f: abs(f["nll"][0] - f["h"][0]) + abs((f["nll"][0] - f["h"][0]) - (f["nll"][1] - f["h"][1])),
}


def report(args):
    with open(args.tsv) as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    feats = level_table(rows)
    variants = sorted({r["variant"] for r in rows}, key=lambda v: list(VARIANTS).index(v))
    print("statistic | " + " | ".join(variants))
    for name, fn in STATS.items():
        cells = []
        for v in variants:
            pos = [fn(f) for r, f in zip(rows, feats) if r["variant"] == v and r["label"] == "generated"]
            neg = [fn(f) for r, f in zip(rows, feats) if r["variant"] == v and r["label"] == "real"]
            cells.append("%.3f" % auc(pos, neg) if pos and neg else "-")
        print(name + " | " + " | ".join(cells))
    for v in variants:
        for lab in ("real", "generated"):
            fs = [f for r, f in zip(rows, feats) if r["variant"] == v and r["label"] == lab]
            if fs:
                d = np.array([f["nll"] - f["h"] for f in fs])
                print("%s %s n=%d  mean D per level %s  NLL %s" % (v, lab, len(fs), np.round(d.mean(0), 3),
                                                                 np.round(np.mean([f["nll"] for f in fs], 0), 3)))


def reference(args):
    """Median gap D_l of the real TRAINING photos as stored (the real-photo reference of the statistic), as the JSON
    properties realGapL<l> that export_zed.py --accuracy writes into the coder's manifest entry."""
    with open(args.tsv) as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["variant"] == "stored" and r["label"] == "real"]
    d = np.array([f["nll"] - f["h"] for f in level_table(rows)])
    out = {"realGapL%d" % l: "%.4f" % np.median(d[:, l]) for l in range(d.shape[1])}
    out["realGapPhotos"] = str(len(rows))
    print(json.dumps(out, indent=1))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("features")
    f.add_argument("--ckpt", required=True)
    f.add_argument("--corpus", default="data/corpus")
    f.add_argument("--out", required=True)
    f.add_argument("--variants", default="stored,q90")
    f.add_argument("--threads", type=int, default=1)
    f.add_argument("--shared", help="the shared data folder (default: $PROVENANT_SHARED, else shared/ beside the repository)")
    f.add_argument("--split", default="held-out", help="held-out (real and generated) or training (real reference)")
    f.add_argument("--limit", type=int, default=0, help="at most this many images per label, spread (quick checks)")
    r = sub.add_parser("report")
    r.add_argument("tsv")
    g = sub.add_parser("reference")
    g.add_argument("tsv")
    args = ap.parse_args()
    {"features": features, "report": report, "reference": reference}[args.cmd](args)


if __name__ == "__main__":
    main()
