#!/usr/bin/python3
"""Reproducible recipe for Provenant's default LaRE models (issue 5).

Trains, on CPU, with Debian's torch 1.13 (run with /usr/bin/python3, never at Provenant run time):
  1. lare-encoder / lare-decoder: a small deterministic autoencoder, RGB in [-1, 1] -> latent 4 x H/8 x W/8 -> RGB
     (the stand-in for Stable Diffusion's VAE; the decoder is the "generator" whose fingerprint LaRE sees);
  2. lare-denoiser: a tiny UNet predicting the noise eps from (z_t, t), DDPM linear beta schedule, 1000 steps,
     trained on scaled latents of real photographs;
  3. lare-egre: the error-guided refinement head (LaRE^2, arXiv 2403.17465, EGRE): a small CNN on the image whose
     feature grid is weighted by the LaRE map (spatial attention pooling) and gated by the pooled LaRE vector
     (channel refinement), trained on real crops vs generated stand-ins (decoded through the autoencoder).
Exports ONNX files to models/lare/ and writes their manifest entries (hash, tensor names, properties) into
models/manifest.json (entries named lare-* are replaced, all others kept).

Data: photographs shipped by Debian's python3-skimage (/usr/lib/python3/dist-packages/skimage/data/), see
models/training/lare/README.md. chelsea.png and coffee.png are held out (Provenant's tests use crops of them).

Usage (from the repository root):
  nice -n 19 /usr/bin/python3 models/training/lare/train_lare.py --smoke          # untrained export, seconds
  nice -n 19 /usr/bin/python3 models/training/lare/train_lare.py                  # full recipe (see defaults)
Logs: models/training/work/lare/.
"""
import argparse
import hashlib
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

torch.set_num_threads(1)

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SKIMAGE = "/usr/lib/python3/dist-packages/skimage/data"
TRAIN_COLOUR = ["astronaut.png", "rocket.jpg", "motorcycle_left.png", "motorcycle_right.png",
                "hubble_deep_field.jpg", "ihc.png"]
TRAIN_GREY = ["camera.png", "brick.png", "grass.png", "gravel.png", "moon.png", "coins.png"]
HELD_OUT = ["chelsea.png", "coffee.png"]  # never used in training

LATENT_CHANNELS = 4
T_STEPS = 1000
BETA_START, BETA_END = 1e-4, 0.02   # DDPM linear schedule (Ho et al. 2020)
LARE_T = 200                        # LaRE timestep (official script; stable for 150-300)
LARE_DRAWS = 4
SIZE = 256


def log(msg, fh=[None]):
    if fh[0] is None:
        os.makedirs(os.path.join(ROOT, "models/training/work/lare"), exist_ok=True)
        fh[0] = open(os.path.join(ROOT, "models/training/work/lare/train.log"), "a")
    line = time.strftime("%H:%M:%S ") + msg
    print(line, flush=True)
    fh[0].write(line + "\n")
    fh[0].flush()


# ---------------------------------------------------------------- data
def load_photos(names, grey=False):
    out = []
    for n in names:
        im = Image.open(os.path.join(SKIMAGE, n))
        im = im.convert("L").convert("RGB") if grey else im.convert("RGB")
        out.append(np.asarray(im, dtype=np.float32) / 127.5 - 1.0)  # HWC in [-1, 1]
    return out


def random_crop(rng, photos, size, rescale=True):
    p = photos[rng.integers(len(photos))]
    h, w, _ = p.shape
    s = size
    if rescale:
        s = int(rng.integers(size // 2, min(h, w) + 1)) if min(h, w) > size // 2 else min(h, w)
    s = min(s, h, w)
    y, x = rng.integers(0, h - s + 1), rng.integers(0, w - s + 1)
    c = torch.from_numpy(np.ascontiguousarray(p[y:y + s, x:x + s].transpose(2, 0, 1)))[None]
    if s != size:
        c = F.interpolate(c, size=(size, size), mode="bilinear", align_corners=False, antialias=True)
    if rng.random() < 0.5:
        c = torch.flip(c, dims=[3])
    return c


def batch(rng, photos, n, size, rescale=True):
    return torch.cat([random_crop(rng, photos, size, rescale) for _ in range(n)], 0)


# ---------------------------------------------------------------- models
class Encoder(nn.Module):
    def __init__(self, c=32):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, c, 3, 1, 1), nn.SiLU(),
            nn.Conv2d(c, c, 4, 2, 1), nn.SiLU(),
            nn.Conv2d(c, 2 * c, 4, 2, 1), nn.SiLU(),
            nn.Conv2d(2 * c, 2 * c, 4, 2, 1), nn.SiLU(),
            nn.Conv2d(2 * c, LATENT_CHANNELS, 3, 1, 1))

    def forward(self, x):
        return self.net(x)


class Decoder(nn.Module):
    def __init__(self, c=32):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(LATENT_CHANNELS, 2 * c, 3, 1, 1), nn.SiLU(),
            nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(2 * c, 2 * c, 3, 1, 1), nn.SiLU(),
            nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(2 * c, c, 3, 1, 1), nn.SiLU(),
            nn.Upsample(scale_factor=2, mode="nearest"), nn.Conv2d(c, c, 3, 1, 1), nn.SiLU(),
            nn.Conv2d(c, 3, 3, 1, 1))

    def forward(self, z):
        return self.net(z)


def timestep_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32) / half)
    a = t.float()[:, None] * freqs[None]
    return torch.cat([torch.sin(a), torch.cos(a)], dim=1)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, tdim):
        super().__init__()
        self.n1 = nn.GroupNorm(8, cin)
        self.c1 = nn.Conv2d(cin, cout, 3, 1, 1)
        self.t = nn.Linear(tdim, cout)
        self.n2 = nn.GroupNorm(8, cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()

    def forward(self, x, temb):
        h = self.c1(F.silu(self.n1(x)))
        h = h + self.t(temb)[:, :, None, None]
        h = self.c2(F.silu(self.n2(h)))
        return h + self.skip(x)


class TinyUNet(nn.Module):
    """eps_pred = f(z_t, t): two resolutions (32x32, 16x16), sinusoidal timestep embedding."""

    def __init__(self, c=48):
        super().__init__()
        self.tdim = 4 * c
        self.temb = nn.Sequential(nn.Linear(c, self.tdim), nn.SiLU(), nn.Linear(self.tdim, self.tdim))
        self.c = c
        self.inp = nn.Conv2d(LATENT_CHANNELS, c, 3, 1, 1)
        self.d1 = ResBlock(c, c, self.tdim)
        self.down = nn.Conv2d(c, 2 * c, 3, 2, 1)
        self.d2 = ResBlock(2 * c, 2 * c, self.tdim)
        self.mid = ResBlock(2 * c, 2 * c, self.tdim)
        self.upc = nn.Conv2d(2 * c, c, 3, 1, 1)
        self.u1 = ResBlock(2 * c, c, self.tdim)
        self.outn = nn.GroupNorm(8, c)
        self.out = nn.Conv2d(c, LATENT_CHANNELS, 3, 1, 1)

    def forward(self, z_t, t):
        temb = self.temb(timestep_embedding(t, self.c))
        h0 = self.d1(self.inp(z_t), temb)
        h = self.mid(self.d2(self.down(h0), temb), temb)
        h = self.upc(F.interpolate(h, scale_factor=2.0, mode="nearest"))
        h = self.u1(torch.cat([h, h0], 1), temb)
        return self.out(F.silu(self.outn(h)))


class EgreHead(nn.Module):
    """Error-guided refinement (LaRE^2's EGRE, CPU-sized): image features on a 16x16 grid; the LaRE map (4 x 32 x 32)
    pooled to that grid biases an attention pooling (spatial refinement) and, pooled to a vector, gates the feature
    channels through a small MLP with sigmoid (channel refinement); a linear head on [global, spatial, channel]."""

    def __init__(self, c=48):
        super().__init__()
        self.feat = nn.Sequential(
            nn.Conv2d(3, 16, 3, 2, 1), nn.SiLU(),       # 128
            nn.Conv2d(16, 32, 3, 2, 1), nn.SiLU(),      # 64
            nn.Conv2d(32, c, 3, 2, 1), nn.SiLU(),       # 32
            nn.Conv2d(c, c, 3, 2, 1), nn.SiLU())        # 16
        self.att_f = nn.Conv2d(c, 1, 1)
        self.att_l = nn.Conv2d(LATENT_CHANNELS, 1, 1)
        self.gate = nn.Sequential(nn.Linear(2 * LATENT_CHANNELS, 32), nn.SiLU(), nn.Linear(32, c), nn.Sigmoid())
        self.head = nn.Linear(3 * c, 1)

    def forward(self, x, lare):
        f = self.feat(x)                                       # N, c, 16, 16
        l = F.avg_pool2d(torch.log1p(lare), 2)   # N, 4, 16, 16 (LaRE 32x32 -> the 16x16 feature grid)
        n, c = f.shape[0], f.shape[1]
        glob = f.mean(dim=(2, 3))
        att = torch.softmax((self.att_f(f) + self.att_l(l)).flatten(1), dim=1)     # N, 256
        spatial = torch.bmm(f.flatten(2), att[:, :, None])[:, :, 0]
        lv = torch.log1p(lare).flatten(2)
        gate = self.gate(torch.cat([lv.mean(2), lv.std(2)], 1))
        channel = glob * gate
        return torch.sigmoid(self.head(torch.cat([glob, spatial, channel], 1)))


# ---------------------------------------------------------------- diffusion
def alphas_cumprod():
    betas = torch.linspace(BETA_START, BETA_END, T_STEPS, dtype=torch.float64)
    return torch.cumprod(1.0 - betas, 0).float()


def lare_map(den, z, abar, gen):
    """LaRE as the Java side computes it: mean over draws of (eps_pred - eps)^2 at t = LARE_T."""
    a = abar[LARE_T]
    acc = torch.zeros_like(z)
    t = torch.full((z.shape[0],), float(LARE_T))
    for _ in range(LARE_DRAWS):
        eps = torch.randn(z.shape, generator=gen)
        zt = a.sqrt() * z + (1 - a).sqrt() * eps
        acc += (den(zt, t) - eps) ** 2
    return acc / LARE_DRAWS


# ---------------------------------------------------------------- export
def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


def export(model, args, path, in_names, out_names, dyn):
    model.eval()
    torch.onnx.export(model, args, path, input_names=in_names, output_names=out_names,
                      dynamic_axes=dyn, opset_version=13, do_constant_folding=True)


def write_manifest(entries):
    path = os.path.join(ROOT, "models/manifest.json")
    root = {"models": []}
    if os.path.exists(path):
        with open(path) as f:
            root = json.load(f)
    kept = [e for e in root.get("models", []) if not e["name"].startswith("lare-")]
    root["models"] = kept + entries
    dump_manifest(root, path)


def dump_manifest(root, path):
    """Writes the manifest in the project's layout: one key per line, lists and maps inline."""
    blocks = []
    for e in root["models"]:
        blocks.append("    {\n" + ",\n".join(f"      {json.dumps(k)}: {json.dumps(v)}" for k, v in e.items()) + "\n    }")
    with open(path, "w") as f:
        f.write('{\n  "models": [\n' + ",\n".join(blocks) + "\n  ]\n}\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--smoke", action="store_true", help="export untrained models (for wiring only)")
    ap.add_argument("--ae-steps", type=int, default=700)
    ap.add_argument("--den-steps", type=int, default=700)
    ap.add_argument("--egre-steps", type=int, default=150)
    ap.add_argument("--unet-channels", type=int, default=32)
    ap.add_argument("--seed", type=int, default=20240326)
    ap.add_argument("--reformat-manifest", action="store_true", help="only rewrite models/manifest.json's layout")
    a = ap.parse_args()
    if a.reformat_manifest:
        path = os.path.join(ROOT, "models/manifest.json")
        with open(path) as f:
            dump_manifest(json.load(f), path)
        return 0
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    if a.smoke:
        a.ae_steps = a.den_steps = a.egre_steps = 0
    photos = load_photos(TRAIN_COLOUR) + load_photos(TRAIN_GREY, grey=True)
    enc, dec, den, egre = Encoder(), Decoder(), TinyUNet(a.unet_channels), EgreHead()
    abar = alphas_cumprod()
    how = ("models/training/lare/train_lare.py" + (" --smoke (UNTRAINED, wiring only)" if a.smoke else
           f" --ae-steps {a.ae_steps} --den-steps {a.den_steps} --egre-steps {a.egre_steps} --unet-channels {a.unet_channels}")
           + f" --seed {a.seed}; torch {torch.__version__} CPU, 1 thread; data: skimage photos "
           + ", ".join(TRAIN_COLOUR + TRAIN_GREY) + " (held out: " + ", ".join(HELD_OUT) + ")")

    # 1. autoencoder: L1 reconstruction + a small latent-magnitude penalty (keeps the latent bounded)
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=2e-3)
    t0 = time.time()
    for step in range(a.ae_steps):
        x = batch(rng, photos, 8, 128)
        z = enc(x)
        loss = (dec(z) - x).abs().mean() + 1e-4 * (z ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step == a.ae_steps * 2 // 3:
            for g in opt.param_groups:
                g["lr"] = 5e-4
        if step % 50 == 0 or step == a.ae_steps - 1:
            log(f"ae step {step} loss {loss.item():.4f} ({time.time() - t0:.0f}s)")
    enc.eval(), dec.eval()

    # latents of real photos at 256x256 (the LaRE resolution); scaling factor = 1 / std, as SD's 0.18215
    with torch.no_grad():
        lat = torch.cat([enc(batch(rng, photos, 8, SIZE)) for _ in range(32 if not a.smoke else 1)], 0)
    scale = float(1.0 / lat.std()) if not a.smoke else 1.0
    lat = lat * scale
    log(f"latents {tuple(lat.shape)} scale {scale:.5f}")

    # 2. denoiser: standard DDPM eps-prediction loss, t uniform over the 1000 steps
    opt = torch.optim.Adam(den.parameters(), lr=1e-3)
    t0 = time.time()
    for step in range(a.den_steps):
        idx = torch.randint(0, lat.shape[0], (16,))
        z = lat[idx]
        if rng.random() < 0.5:
            z = torch.flip(z, dims=[3])
        t = torch.randint(0, T_STEPS, (16,))
        eps = torch.randn_like(z)
        ab = abar[t][:, None, None, None]
        zt = ab.sqrt() * z + (1 - ab).sqrt() * eps
        loss = F.mse_loss(den(zt, t.float()), eps)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step == a.den_steps * 2 // 3:
            for g in opt.param_groups:
                g["lr"] = 3e-4
        if step % 50 == 0 or step == a.den_steps - 1:
            log(f"denoiser step {step} loss {loss.item():.4f} ({time.time() - t0:.0f}s)")
    den.eval()

    # 3. EGRE head on real crops (label 0) vs generated stand-ins (label 1): decoded through the autoencoder
    #    from the crop's latent, or from that latent perturbed by noise (a sample the decoder "imagines").
    def stand_in(x, kind):
        with torch.no_grad():
            z = enc(x)
            if kind == 1:
                z = z + 0.3 * z.std() * torch.randn(z.shape, generator=gen)
            return dec(z).clamp(-1, 1)

    def lare_of(x):
        with torch.no_grad():
            return lare_map(den, enc(x) * scale, abar, gen)

    opt = torch.optim.Adam(egre.parameters(), lr=1e-3)
    t0 = time.time()
    for step in range(a.egre_steps):
        real = batch(rng, photos, 4, SIZE)
        fake = torch.cat([stand_in(real[:2], 0), stand_in(real[2:], 1)], 0)
        x = torch.cat([real, fake], 0)
        y = torch.tensor([0.0] * 4 + [1.0] * 4)[:, None]
        p = egre(x, lare_of(x))
        loss = F.binary_cross_entropy(p.clamp(1e-6, 1 - 1e-6), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 25 == 0 or step == a.egre_steps - 1:
            log(f"egre step {step} loss {loss.item():.4f} ({time.time() - t0:.0f}s)")
    egre.eval()

    # measured LaRE (mean of the 4x32x32 map) of real crops vs stand-ins from the training photos
    with torch.no_grad():
        n = 2 if a.smoke else 24
        real = batch(rng, photos, n, SIZE)
        fake = stand_in(real, 0)
        lr_, lf_ = lare_of(real).mean(dim=(1, 2, 3)), lare_of(fake).mean(dim=(1, 2, 3))
        pr, pf = egre(real, lare_of(real))[:, 0], egre(fake, lare_of(fake))[:, 0]
    log(f"LaRE mean real {lr_.mean():.5f} +- {lr_.std():.5f}; decoded {lf_.mean():.5f} +- {lf_.std():.5f}; "
        f"fraction decoded > real (paired) {(lf_ > lr_).float().mean():.3f}")
    log(f"EGRE p(generated) real {pr.mean():.3f}, decoded {pf.mean():.3f}; "
        f"accuracy at 0.5 {((pr < 0.5).float().sum() + (pf >= 0.5).float().sum()) / (2 * n):.3f}")

    out = os.path.join(ROOT, "models/lare")
    os.makedirs(out, exist_ok=True)
    hw = {0: "n", 2: "h", 3: "w"}
    export(enc, (torch.zeros(1, 3, SIZE, SIZE),), os.path.join(out, "lare-encoder.onnx"), ["x"], ["z"],
           {"x": hw, "z": hw})
    export(dec, (torch.zeros(1, 4, SIZE // 8, SIZE // 8),), os.path.join(out, "lare-decoder.onnx"), ["z"], ["x"],
           {"z": hw, "x": hw})
    export(den, (torch.zeros(1, 4, SIZE // 8, SIZE // 8), torch.full((1,), float(LARE_T))),
           os.path.join(out, "lare-denoiser.onnx"), ["z_t", "t"], ["eps"], {"z_t": {0: "n"}, "t": {0: "n"}, "eps": {0: "n"}})
    export(egre, (torch.zeros(1, 3, SIZE, SIZE), torch.zeros(1, 4, SIZE // 8, SIZE // 8)),
           os.path.join(out, "lare-egre.onnx"), ["x", "lare"], ["p_generated"], {"x": {0: "n"}, "lare": {0: "n"}, "p_generated": {0: "n"}})

    common = {"scalingFactor": f"{scale:.6f}", "latentChannels": "4", "downsample": "8", "inputSize": str(SIZE)}
    thr = float((lr_.mean() + lf_.mean()) / 2)
    entries = [
        {"name": "lare-encoder", "file": "lare/lare-encoder.onnx", "kind": "lare.encoder",
         "inputs": ["x: float32[N,3,H,W] RGB in [-1,1], H and W multiples of 8"],
         "outputs": ["z: float32[N,4,H/8,W/8] latent, unscaled (multiply by scalingFactor)"],
         "properties": dict(common, input="x", output="z", inputRange="-1..1")},
        {"name": "lare-decoder", "file": "lare/lare-decoder.onnx", "kind": "lare.decoder",
         "inputs": ["z: float32[N,4,h,w] latent, unscaled"], "outputs": ["x: float32[N,3,8h,8w] RGB, about -1..1"],
         "properties": dict(common, input="z", output="x")},
        {"name": "lare-denoiser", "file": "lare/lare-denoiser.onnx", "kind": "lare.denoiser",
         "inputs": ["z_t: float32[N,4,32,32] noisy scaled latent", "t: float32[N] timestep 0..999"],
         "outputs": ["eps: float32[N,4,32,32] predicted noise"],
         "properties": {"latentInput": "z_t", "timestepInput": "t", "timestepType": "float32", "output": "eps",
                        "t": str(LARE_T), "trainSteps": str(T_STEPS), "betaSchedule": "linear",
                        "betaStart": str(BETA_START), "betaEnd": str(BETA_END), "encoder": "lare-encoder",
                        "meanLareReal": f"{float(lr_.mean()):.6f}", "meanLareDecoded": f"{float(lf_.mean()):.6f}",
                        "meanLareThreshold": f"{thr:.6f}"}},
        {"name": "lare-egre", "file": "lare/lare-egre.onnx", "kind": "lare.egre",
         "inputs": ["x: float32[N,3,256,256] RGB in [-1,1]", "lare: float32[N,4,32,32] LaRE map"],
         "outputs": ["p_generated: float32[N,1] probability the image is generated"],
         "properties": {"imageInput": "x", "lareInput": "lare", "output": "p_generated", "denoiser": "lare-denoiser"}},
    ]
    for e in entries:
        f = os.path.join(ROOT, "models", e["file"])
        e["sha256"] = sha256(f)
        e["howMade"] = how
        log(f"exported {e['file']} {os.path.getsize(f)} bytes sha256 {e['sha256']}")
    write_manifest(entries)


if __name__ == "__main__":
    sys.exit(main())
