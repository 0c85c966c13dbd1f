#!/usr/bin/python3
"""The neural-codec class of the evaluation corpus (issue 10, item 1): reconstructions of the corpus's real photo
crops by four codec families, so that detectors can be tested on a codec family they never saw.

Input: the corpus of build_corpus.py (data/corpus/index.tsv of the repository). For every real photo (`parent`) except the
`skimage` source (two of its photos trained our codecs), its lossless crop (`crop<S>` PNG; 512 px crops are cut to
their central 384 px) is compressed by each family at ONE rate point drawn per photo and family (seeded):

  family    codec                                                           rate points   made by
  hp        our scale hyperprior, YCbCr 4:2:0, GDN, transposed convs        q1-q4         provenant compress --codec hp
  jpeg-ai   JPEG AI verification-model networks + our glue (BT.709 4:2:0)   q1-q3         provenant compress --codec jpeg-ai
  ms        mean-scale hyperprior, RGB 4:4:4, sub-pixel synthesis           q1-q3         train_codec_family.py reconstruct
  adv       true 4:2:0, residual upsampling, adversarial fine-tune          q1-q3         train_codec_family.py reconstruct
  taef2     FLUX.2 tiny autoencoder (../shared/models/taef2), no            full          edits/taef2.py roundtrip
            quantization: a generator's decoder remaking a real photo

Output: <out>/<family>/<parent>__<transform>-<family>-<q>.png and <out>/index.tsv with the corpus's columns
(label `codec`, source = family, collection `codec-class`, the same `parent` as the photo, so that folds split by
photo keep a photo's crops, re-saves and reconstructions together; `split` = the photo's, models/training/splits.py). No JPEG re-saves of codec outputs here (a
codec output re-saved as JPEG is not codec-only evidence). `heldout-fold0.tsv` indexes photo fold 0 (real, codec,
generated; never trained on by the shipped codec-detector) for `provenant evaluate`. `manifest.sha256` (written beside index.tsv; the copy
in models/training/data/codec-class.sha256) lists every file.

  /usr/bin/python3 models/training/data/build_codec_class.py     # data/corpus -> data/codec-class, weights in data/codec-families
"""
import argparse
import hashlib
import os
import random
import subprocess
import sys

SEED = 20261130
RATES = {"hp": ["q1", "q2", "q3", "q4"], "jpeg-ai": ["q1", "q2", "q3"], "ms": ["q1", "q2", "q3"],
         "adv": ["q1", "q2", "q3"], "taef2": ["full"]}
EXCLUDED_SOURCES = {"skimage"}
MAX_SIDE = 384


def java_fold(parent, k=5):
    """CodecData.fold of the Java side: floorMod(String.hashCode(), k)."""
    h = 0
    for ch in parent:
        h = (31 * h + ord(ch)) & 0xFFFFFFFF
    if h >= 2 ** 31:
        h -= 2 ** 32
    return h % k


def heldout_index(corpus, out):
    """An index for `provenant evaluate` of photo fold 0 only (never trained on by the shipped codec-detector):
    its real photos (crops, re-saves, originals; skimage and Debian wallpapers left out as in CodecData), their
    reconstructions by every family, and the fold's generated images."""
    lines = [l.rstrip("\n").split("\t") for l in open(os.path.join(corpus, "index.tsv"))]
    head, rows = lines[0], lines[1:]
    c = {k: head.index(k) for k in head}
    keep = [["path", "label", "source", "parent", "transform"]]
    for r in rows:
        if r[c["label"]] not in ("real", "generated") or r[c["source"]] in EXCLUDED_SOURCES:
            continue
        if r[c["collection"]] == "debian-wallpaper" or java_fold(r[c["parent"]]) != 0:
            continue
        keep.append([os.path.join(os.path.abspath(corpus), r[c["path"]]), r[c["label"]], r[c["source"]], r[c["parent"]],
                     r[c["transform"]]])
    for l in list(open(os.path.join(out, "index.tsv")))[1:]:
        r = l.rstrip("\n").split("\t")
        if r[11].startswith("wallpaper-") or java_fold(r[4]) != 0:
            continue
        keep.append([os.path.join(os.path.abspath(out), r[0]), "codec", r[2], r[4], r[5]])
    with open(os.path.join(out, "heldout-fold0.tsv"), "w") as f:
        for r in keep:
            f.write("\t".join(r) + "\n")
    print(f"{len(keep) - 1} rows of photo fold 0 in {out}/heldout-fold0.tsv")


def taef2_roundtrip(folder, jobs):
    """TAEF2 encode + decode of every (input, output, rate) job, float32 on the CPU (edits/taef2.py, checked against
    its reference tensors first)."""
    import numpy as np
    from PIL import Image
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "edits"))
    import taef2
    enc, dec = taef2.load(folder)
    taef2.check(folder, enc, dec)
    for src, dst, _ in jobs:
        rgb = np.asarray(Image.open(src).convert("RGB"))
        Image.fromarray(taef2.roundtrip(enc, dec, rgb)).save(dst)


def main():
    ap = argparse.ArgumentParser()
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
    ap.add_argument("--corpus", default=os.path.join(repo, "data", "corpus"))
    ap.add_argument("--out", default=os.path.join(repo, "data", "codec-class"))
    ap.add_argument("--jar", default=os.path.join(repo, "target", "provenant-0.1.0-SNAPSHOT.jar"))
    ap.add_argument("--families", default=os.path.join(repo, "data", "codec-families"),
                    help="weights of ms/adv (train_codec_family.py)")
    ap.add_argument("--taef2", default=os.path.join(repo, "..", "shared", "models", "taef2"))
    ap.add_argument("--only", default=",".join(f for f in RATES if f != "taef2"), help="families to (re)make (taef2 only when named)")
    ap.add_argument("--limit", type=int, default=0, help="at most this many photos (0: all)")
    ap.add_argument("--training-every", type=int, default=1,
                    help="of the TRAINING-split photos keep one in N (by a hash of the photo id; every held-out photo is kept)")
    ap.add_argument("--training-only", action="store_true",
                    help="the training-split photos only (e.g. data/classic-neural-train for the classic-codec gate)")
    a = ap.parse_args()
    from PIL import Image

    rows = [l.rstrip("\n").split("\t") for l in open(os.path.join(a.corpus, "index.tsv"))]
    head, rows = rows[0], rows[1:]
    c = {k: head.index(k) for k in head}
    photos = {}
    for r in rows:
        t = r[c["transform"]]
        if r[c["label"]] == "real" and t.startswith("crop") and t[4:].isdigit() and r[c["source"]] not in EXCLUDED_SOURCES:
            photos[r[c["parent"]]] = r
    parents = sorted(p for p in photos if "split" not in c or photos[p][c["split"]] != "training"
                     or int(hashlib.sha1(p.encode()).hexdigest()[:8], 16) % a.training_every == 0)
    if a.training_only:
        parents = [p for p in parents if "split" in c and photos[p][c["split"]] == "training"]
    if a.limit:
        parents = parents[:a.limit]
    os.makedirs(os.path.join(a.out, "inputs"), exist_ok=True)
    jobs = {f: [] for f in RATES}
    index = []
    for p in parents:
        r = photos[p]
        src = os.path.join(a.corpus, r[c["path"]])
        t = r[c["transform"]]
        im = Image.open(src).convert("RGB")
        if max(im.size) > MAX_SIDE:  # central 384 px of a 512 crop
            x0, y0 = (im.size[0] - MAX_SIDE) // 2, (im.size[1] - MAX_SIDE) // 2
            im = im.crop((x0, y0, x0 + MAX_SIDE, y0 + MAX_SIDE))
            t = f"crop{MAX_SIDE}c"
            src = os.path.join(a.out, "inputs", f"{p}__{t}.png")
            im.save(src)
        for fam, rates in RATES.items():
            q = random.Random(f"{SEED}:{p}:{fam}").choice(rates)
            rel = os.path.join(fam, f"{p}__{t}-{fam}-{q}.png")
            jobs[fam].append((src, os.path.join(a.out, rel), q))
            index.append([rel, "codec", fam, "codec-class", p, f"{t}-{fam}-{q}", str(im.size[0]), str(im.size[1]),
                          "png", "", "", r[c["source"]], r[c["split"]] if "split" in c else ""])
    only = set(a.only.split(","))
    for fam, js in jobs.items():
        if fam not in only:
            continue
        os.makedirs(os.path.join(a.out, fam), exist_ok=True)
        todo = [j for j in js if not os.path.exists(j[1])]
        print(f"{fam}: {len(todo)} of {len(js)} to make", flush=True)
        if not todo:
            continue
        if fam == "taef2":
            taef2_roundtrip(a.taef2, todo)
        elif fam in ("hp", "jpeg-ai"):
            lst = os.path.join(a.out, f"jobs-{fam}.tsv")
            with open(lst, "w") as f:
                for s, d, q in todo:
                    f.write(f"{s}\t{d}\t{q}\n")
            subprocess.run(["java", "-Xmx3g", "-jar", a.jar, "compress", "--batch", lst, "--codec", fam], check=True)
        else:
            for q in RATES[fam]:
                sub = [j for j in todo if j[2] == q]
                if not sub:
                    continue
                lst = os.path.join(a.out, f"jobs-{fam}-{q}.tsv")
                with open(lst, "w") as f:
                    for s, d, _ in sub:
                        f.write(f"{s}\t{d}\n")
                subprocess.run([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                                                             "train_codec_family.py"), "reconstruct", "--family", fam,
                                "--rate", q, "--work", a.families, "--list", lst], check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(a.out, "index.tsv"), "w") as f:
        f.write("\t".join(head[:11] + ["photo_source", "split"]) + "\n")
        for r in index:
            if os.path.exists(os.path.join(a.out, r[0])):
                f.write("\t".join(r) + "\n")
    with open(os.path.join(a.out, "manifest.sha256"), "w") as f:
        for r in index:
            path = os.path.join(a.out, r[0])
            if os.path.exists(path):
                f.write(f"{hashlib.sha256(open(path, 'rb').read()).hexdigest()}  {r[0]}\n")
    print(f"{len(index)} reconstructions of {len(parents)} photos listed in {a.out}/index.tsv")
    heldout_index(a.corpus, a.out)


if __name__ == "__main__":
    main()
