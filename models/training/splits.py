"""The data split shared by every detection and localization recipe, written once (so that nothing is trained on
its own test).

* ../shared/datasets/real-camera: a photo is TRAINING when
  int(sha1(repo).hexdigest()[:8], 16) % 10 < 7 (column `repo` of its SOURCES.tsv), else HELD-OUT. By repository,
  never by file.
* ../shared/datasets/gen-vs-real/real: the same rule on the photo collection (`photo_source(path_in_repo)`,
  the `source` column of the corpus recipe).
* Debian wallpaper photographs and python3-skimage photos: HELD-OUT entirely (the whole-product false-alarm check).
* Generated images (gen-vs-real/generated, gen-vs-real-2/generated): never used to train a zero-shot or
  real-image model; a learned fusion or calibration that needs them splits by generator (leave-one-generator-out).
* real-edits: validation only, never training, never a threshold or calibration.
"""
import hashlib

TRAINING = "training"
HELD_OUT = "held-out"

# gen-vs-real real/: photo collection from path_in_repo (prefix -> source)
REAL_SOURCES = [
    ("data/coco_annotations_100", "coco"), ("data/open_images_annotations_100", "openimages"),
    ("data/ade20k_images", "ade20k"), ("data/drin_images", "imagenet"), ("data/sflckr_images", "sflckr"),
    ("data/BSD100", "bsd100"), ("data/Set5", "set5"), ("data/Set14", "set14"), ("data/Urban100", "urban100"),
    ("dataset/", "dreambooth"), ("test_imgs", "controlnet"), ("testsets/real_faces", "film-tv-faces"),
    ("testsets/set12", "set12"), ("src/_skimage2/data", "skimage"),
]
ALWAYS_HELD_OUT = ("debian-wallpaper", "skimage")


def photo_source(path_in_repo):
    """The photo collection of a gen-vs-real real photo, from its path in the source repository."""
    return next((s for p, s in REAL_SOURCES if path_in_repo.startswith(p)), "other")


def by_key(key):
    """TRAINING or HELD_OUT for a repository (real-camera) or photo collection (gen-vs-real/real)."""
    return TRAINING if int(hashlib.sha1(key.encode()).hexdigest()[:8], 16) % 10 < 7 else HELD_OUT


def real_split(collection, key):
    """The split of a real photograph: collection is `real-camera` (key: repo), `gen-vs-real` (key: photo source),
    `debian-wallpaper` or `skimage` (always held out)."""
    if collection in ALWAYS_HELD_OUT or key.startswith("wallpaper-") or key == "skimage":
        return HELD_OUT
    if collection in ("real-camera", "gen-vs-real"):
        return by_key(key)
    raise ValueError("no split rule for real photos of collection %r" % collection)
