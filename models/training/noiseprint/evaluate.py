#!/usr/bin/python3
"""Measures the noiseprint indicator and the learned localizer (through their Python mirror, mirror.py) on:

  real-edits      ../shared/datasets/real-edits: VALIDATION ONLY (never trained on, no threshold fitted on it);
                  edits with masks, per edit type and source benchmark, and the originals some of them have
  heldout-photos  untouched HELD-OUT photos listed by data/heldout-photos/index.tsv (models/training/edits/
                  heldout_photos.py: held-out real-camera repositories and gen-vs-real collections, python3-skimage
                  photos, Debian wallpaper photos)
  camera-heldout  (optional) HELD-OUT photos of ../shared/datasets/real-camera (models/training/splits.py)
  gvr-heldout     (optional) HELD-OUT photo collections of ../shared/datasets/gen-vs-real/real
  edits-heldout   data/edits/heldout: self-made edits of HELD-OUT photos and their untouched hosts (where the
                  verdict calibration is fitted; never trained on)

  nice -n 19 /usr/bin/python3 models/training/noiseprint/evaluate.py --noiseprint data/noiseprint/final.pt \
      --localizer data/localizer/final.pt --out data/eval-noiseprint/scores.tsv

Writes one row per image (scores, and pixel F1 / IoU of each map thresholded at 0.5 where a mask exists);
summarize.py turns it into the tables of docs/noiseprint.md.
"""
import argparse
import csv
import os
import random
import sys
import time

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "localizer"))
sys.path.insert(0, os.path.join(HERE, "..", "data"))
import mirror  # noqa: E402
import splits  # noqa: E402

COLUMNS = ["set", "group", "label", "path", "width", "height", "np_score", "np_share", "loc_score", "loc_share",
           "np_f1", "np_iou", "loc_f1", "loc_iou", "mask_share", "seconds"]


def items(shared, edits, heldout_photos, wanted, limit, seed):
    """(set, group, label, image path, mask path or None)."""
    out = []
    ds = os.path.join(shared, "datasets")
    if "real-edits" in wanted:
        with open(os.path.join(ds, "real-edits", "SOURCES.tsv"), newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                p = os.path.join(ds, "real-edits", r["file"])
                if r["kind"] == "edit":
                    stem = os.path.splitext(p)[0]
                    out.append(("real-edits", f"{r['edit_type']}|{r['benchmark']}", "edited", p, stem + ".mask.png"))
                else:
                    out.append(("real-edits", f"original|{r['benchmark']}", "real", p, None))
    if "heldout-photos" in wanted:
        with open(os.path.join(heldout_photos, "index.tsv"), newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                out.append(("heldout-photos", r["collection"], "real", r["path"], None))
    if "camera-heldout" in wanted:
        for r in splits.real_camera_rows(shared):
            if r["split"] == "held-out":
                out.append(("camera-heldout", r["repo"], "real", os.path.join(ds, "real-camera", r["file"]), None))
    if "gvr-heldout" in wanted:
        with open(os.path.join(ds, "gen-vs-real", "SOURCES.tsv"), newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r["label"] != "real":
                    continue
                src = splits.photo_source(r["path_in_repo"])
                if src == "skimage" or not splits.is_training(src):
                    out.append(("gvr-heldout", src, "real", os.path.join(ds, "gen-vs-real", r["file"]), None))
    if "edits-heldout" in wanted:
        with open(os.path.join(edits, "index.tsv"), newline="") as fh:
            for r in csv.DictReader(fh, delimiter="\t"):
                if r["split"] != "heldout":
                    continue
                out.append(("edits-heldout", f"{r['edit_type']}|{r['subtype']}", "edited",
                            os.path.join(edits, r["path"]), os.path.join(edits, r["mask"])))
                out.append(("edits-heldout", "original", "real", os.path.join(edits, r["original"]), None))
    if limit:
        rng = random.Random(seed)
        by_set = {}
        for it in out:
            by_set.setdefault(it[0], []).append(it)
        out = [it for s in sorted(by_set) for it in (by_set[s] if len(by_set[s]) <= limit else rng.sample(by_set[s], limit))]
    return out


def f1_iou(pred, mask):
    inter = float((pred & mask).sum())
    union = float((pred | mask).sum())
    return 2 * inter / max(1.0, pred.sum() + mask.sum()), inter / max(1.0, union)


def load_net(path, kind):
    ck = torch.load(path)
    if kind == "noiseprint":
        from train_noiseprint import Noiseprint
        net = Noiseprint(ck["channels"], ck["layers"])
    else:
        from train_localizer import Localizer
        net = Localizer(w=tuple(ck["widths"]))
    net.load_state_dict(ck["net"])
    net.eval()
    return net


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--noiseprint", required=True)
    ap.add_argument("--localizer", default=None)
    ap.add_argument("--shared", default=os.environ.get("PROVENANT_SHARED", "../shared"))
    ap.add_argument("--edits", default="data/edits")
    ap.add_argument("--heldout-photos", default="data/heldout-photos",
                    help="folder of index.tsv listing untouched held-out photos (models/training/edits/heldout_photos.py)")
    ap.add_argument("--sets", default="real-edits,heldout-photos,edits-heldout")
    ap.add_argument("--limit", type=int, default=0, help="at most this many images per set (seeded sample)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--out", default="data/eval-noiseprint/scores.tsv")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    npn = load_net(a.noiseprint, "noiseprint")
    loc = load_net(a.localizer, "localizer") if a.localizer else None
    todo = items(a.shared, a.edits, a.heldout_photos, set(a.sets.split(",")), a.limit, 1)
    os.makedirs(os.path.dirname(a.out) or ".", exist_ok=True)
    done = set()
    if os.path.exists(a.out):
        with open(a.out, newline="") as fh:
            done = {r["path"] for r in csv.DictReader(fh, delimiter="\t")}
    new = not os.path.exists(a.out)
    with open(a.out, "a", newline="") as fh:
        wr = csv.DictWriter(fh, COLUMNS, delimiter="\t")
        if new:
            wr.writeheader()
        for k, (sname, group, label, path, mpath) in enumerate(todo):
            if path in done:
                continue
            t0 = time.time()
            rgb = mirror.decode_like_product(path)
            h, w = rgb.shape[:2]
            row = {"set": sname, "group": group, "label": label, "path": path, "width": w, "height": h}
            mask = np.asarray(Image.open(mpath).convert("L")) >= 128 if mpath else None
            if min(h, w) >= 128:
                field, xs, ys = mirror.noiseprint_field(npn, rgb)
                cells, score = mirror.noiseprint_indicator(field, rgb)
                row["np_score"] = score
                if cells is not None:
                    row["np_share"] = float((cells >= 0.5).sum() / np.isfinite(cells).sum())
                    if mask is not None:
                        row["np_f1"], row["np_iou"] = f1_iou(mirror.upsample(cells, h, w) >= 0.5, mask)
                if loc is not None and min(h, w) >= mirror.WINDOW:
                    lc, best = mirror.localizer_indicator(loc, rgb, field, xs, ys)
                    row["loc_score"], row["loc_share"] = best, float((lc >= mirror.EDITED).sum() / np.isfinite(lc).sum())
                    if mask is not None:
                        row["loc_f1"], row["loc_iou"] = f1_iou(mirror.upsample(lc, h, w) >= mirror.EDITED, mask)
            if mask is not None:
                row["mask_share"] = float(mask.mean())
            row["seconds"] = round(time.time() - t0, 1)
            wr.writerow(row)
            fh.flush()
            print(f"{k + 1}/{len(todo)} {sname} {group} {os.path.basename(path)} np {row.get('np_score', '')} "
                  f"loc {row.get('loc_score', '')} ({row['seconds']} s)", flush=True)


if __name__ == "__main__":
    main()
