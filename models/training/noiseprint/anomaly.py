"""The noiseprint anomaly map, as org.provenant.indicators.pixel.noiseprint.NoiseprintAnomaly computes it (Python
mirror for the recipe's checks; the Java class is what ships).

Per block of BLOCK x BLOCK pixels (stride STRIDE): the 8x8 phase pattern of the noiseprint (the mean of the
noiseprint over the block's pixels at each position (y mod 8, x mod 8), minus its mean: 64 values) and the log of
its variance. The image's blocks are projected on their PCA_DIMS leading principal components; a Gaussian (the
image's own noiseprint) plus a uniform density (blocks that do not fit it) are fitted by EM (Splicebuster's model,
Cozzolino, Poggi, Verdoliva, WIFS 2015, used on noiseprints in the Noiseprint paper); the anomaly of a block is the
posterior probability of the uniform component.
"""
import numpy as np

BLOCK, STRIDE = 64, 32
PCA_DIMS = 6
EM_ITERS = 30
PRIOR_OUTLIER = 0.1
MIN_BLOCKS = 16
MAX_CLIPPED, MIN_DETAIL = 0.5, 0.5
ANOMALOUS = 0.5


def grid(side):
    return 0 if side < BLOCK else (side - BLOCK) // STRIDE + 1


def usable(grey):
    """[gh, gw] bool: blocks with enough trace (not > MAX_CLIPPED clipped pixels, luma detail >= MIN_DETAIL levels);
    grey: luma in [0, 1] (float32, BT.601 of the RGB planes, as FloatImage.toGrey)."""
    from scipy.ndimage import uniform_filter
    h, w = grey.shape
    g = grey.astype(np.float64)
    # 3x3 mean over the pixels inside the image (as the Java loop)
    s = uniform_filter(g, 3, mode="constant") * 9
    n = uniform_filter(np.ones_like(g), 3, mode="constant") * 9
    d2 = ((g - s / n) * 255) ** 2
    clipped = ((grey <= np.float32(1 / 255)) | (grey >= np.float32(254 / 255))).astype(np.float64)
    gh, gw = grid(h), grid(w)
    ok = np.zeros((gh, gw), bool)
    for i in range(gh):
        for j in range(gw):
            sl = np.s_[i * STRIDE:i * STRIDE + BLOCK, j * STRIDE:j * STRIDE + BLOCK]
            ok[i, j] = clipped[sl].sum() <= MAX_CLIPPED * BLOCK * BLOCK and np.sqrt(d2[sl].mean()) >= MIN_DETAIL
    return ok


def block_features(r, ok=None):
    """[gh, gw, 65] features; blocks with a NaN (outside the analysed windows) or not usable are NaN."""
    h, w = r.shape
    gh, gw = grid(h), grid(w)
    feats = np.full((gh, gw, 65), np.nan)
    for i in range(gh):
        for j in range(gw):
            if ok is not None and not ok[i, j]:
                continue
            b = r[i * STRIDE:i * STRIDE + BLOCK, j * STRIDE:j * STRIDE + BLOCK].astype(np.float64)
            if not np.isfinite(b).all():
                continue
            # blocks start at multiples of 8, so the position in the block is the phase in the image's grid
            p = b.reshape(BLOCK // 8, 8, BLOCK // 8, 8).mean(axis=(0, 2)).ravel()
            feats[i, j, :64] = p - b.mean()
            feats[i, j, 64] = np.log(max(0.0, (b * b).mean() - b.mean() ** 2) + 1e-6)
    return feats


def em_anomaly(feats, dims=PCA_DIMS, iters=EM_ITERS):
    """Posterior of the outlier (uniform) component per block and the squared Mahalanobis distance (NaN where the
    block has no features); None below MIN_BLOCKS blocks."""
    gh, gw, d = feats.shape
    flat = feats.reshape(-1, d)
    ok = np.isfinite(flat).all(1)
    if ok.sum() < MIN_BLOCKS:
        return None
    X = flat[ok]
    X = (X - np.median(X, axis=0)) / (np.std(X, axis=0) + 1e-9)
    ev, vec = np.linalg.eigh(np.cov(X.T, bias=True))
    Z = X @ vec[:, np.argsort(-ev)[:dims]]
    n = len(Z)
    vol = np.prod(Z.max(0) - Z.min(0) + 1e-9)
    mu, cov, pi = np.median(Z, 0), np.cov(Z.T, bias=True) + 1e-6 * np.eye(dims), 1 - PRIOR_OUTLIER
    for it in range(iters + 1):
        ic = np.linalg.inv(cov)
        m = np.einsum("ni,ij,nj->n", Z - mu, ic, Z - mu)
        g = pi * np.exp(-0.5 * m - 0.5 * np.linalg.slogdet(cov)[1] - dims / 2 * np.log(2 * np.pi))
        post_in = g / (g + (1 - pi) / vol)
        wsum = post_in.sum()
        if it == iters or wsum < 1e-9:
            break
        mu = (post_in[:, None] * Z).sum(0) / wsum
        dz = Z - mu
        cov = (post_in[:, None, None] * np.einsum("ni,nj->nij", dz, dz)).sum(0) / wsum + 1e-6 * np.eye(dims)
        pi = min(0.99, max(0.5, wsum / n))
    post = np.full(gh * gw, np.nan)
    dist = np.full(gh * gw, np.nan)
    post[ok], dist[ok] = 1 - post_in, m
    return post.reshape(gh, gw), dist.reshape(gh, gw)


def cell_map(post, h, w):
    """Block posteriors onto STRIDE-pixel cells covering the image (mean of the up to 4 blocks holding a cell)."""
    mh, mw = -(-h // STRIDE), -(-w // STRIDE)
    out = np.full((mh, mw), np.nan)
    gh, gw = post.shape
    for cy in range(mh):
        for cx in range(mw):
            v = post[max(0, cy - 1):min(gh, cy + 1), max(0, cx - 1):min(gw, cx + 1)]
            v = v[np.isfinite(v)]
            if v.size:
                out[cy, cx] = v.mean()
    return out


def score(cells, threshold=ANOMALOUS):
    """Headline of the noiseprint indicator: max over 4-connected regions of cells >= threshold of mean x
    sqrt(region cells / finite cells)."""
    from scipy import ndimage
    finite = np.isfinite(cells).sum()
    if finite == 0:
        return float("nan")
    lab, n = ndimage.label(np.nan_to_num(cells, nan=-1) >= threshold)
    best = 0.0
    for k in range(1, n + 1):
        v = cells[lab == k]
        best = max(best, v.mean() * np.sqrt(v.size / finite))
    return float(best)
