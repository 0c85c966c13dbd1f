#!/usr/bin/python3
"""Measures a trained localizer (train_localizer.py) on whole images it never saw: the first N HELD-OUT synthetic
edits (ids sorted, as `provenant fit-localization --max-heldout N` takes them) with their untouched hosts, untouched
held-out photos (an index.tsv of real photos), and a masked validation set (../shared/datasets/real-edits:
VALIDATION ONLY, nothing is fitted on it; no threshold is fitted anywhere here: the map is cut at 0.5).

Two steps (CPU, 1 thread, deterministic):
  nice -n 19 /usr/bin/python3 models/training/localizer/evaluate_localizer.py noiseprints \
      --noiseprint data/noiseprint/last.pt --cache data/unet-localizer/np-cache --max-heldout 60 \
      --untouched data/loccues-sets/untouched-small --validation ../shared/datasets/real-edits
  nice -n 19 /usr/bin/python3 models/training/localizer/evaluate_localizer.py score data/unet-localizer/final.pt \
      (same set options) --out data/unet-localizer/eval

noiseprints: the noiseprint of every image (whole image at once: the network's receptive radius is 10 pixels, so
this equals the Java side's windows with 16 pixels of context), cached by the SHA-1 of the file's bytes (float16).
score: the localizer runs on tiles of TILE x TILE pixels (its training crop size) at offsets that are multiples of 8
(the image cropped to whole 8x8 blocks; overlapping last tiles averaged; images under TILE pixels run whole); per
image: the map, the highest window probability over the tiles (`window`), the map's maximum (`map_max`) and its
99.5th percentile (`map_p995`). Writes scores.tsv (one line per image) and prints the tables: pixel-level ROC AUC
(pooled over the edited images' pixels), per-type mean F1 and IoU of the map >= 0.5 (0 where nothing is marked),
and image-level ROC AUC of each score, edits against every unedited image and against their originals, with the
share of edits above the score that 5 % of all unedited (10 % of the originals) exceed.
"""
import argparse
import csv
import hashlib
import os
import sys

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import features  # noqa: E402
from train_localizer import CROP, Localizer, load_noiseprint, load_rgb01  # noqa: E402

TILE = CROP
SCORES = ("window", "map_max", "map_p995")


def fold(key):
    """MaskedSet.fold: the held-out fold of a source (0 fits thresholds in fit-localization, 1 states figures)."""
    return hashlib.sha1(key.encode("utf-8")).digest()[7] & 1


def items(a):
    """(path, mask path or None, kind, type, group, source); kind: edit, original, untouched; group: synthetic or validation."""
    out = []
    with open(os.path.join(a.edits, "index.tsv"), newline="") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["split"] == "heldout"]
    rows.sort(key=lambda r: r["id"])
    for r in rows[:a.max_heldout]:
        out.append((os.path.join(a.edits, r["path"]), os.path.join(a.edits, r["mask"]), "edit", r["edit_type"],
                    "synthetic", r["host_key"]))
        out.append((os.path.join(a.edits, r["original"]), None, "original", r["edit_type"], "synthetic", r["host_key"]))
    if a.untouched:
        with open(os.path.join(a.untouched, "index.tsv"), newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r["label"] == "real":
                    out.append((r["path"], None, "untouched", "-", "synthetic", r["source"]))
    if a.validation:
        with open(os.path.join(a.validation, "SOURCES.tsv"), newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                p = os.path.join(a.validation, r["file"])
                edit = r["kind"] == "edit"
                out.append((p, p[:p.rfind(".")] + ".mask.png" if edit else None, "edit" if edit else "original",
                            r["edit_type"], "validation", r["benchmark"]))
    return out


def file_key(path):
    with open(path, "rb") as f:
        return hashlib.sha1(f.read()).hexdigest()


@torch.no_grad()
def noiseprints(a):
    torch.set_num_threads(a.threads)
    net = load_noiseprint(a.noiseprint)
    os.makedirs(a.cache, exist_ok=True)
    todo = items(a)
    for i, it in enumerate(todo):
        f = os.path.join(a.cache, file_key(it[0]) + ".npy")
        if os.path.exists(f):
            continue
        rgb = load_rgb01(it[0])
        npr = net(torch.from_numpy(np.ascontiguousarray(rgb)).permute(2, 0, 1)[None])[0, 0].numpy()
        np.save(f + ".tmp.npy", npr.astype(np.float16))
        os.replace(f + ".tmp.npy", f)
        if (i + 1) % 20 == 0:
            print(f"{i + 1}/{len(todo)}", flush=True)
    print(f"noiseprints of {len(todo)} images in {a.cache}")


def starts(side):
    if side <= TILE:
        return [0]
    s = list(range(0, side - TILE + 1, TILE))
    if s[-1] + TILE < side:
        s.append(side - TILE)
    return s


@torch.no_grad()
def localize(net, planes):
    """planes [C, H, W] (H, W multiples of 8) -> (map [H, W], highest window probability)."""
    _, h, w = planes.shape
    acc, cnt, best = np.zeros((h, w), np.float32), np.zeros((h, w), np.float32), 0.0
    th, tw = min(TILE, h), min(TILE, w)
    for y in starts(h):
        for x in starts(w):
            m, d = net(torch.from_numpy(np.ascontiguousarray(planes[:, y:y + th, x:x + tw]))[None])
            acc[y:y + th, x:x + tw] += m[0, 0].numpy()
            cnt[y:y + th, x:x + tw] += 1
            best = max(best, float(d[0, 0]))
    return acc / cnt, best


def auc(pos, neg):
    """ROC AUC with ties counted half (Mann-Whitney)."""
    from scipy.stats import rankdata
    pos, neg = np.asarray(pos, np.float64), np.asarray(neg, np.float64)
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    r = rankdata(np.concatenate([pos, neg]))
    return float((r[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg)))


def score(a):
    torch.set_num_threads(a.threads)
    ck = torch.load(a.checkpoint)
    net = Localizer(w=tuple(ck["widths"]))
    net.load_state_dict(ck["net"])
    net.eval()
    os.makedirs(a.out, exist_ok=True)
    rows, pix = [], {}
    for it in items(a):
        path, mask_path, kind, etype, group, source = it
        rgb = load_rgb01(path)
        npr = np.load(os.path.join(a.cache, file_key(path) + ".npy")).astype(np.float32)
        h8, w8 = rgb.shape[0] // 8 * 8, rgb.shape[1] // 8 * 8
        planes = features.input_planes(rgb[:h8, :w8], npr[:h8, :w8])
        if a.without_resave:
            planes[4:] = 0
        m8, window = localize(net, planes)
        m = np.pad(m8, ((0, rgb.shape[0] - h8), (0, rgb.shape[1] - w8)), mode="edge")
        row = {"file": path, "kind": kind, "type": etype, "group": group, "source": source,
               "fold": fold(source) if group == "synthetic" and kind != "untouched" else "",
               "window": window, "map_max": float(m.max()), "map_p995": float(np.percentile(m, 99.5)),
               "f1": "", "iou": "", "share": ""}
        if mask_path:
            gt = np.asarray(Image.open(mask_path).convert("L")) >= 128
            if gt.shape != m.shape:
                raise ValueError(f"mask {gt.shape} != image {m.shape}: {path}")
            pred = m >= 0.5
            inter, union = float((pred & gt).sum()), float((pred | gt).sum())
            row["iou"] = inter / union if union else 0.0
            row["f1"] = 2 * inter / (pred.sum() + gt.sum()) if pred.sum() + gt.sum() else 0.0
            row["share"] = float(gt.mean())
            sub = (slice(None, None, 2), slice(None, None, 2))
            pix.setdefault(group, ([], []))[0].append(m[sub][gt[sub]])
            pix[group][1].append(m[sub][~gt[sub]])
        rows.append(row)
        if len(rows) % 20 == 0:
            print(f"{len(rows)} images", flush=True)
    with open(os.path.join(a.out, "scores.tsv"), "w", newline="") as fh:
        wr = csv.DictWriter(fh, fieldnames=list(rows[0].keys()), delimiter="\t")
        wr.writeheader()
        wr.writerows(rows)
    report = tables(rows, pix)
    with open(os.path.join(a.out, "tables.txt"), "w") as fh:
        fh.write(report)
    print(report)


def tables(rows, pix):
    lines = []
    for group in ("synthetic", "validation"):
        g = [r for r in rows if r["group"] == group]
        if not g:
            continue
        edits = [r for r in g if r["kind"] == "edit"]
        origs = [r for r in g if r["kind"] == "original"]
        unedited = [r for r in g if r["kind"] != "edit"]
        lines.append(f"== {group}: {len(edits)} edits, {len(origs)} originals, {len(unedited) - len(origs)} untouched photos")
        if group in pix:
            pos, neg = (np.concatenate(p) for p in pix[group])
            lines.append(f"pixel-level ROC AUC (edited images, every 2nd pixel pooled): {auc(pos, neg):.3f}")
        for sel_name, sel in (("all", edits), ("fold 1", [r for r in edits if r["fold"] == 1])):
            if group == "validation" and sel_name != "all":
                continue
            parts = []
            for t in sorted({r["type"] for r in sel}):
                rr = [r for r in sel if r["type"] == t]
                parts.append(f"{t} {np.mean([r['f1'] for r in rr]):.2f}/{np.mean([r['iou'] for r in rr]):.2f} ({len(rr)})")
            ious = [r["iou"] for r in sel]
            lines.append(f"F1/IoU of map>=0.5, mean per edit ({sel_name}): " + ", ".join(parts)
                         + f"; all {np.mean([r['f1'] for r in sel]):.2f}/{np.mean(ious):.2f}, median IoU {np.median(ious):.2f}"
                         + f" (marking the whole image: mean IoU {np.mean([r['share'] for r in sel]):.2f})")
        for s in SCORES:
            e, u, o = ([r[s] for r in x] for x in (edits, unedited, origs))
            t_all, t_orig = np.percentile(u, 95), np.percentile(o, 90)
            line = f"image score {s}: AUC vs every unedited {auc(e, u):.3f}, vs originals {auc(e, o):.3f}"
            line += (f"; edits above the 5 % unedited score {np.mean(np.array(e) > t_all) * 100:.1f} %, above the 10 %"
                     f" originals score {np.mean(np.array(e) > t_orig) * 100:.1f} %")
            lines.append(line)
            if group == "validation":
                for t in sorted({r["type"] for r in edits}):
                    lines.append(f"    {t}: AUC vs originals {auc([r[s] for r in edits if r['type'] == t], o):.3f}")
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("noiseprints", "score"):
        p = sub.add_parser(name)
        if name == "score":
            p.add_argument("checkpoint")
            p.add_argument("--out", default="data/unet-localizer/eval")
            p.add_argument("--without-resave", action="store_true", help="zero the re-save planes (ablation)")
        else:
            p.add_argument("--noiseprint", default="data/noiseprint/last.pt")
        p.add_argument("--edits", default="data/edits")
        p.add_argument("--max-heldout", type=int, default=60)
        p.add_argument("--untouched", default=None, help="folder with an index.tsv of untouched photos (label real)")
        p.add_argument("--validation", default=None, help="a masked validation set (SOURCES.tsv), e.g. real-edits")
        p.add_argument("--cache", default="data/unet-localizer/np-cache")
        p.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    noiseprints(a) if a.cmd == "noiseprints" else score(a)


if __name__ == "__main__":
    main()
