"""The whole-product check on images no indicator was tuned on (docs/validation.md, "Whole-product check").

  build:      a seeded sample of N untouched HELD-OUT photos (data/heldout-photos/index.tsv, made by
              models/training/edits/heldout_photos.py) and N generated images of ../shared/datasets/gen-vs-real-2,
              each copied as stored and saved again as JPEG q90 (PIL, 4:2:0), named real__* / gen__* (q90: *__q90.jpg)
  summarize:  after `provenant batch OUT_IN --out OUT`, counts per class and variant the indicators that lean away
              from "camera original" and the overall assessment's leans, and the ROC AUC of its p_generated

  /usr/bin/python3 models/training/data/product_check.py build --out data/product-check --n 30
  java -jar target/provenant-0.1.0-SNAPSHOT.jar batch data/product-check --out OUT --case CASE --threads 1
  /usr/bin/python3 models/training/data/product_check.py summarize OUT
"""
import argparse
import collections
import csv
import json
import os
import random
import shutil

SEED = 20261206
IMAGE_EXT = (".png", ".jpg", ".jpeg", ".webp")


def build(a):
    from PIL import Image
    rng = random.Random(SEED)
    with open(a.photos, newline="") as f:
        real = rng.sample(list(csv.DictReader(f, delimiter="\t")), a.n)
    gen_dir = os.path.join(a.shared, "datasets", "gen-vs-real-2", "generated")
    gen = rng.sample(sorted(g for g in os.listdir(gen_dir) if g.lower().endswith(IMAGE_EXT)), a.n)
    os.makedirs(a.out, exist_ok=True)

    def put(src, name):
        shutil.copy(src, os.path.join(a.out, name))
        Image.open(src).convert("RGB").save(os.path.join(a.out, os.path.splitext(name)[0] + "__q90.jpg"), quality=90)

    for r in real:
        put(r["path"], "real__" + r["collection"] + "__" + os.path.basename(r["path"]))
    for g in gen:
        put(os.path.join(gen_dir, g), "gen__" + g)
    print("%d files in %s" % (len(os.listdir(a.out)), a.out))


def auc(pos, neg):
    s = sum(1 if p > n else 0.5 if p == n else 0 for p in pos for n in neg)
    return s / (len(pos) * len(neg)) if pos and neg else float("nan")


def summarize(a):
    groups = collections.defaultdict(list)
    for line in open(os.path.join(a.batch, "summary.jsonl")):
        r = json.loads(line)
        key = ("real" if r["file"].startswith("real__") else "generated", "q90" if "__q90." in r["file"] else "as stored")
        leans = {i["id"]: i["lean"] for i in r["indicators"]
                 if i.get("lean") not in (None, "", "INCONCLUSIVE", "CAMERA_ORIGINAL")}
        p = float("nan")
        if r.get("json"):
            d = json.load(open(os.path.join(a.batch, r["json"])))
            for ind in d["indicators"]:
                if ind["id"] == "overall-assessment":
                    p = next((s["value"] for s in ind["scores"] if s["key"] == "p_generated"), float("nan"))
        groups[key].append((leans, p))
    for key in sorted(groups):
        g = groups[key]
        per = collections.Counter(i for leans, _ in g for i in leans)
        overall = collections.Counter(leans.get("overall-assessment", "none") for leans, _ in g)
        print("%s, %s: %d files; any lean away from camera original %d; overall assessment %s; per indicator %s"
              % (key[0], key[1], len(g), sum(1 for leans, _ in g if leans), dict(overall), dict(per)))
    for variant in ("as stored", "q90"):
        pos = [p for _, p in groups[("generated", variant)] if p == p]
        neg = [p for _, p in groups[("real", variant)] if p == p]
        print("%s: overall assessment p_generated ROC AUC %.3f (%d generated, %d real)" % (variant, auc(pos, neg), len(pos), len(neg)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build")
    b.add_argument("--out", default="data/product-check")
    b.add_argument("--n", type=int, default=30)
    b.add_argument("--photos", default="data/heldout-photos/index.tsv")
    b.add_argument("--shared", default=os.environ.get("PROVENANT_SHARED", "../shared"))
    s = sub.add_parser("summarize")
    s.add_argument("batch", help="the batch's output folder (summary.jsonl, json/)")
    a = ap.parse_args()
    build(a) if a.cmd == "build" else summarize(a)


if __name__ == "__main__":
    main()
