"""Replays a joint-fusion model file (models/fusion/overall-assessment.json) on `provenant evaluate` observations,
without analysing an image again: the leans the overall assessment would draw with that model (its own, and those
carried by an input's own verdict, JointFusion.carried), counted over the images of the first file.

  /usr/bin/python3 models/training/data/score_fusion.py MODEL OVERALL.json INPUTS.json [MORE-INPUTS.json ...]

OVERALL.json: observations with the overall assessment (for each image's classic-JPEG trace, `jpeg_trace`, which the
fusion reads from the file itself); INPUTS.json: observations holding the fusion's input indicators (merged by file
name, later files adding indicators). It also prints the largest |ln LR| difference to OVERALL.json's own
`lr_generated`, which is 0 when MODEL is the model that made OVERALL.json (a check of this replay).
"""
import collections
import json
import math
import sys

CAP = math.log(1000)          # LrFusion.MAX_LR
MIN_P_SYNTHETIC = 0.7         # JointFusion.MIN_P_SYNTHETIC


def load(path):
    return {o["path"].split("/")[-1]: o for o in json.load(open(path))}


def transformed(inp, v):
    if isinstance(v, str):
        v = float(v)
    if v is None or math.isnan(v):
        return float("nan")
    t = inp["transform"]
    if t == "ln":
        v = math.log(v) if v > 0 else (-math.inf if v == 0 else float("nan"))
    elif t == "logit":
        q = max(1e-4, min(1 - 1e-4, v))
        v = math.log(q / (1 - q))
    return max(inp["lo"], min(inp["hi"], v))


def log_odds(stage, x):
    s = stage["intercept"]
    for w, m, sd, xi in zip(stage["weights"], stage["mean"], stage["std"], x):
        if not math.isnan(xi) and sd > 0:
            s += w * (xi - m) / sd
    return s


def assess(model, indicators, jpeg):
    """(LR generated, LR neural codec, lean) as JointFusion.apply and CarriedLean give them (no file evidence)."""
    x = []
    for inp in model["inputs"]:
        r = indicators.get(inp["indicator"])
        x.append(transformed(inp, None if r is None else r.get("scores", {}).get(inp["score"])))
    c = model["conditions"]["jpeg" if jpeg else "clean"]
    s1, s2 = log_odds(c["decoder"], x), log_odds(c["synthetic"], x)
    g = math.exp(max(-CAP, min(CAP, s1 + math.log(2) - math.log1p(math.exp(-s2)))))
    k = math.exp(max(-CAP, min(CAP, s1 + math.log(2) - math.log1p(math.exp(s2)))))
    p_synthetic = 1 / (1 + math.exp(-s2))
    if g >= c["generatedVerdictLr"] and g >= k and p_synthetic >= MIN_P_SYNTHETIC:
        return g, k, "generated"
    if k >= c["codecVerdictLr"] and k > g:
        return g, k, "neural codec"
    says = {indicators[i["indicator"]]["supports"] for i in model["inputs"] if i["indicator"] in indicators}
    if "GENERATED" in says and g > 1 and p_synthetic >= MIN_P_SYNTHETIC:
        return g, k, "generated (carried)"
    if "NEURAL_CODEC" in says and k >= 1 and k >= g:
        return g, k, "neural codec (carried)"
    return g, k, "none"


def main(argv):
    model = json.load(open(argv[1]))
    overall = load(argv[2])
    inputs = [load(p) for p in argv[3:]]
    counts, worst = collections.Counter(), 0.0
    for name, o in overall.items():
        indicators = {}
        for f in inputs:
            if name in f:
                indicators.update(f[name]["indicators"])
        a = o["indicators"]["overall-assessment"]["scores"]
        g, _, lean = assess(model, indicators, a["jpeg_trace"] > 0)
        counts[lean] += 1
        worst = max(worst, abs(math.log(g) - math.log(a["lr_generated"])))
    print(f"{len(overall)} images: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    print(f"largest |ln LR(generated)| difference to {argv[2]}: {worst:.3g}")


if __name__ == "__main__":
    main(sys.argv)
