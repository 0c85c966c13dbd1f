#!/usr/bin/python3
"""Tables from evaluate.py's scores.tsv, and the observations file that `provenant calibrate` fits the verdict
calibrations on.

  /usr/bin/python3 models/training/noiseprint/summarize.py observations data/eval-noiseprint/scores.tsv \
      --set edits-heldout --out data/eval-noiseprint/observations.json
  java -jar target/provenant-0.1.0-SNAPSHOT.jar calibrate data/eval-noiseprint/observations.json \
      --indicator noiseprint --class edited --score noiseprint_anomaly          (likewise learned-localizer)
  /usr/bin/python3 models/training/noiseprint/summarize.py tables data/eval-noiseprint/scores.tsv --models models

The calibration is fitted only on the self-made edits of held-out photos and their untouched hosts (edits-heldout);
the tables measure it on what it never saw: real-edits (validation only), held-out camera photos and held-out
photo collections.
"""
import argparse
import csv
import json
import math
import os
from collections import defaultdict

import numpy as np

INDICATORS = {  # id -> (score column, score key, F1 column, IoU column)
    "noiseprint": ("np_score", "noiseprint_anomaly", "np_f1", "np_iou"),
    "learned-localizer": ("loc_score", "edit_probability", "loc_f1", "loc_iou"),
}


def rows_of(path):
    with open(path, newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def num(v):
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def auc(neg, pos):
    neg = np.array([x for x in neg if math.isfinite(x)])
    pos = np.array([x for x in pos if math.isfinite(x)])
    if len(neg) == 0 or len(pos) == 0:
        return float("nan")
    return float(((pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()) / (len(pos) * len(neg)))


def observations(a):
    """edits-heldout rows as `provenant evaluate` observations (label real|edited, source = edit group or 'original')."""
    out = []
    for r in rows_of(a.scores):
        if r["set"] != a.set:
            continue
        inds = {}
        for ind, (col, key, _, _) in INDICATORS.items():
            v = num(r[col])
            share = num(r["np_share" if ind == "noiseprint" else "loc_share"])
            if r[col] == "":
                continue
            inds[ind] = {"supports": "INCONCLUSIVE", "confidence": 0.5, "millis": 0,
                         "scores": {key: v if math.isfinite(v) else "NaN", "share": share if math.isfinite(share) else "NaN"}}
        stem = os.path.basename(r["path"]).split(".")[0]
        out.append({"path": r["path"], "label": r["label"], "source": r["group"].split("|")[0], "parent": stem,
                    "transform": "original", "indicators": inds})
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
    print(f"wrote {len(out)} observations to {a.out}")


def threshold(models, ind):
    """Smallest score at which the installed calibration leans 'edited' (None: no calibration or no verdict)."""
    p = os.path.join(models, "calibration", ind + ".json")
    if not os.path.exists(p):
        return None, None
    c = json.load(open(p))
    t = (math.log(c["verdictLr"]) - c["intercept"]) / c["slope"] if c["slope"] > 0 else float("inf")
    return t, c


def tables(a):
    rows = rows_of(a.scores)
    lines = []
    for ind, (col, key, f1c, iouc) in INDICATORS.items():
        if not any(r[col] != "" for r in rows):
            continue  # not measured in this run
        t, c = threshold(a.models, ind)
        verdict = c is not None and c.get("verdict")
        lines.append(f"\n### {ind} (`{key}`)\n")
        if c is not None:
            lines.append(f"Calibration (fitted on edits-heldout): ln LR = {c['slope']:.3f} x score {c['intercept']:+.3f};"
                         f" verdict LR {c['verdictLr']:.3g} at score >= {t:.3f}; held-out half AUC {c['heldOutAuc']:.3f},"
                         f" false alarms {100 * c['heldOutFalseAlarm']:.1f} %, detected {100 * c['heldOutDetection']:.1f} %;"
                         f" verdict {'drawn' if verdict else 'NOT drawn'}.\n")
        lines.append("| set | group | n | median score | leans edited | mean F1 | mean IoU | median IoU of flagged |"
                     " mean F1 of marking the whole image |")
        lines.append("|---|---|---|---|---|---|---|---|---|")
        groups = defaultdict(list)
        for r in rows:
            g = r["group"] if r["set"] in ("real-edits", "edits-heldout") else "all"
            groups[(r["set"], g)].append(r)
        for (s, g), rs in sorted(groups.items()):
            v = [num(r[col]) for r in rs]
            fin = [x for x in v if math.isfinite(x)]
            lean = sum(1 for x in fin if t is not None and x >= t)
            f1 = [num(r[f1c]) for r in rs if r[f1c] != ""]
            iou = [num(r[iouc]) for r in rs if r[iouc] != ""]
            flagged = [num(r[iouc]) for r in rs if r[iouc] != "" and t is not None and num(r[col]) >= t]
            ms = [num(r["mask_share"]) for r in rs if r["mask_share"] != ""]
            whole = np.mean([2 * m / (1 + m) for m in ms]) if ms else float("nan")
            leans = f"{lean}/{len(fin)} ({100 * lean / max(1, len(fin)):.1f} %)" if t is not None else "no calibration"
            lines.append(f"| {s} | {g} | {len(fin)} | {np.median(fin) if fin else float('nan'):.3f} | {leans} | "
                         f"{np.mean(f1) if f1 else float('nan'):.3f} | {np.mean(iou) if iou else float('nan'):.3f} | "
                         f"{np.median(flagged) if flagged else float('nan'):.3f} | {whole:.3f} |")
        pos = [num(r[col]) for r in rows if r["set"] == "real-edits" and r["label"] == "edited"]
        origs = [num(r[col]) for r in rows if r["set"] == "real-edits" and r["label"] == "real"]
        photos = [num(r[col]) for r in rows if r["set"] in ("heldout-photos", "camera-heldout", "gvr-heldout")]
        sp = [num(r[col]) for r in rows if r["set"] == "edits-heldout" and r["label"] == "edited"]
        sn = [num(r[col]) for r in rows if r["set"] == "edits-heldout" and r["label"] == "real"]
        lines.append(f"\nImage-level ROC AUC: real-edits edits vs their originals {auc(origs, pos):.3f}; vs held-out photos"
                     f" {auc(photos, pos):.3f}; self-made held-out edits vs their hosts {auc(sn, sp):.3f}.")
        fp = [x for x in photos if math.isfinite(x)]
        if fp:
            p95 = float(np.percentile(fp, 95))
            above = sum(1 for x in pos if math.isfinite(x) and x > p95)
            lines.append(f"\nHeld-out photos' 95th percentile (the score a 5 % false-alarm bar would need, set on the"
                         f" {len(fp)} held-out photos, not on real-edits): {p95:.3f}; real-edits edits above it: {above}/"
                         f"{len(pos)}; their originals above it: {sum(1 for x in origs if math.isfinite(x) and x > p95)}/"
                         f"{len(origs)}.")
        for etype in sorted({r["group"].split("|")[0] for r in rows if r["set"] == "real-edits" and r["label"] == "edited"}):
            p = [num(r[col]) for r in rows if r["set"] == "real-edits" and r["group"].startswith(etype + "|")]
            lines.append(f"- {etype}: AUC vs held-out photos {auc(photos, p):.3f} (n = {len(p)})")
    text = "\n".join(lines) + "\n"
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    o = sub.add_parser("observations")
    o.add_argument("scores")
    o.add_argument("--set", default="edits-heldout")
    o.add_argument("--out", required=True)
    t = sub.add_parser("tables")
    t.add_argument("scores")
    t.add_argument("--models", default="models")
    t.add_argument("--out", default=None)
    a = ap.parse_args()
    observations(a) if a.cmd == "observations" else tables(a)


if __name__ == "__main__":
    main()
