#!/usr/bin/python3
"""Tables of the Java ZED indicator from `provenant evaluate`'s observations.json (docs/zed.md):

    /usr/bin/python3 models/training/zed/tables.py data/zed/calib/eval/observations.json

Per group of images (all; without / with a classic-JPEG trace, as the indicator's `jpeg_trace` score says): the ROC
AUC of `zed_score` (generated vs real), the share of generated images above the score that 5 % of the group's real
photos exceed (TPR at 5 % false alarms), and how many lean "generated"; then the AUC of each generator against
every real photo, and of all generated images against each real-photo source.
"""
import json
import sys
from collections import defaultdict

import numpy as np

sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
from evaluate_zed import auc  # noqa: E402


def main(path):
    obs = json.load(open(path))
    rows = []
    for o in obs:
        z = o["indicators"].get("zed", {})
        sc = z.get("scores", {})
        if "zed_score" not in sc or isinstance(sc["zed_score"], str):
            continue
        rows.append((o["label"], o["source"], o["transform"], float(sc["zed_score"]), int(sc.get("jpeg_trace", 0)),
                     z.get("supports")))
    groups = {"all": rows, "no JPEG trace": [r for r in rows if r[4] == 0], "JPEG trace": [r for r in rows if r[4] == 1]}
    print("group | generated / real | ROC AUC | TPR at 5 % FA (threshold) | leaning generated: generated / real")
    print("---|---|---|---|---")
    for name, rs in groups.items():
        g = [r[3] for r in rs if r[0] == "generated"]
        n = [r[3] for r in rs if r[0] == "real"]
        lean_g = sum(1 for r in rs if r[0] == "generated" and r[5] == "GENERATED")
        lean_r = sum(1 for r in rs if r[0] == "real" and r[5] == "GENERATED")
        if g and n:
            t = np.quantile(n, 0.95)
            print("%s | %d / %d | %.3f | %.3f (%.3f) | %d / %d" % (name, len(g), len(n), auc(g, n),
                                                                 np.mean(np.array(g) > t), t, lean_g, lean_r))
        else:
            print("%s | %d / %d | - | - | %d / %d" % (name, len(g), len(n), lean_g, lean_r))
    real = [r[3] for r in rows if r[0] == "real"]
    by = defaultdict(list)
    for r in rows:
        if r[0] == "generated":
            by[r[1]].append(r[3])
    print("\ngenerator | n | AUC vs all %d real" % len(real))
    for gname in sorted(by, key=lambda k: auc(by[k], real)):
        print("%s | %d | %.3f" % (gname, len(by[gname]), auc(by[gname], real)))
    by_real = defaultdict(list)
    for r in rows:
        if r[0] == "real":
            by_real[r[1]].append(r[3])
    gen = [r[3] for r in rows if r[0] == "generated"]
    print("\nreal source | n | AUC of all generated vs this source | median zed_score")
    for s in sorted(by_real):
        print("%s | %d | %.3f | %.3f" % (s, len(by_real[s]), auc(gen, by_real[s]), np.median(by_real[s])))


if __name__ == "__main__":
    main(sys.argv[1])
