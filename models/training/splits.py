"""The one data split shared by every training recipe (issues 21 and 22), written once.

- real-camera (column `repo` of SOURCES.tsv) and gen-vs-real/real (the photo collection that
  models/training/data/build_corpus.py derives from `path_in_repo`): TRAINING when
  int(sha1(key).hexdigest()[:8], 16) % 10 < 7, else HELD-OUT. Split by repository/collection, never by file.
- Debian wallpaper photographs and python3-skimage photographs: HELD-OUT entirely.
- Generated images: never used to train a zero-shot or real-image model; where a learned fusion or
  calibration needs them, leave one generator out (see leave_one_out).
- real-edits: validation only (never training, threshold or calibration).
"""
import csv
import hashlib
import os

TRAIN_BUCKETS = 7


def is_training(key):
    """key: a real-camera repo ('owner/name') or a gen-vs-real photo source."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % 10 < TRAIN_BUCKETS


def split_of(key):
    return "training" if is_training(key) else "held-out"


def real_camera_rows(shared):
    """Rows of real-camera/SOURCES.tsv with an added 'split' column."""
    path = os.path.join(shared, "datasets", "real-camera", "SOURCES.tsv")
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    for r in rows:
        r["split"] = split_of(r["repo"])
    return rows


def always_held_out(collection):
    """Debian wallpapers and python3-skimage photos never train anything."""
    return collection in ("debian-wallpaper", "skimage")


def leave_one_out(groups):
    """(held_out_group, training_groups) pairs for leave-one-generator/codec-out folds."""
    gs = sorted(set(groups))
    return [(g, [h for h in gs if h != g]) for g in gs]


# gen-vs-real real/: photo collection from path_in_repo (prefix -> source), for models/training/data/build_corpus.py
REAL_SOURCES = [
    ("data/coco_annotations_100", "coco"), ("data/open_images_annotations_100", "openimages"),
    ("data/ade20k_images", "ade20k"), ("data/drin_images", "imagenet"), ("data/sflckr_images", "sflckr"),
    ("data/BSD100", "bsd100"), ("data/Set5", "set5"), ("data/Set14", "set14"), ("data/Urban100", "urban100"),
    ("dataset/", "dreambooth"), ("test_imgs", "controlnet"), ("testsets/real_faces", "film-tv-faces"),
    ("testsets/set12", "set12"), ("src/_skimage2/data", "skimage"),
]


def photo_source(path_in_repo):
    """The photo collection of a gen-vs-real real photo, from its path in the source repository."""
    return next((s for p, s in REAL_SOURCES if path_in_repo.startswith(p)), "other")


def real_split(collection, key):
    """The split of a real photograph: collection is `real-camera` (key: repo), `gen-vs-real` (key: photo source),
    `debian-wallpaper` or `skimage` (always held out)."""
    if always_held_out(collection) or key.startswith("wallpaper-") or key == "skimage":
        return "held-out"
    if collection in ("real-camera", "gen-vs-real"):
        return split_of(key)
    raise ValueError("no split rule for real photos of collection %r" % collection)


if __name__ == "__main__":
    import sys
    shared = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PROVENANT_SHARED", "../shared")
    rows = real_camera_rows(shared)
    for s in ("training", "held-out"):
        sel = [r for r in rows if r["split"] == s]
        print(s, len(sel), "photos,", len({r["repo"] for r in sel}), "repos,",
              len({(r["make"], r["model"]) for r in sel}), "models")
