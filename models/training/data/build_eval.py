#!/usr/bin/python3
"""The evaluation data of issue 21 (generated images, neural codecs, JPEG re-saves and downscales), one recipe.

    /usr/bin/python3 models/training/data/build_eval.py            # everything into the repository's data/

Steps (each skips what is already there, so a rerun only finishes the work):
  1. data/corpus         build_corpus.py: real photographs (incl. real-camera) and every generated image, crops,
                         camera-like JPEGs, downscales; column `split` (models/training/splits.py).
  2. data/codec-class    build_codec_class.py: the lossless crop of every held-out real photo outside skimage and
                         of one in four training photos (--training-every) through the neural-codec families (hp,
                         jpeg-ai; ms and adv where their weights are in data/codec-families), column `split` = the
                         photo's.
  3. data/eval/classic   AVIF, JPEG XL and WebP decodes of the lossless crops of HELD-OUT real photos
                         (avifenc/avifdec, cjxl/djxl, cwebp/dwebp; one quality drawn per photo and codec). Label
                         `real`: a photo through a classic codec is a camera photo, never "generated" or "neural codec".
  4. data/eval/robust    for BOTH classes (held-out real photos and every generated image): the lossless crop
                         re-saved as JPEG q90 4:2:0 (the bar's re-save, what an upload does), as JPEG at a quality
                         drawn from 95..70 with 4:2:0 or 4:4:4, downscaled by a factor drawn from 0.5..0.9 (Lanczos,
                         PNG), and that downscale re-saved at q90 4:2:0.
  5. data/eval/index.tsv every row of 1-4 with `split` (`training`, `held-out`, `generator`) and a column `set`
     (corpus, codec-class, classic, robust); data/eval/heldout.tsv the rows an evaluation may use (held-out real
     photos, their codec and classic-codec versions and re-saves, every generated image), for `provenant evaluate`;
     data/eval/manifest.sha256 the SHA-256 of every file of steps 3-4 (the corpus and codec class write their own).

Seeded (SEED, one random stream per photo and step), so the files are the same on every run with Debian 12's
Pillow 9.4, libavif 0.11.1, libjxl 0.7 and libwebp 1.2.4.
"""
import argparse
import hashlib
import io
import os
import random
import subprocess
import sys
import tempfile
import zlib

from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SEED = 20261206
CLASSIC = {  # codec: (encode command, decode command, quality range)
    "avif": (["avifenc", "-s", "6", "--min", "{q}", "--max", "{q}", "{src}", "{enc}"], ["avifdec", "{enc}", "{dst}"],
             (20, 40)),  # AV1 quantizer 0..63 (lower = better)
    "jxl": (["cjxl", "{src}", "{enc}", "-q", "{q}"], ["djxl", "{enc}", "{dst}"], (60, 90)),
    "webp": (["cwebp", "-quiet", "-q", "{q}", "{src}", "-o", "{enc}"], ["dwebp", "-quiet", "{enc}", "-o", "{dst}"], (60, 90)),
}
RESAVE_QUALITIES = (95, 90, 85, 80, 75, 70)
HEAD = ["path", "label", "source", "parent", "transform", "split", "set", "format"]


def read_index(path):
    lines = [l.rstrip("\n").split("\t") for l in open(path)]
    head = lines[0]
    return [dict(zip(head, l)) for l in lines[1:] if l and l[0]]


def rng(step, parent):
    return random.Random(SEED ^ zlib.crc32(("%s:%s" % (step, parent)).encode()))


def lossless_crops(corpus):
    """The corpus's lossless crop (crop<S> PNG) of every original, by parent."""
    out = {}
    for r in read_index(os.path.join(corpus, "index.tsv")):
        t = r["transform"]
        if r["label"] in ("real", "generated") and t.startswith("crop") and t[4:].isdigit():
            out[r["parent"]] = r
    return out


def run(cmd, **kw):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)


def classic(corpus, out, crops, split="held-out"):
    """AVIF / JPEG XL / WebP decodes of the lossless crops of the real photos of one split (held-out: the evaluation's
    set classic; training: build_classic_train.py's negatives of the neural-codec detectors)."""
    rows = []
    tmp = tempfile.mkdtemp()
    for parent, r in sorted(crops.items()):
        if r["label"] != "real" or r["split"] != split:
            continue
        src = os.path.join(corpus, r["path"])
        for codec, (enc, dec, (lo, hi)) in CLASSIC.items():
            q = rng("classic-" + codec, parent).randint(lo, hi)
            t = "%s-%s%d" % (r["transform"], codec, q)
            rel = os.path.join("classic", codec, "%s__%s.png" % (parent, t))
            dst = os.path.join(out, rel)
            if not os.path.exists(dst):
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                e = os.path.join(tmp, "x." + codec)
                fill = dict(q=q, src=src, enc=e, dst=dst)
                run([a.format(**fill) for a in enc])
                run([a.format(**fill) for a in dec])
                Image.open(dst).convert("RGB").save(dst)  # 8-bit RGB PNG whatever the decoder wrote
            rows.append([rel, "real", codec, parent, t, split, "classic", "png"])
    return rows


def jpeg_bytes(im, q, sub):
    b = io.BytesIO()
    im.save(b, "JPEG", quality=q, subsampling=0 if sub == "444" else 2, optimize=False)
    return b.getvalue()


def robust(corpus, out, crops):
    rows = []
    for parent, r in sorted(crops.items()):
        if r["label"] == "real" and r["split"] != "held-out":
            continue
        im = None
        rr = rng("robust", parent)
        q = rr.choice(RESAVE_QUALITIES)
        sub = rr.choice(("420", "444"))
        f = rr.uniform(0.5, 0.9)
        t0 = r["transform"]
        variants = [("resave-jpeg90-420", "jpg"), ("resave-jpeg%d-%s" % (q, sub), "jpg"),
                    ("resize%02d" % round(100 * f), "png"), ("resize%02d-jpeg90-420" % round(100 * f), "jpg")]
        for name, ext in variants:
            t = "%s-%s" % (t0, name)
            rel = os.path.join("robust", r["label"], r["source"], "%s__%s.%s" % (parent, t, ext))
            dst = os.path.join(out, rel)
            if not os.path.exists(dst):
                if im is None:
                    im = Image.open(os.path.join(corpus, r["path"])).convert("RGB")
                    w, h = im.size
                    small = im.resize((max(16, round(w * f)), max(16, round(h * f))), Image.LANCZOS)
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                if name.startswith("resave-jpeg90"):
                    data = jpeg_bytes(im, 90, "420")
                elif name.startswith("resave"):
                    data = jpeg_bytes(im, q, sub)
                elif ext == "png":
                    b = io.BytesIO()
                    small.save(b, "PNG")
                    data = b.getvalue()
                else:
                    data = jpeg_bytes(small, 90, "420")
                with open(dst, "wb") as fh:
                    fh.write(data)
            rows.append([rel, r["label"], r["source"], parent, t, r["split"], "robust", "jpeg" if ext == "jpg" else ext])
    return rows


def sha(path):
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(REPO, "data"), help="the data folder (default: the repository's data/)")
    ap.add_argument("--jar", default=os.path.join(REPO, "target", "provenant-0.1.0-SNAPSHOT.jar"))
    ap.add_argument("--codec-families", default=None, help="ms/adv weights (default DATA/codec-families)")
    ap.add_argument("--skip", default="", help="steps to skip: corpus,codec,classic,robust")
    ap.add_argument("--training-every", type=int, default=4,
                    help="codec class: one in N training-split photos (all held-out ones); 1 = all, at 4x the codec time")
    a = ap.parse_args()
    skip = set(a.skip.split(",")) - {""}
    corpus, codec, out = (os.path.join(a.data, d) for d in ("corpus", "codec-class", "eval"))
    fams = a.codec_families or os.path.join(a.data, "codec-families")
    py = sys.executable
    if "corpus" not in skip and not os.path.exists(os.path.join(corpus, "index.tsv")):
        run([py, os.path.join(HERE, "build_corpus.py"), "--out", corpus, "--work", a.data])
    if "codec" not in skip:
        have = [f for f in ("ms", "adv") if os.path.exists(os.path.join(fams, "%s-q1.pt" % f))]
        only = ",".join(["hp", "jpeg-ai"] + have)
        print("codec families:", only, "(ms/adv need their weights in %s)" % fams, flush=True)
        subprocess.run([py, os.path.join(HERE, "build_codec_class.py"), "--corpus", corpus, "--out", codec, "--jar", a.jar,
                        "--families", fams, "--only", only, "--training-every", str(a.training_every)], check=True)
    crops = lossless_crops(corpus)
    rows = []
    if "classic" not in skip:
        rows += classic(corpus, out, crops)
        print("classic decodes:", len(rows), flush=True)
    if "robust" not in skip:
        n = len(rows)
        rows += robust(corpus, out, crops)
        print("re-saves and downscales:", len(rows) - n, flush=True)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "manifest.sha256"), "w") as fh:
        for r in rows:
            fh.write("%s  %s\n" % (sha(os.path.join(out, r[0])), r[0]))
    for r in read_index(os.path.join(corpus, "index.tsv")):
        rows.append([os.path.join("..", "corpus", r["path"]), r["label"], r["source"], r["parent"], r["transform"],
                     r["split"], "corpus", r["format"]])
    if os.path.exists(os.path.join(codec, "index.tsv")):
        for r in read_index(os.path.join(codec, "index.tsv")):
            rows.append([os.path.join("..", "codec-class", r["path"]), r["label"], r["source"], r["parent"], r["transform"],
                         r["split"], "codec-class", r["format"]])
    rows.sort(key=lambda r: (r[6], r[0]))
    with open(os.path.join(out, "index.tsv"), "w") as fh, open(os.path.join(out, "heldout.tsv"), "w") as hf:
        fh.write("\t".join(HEAD) + "\n")
        hf.write("\t".join(HEAD) + "\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
            if r[5] in ("held-out", "generator") and r[1] != "edited":
                hf.write("\t".join(r) + "\n")
    print("rows:", len(rows), "->", os.path.join(out, "index.tsv"), "and heldout.tsv")


if __name__ == "__main__":
    main()
