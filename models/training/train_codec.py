#!/usr/bin/python3
"""Provenant's small scale-hyperprior codec (Balle et al. 2018, arXiv 1802.01436) with JPEG AI's pre-processing.

Input RGB -> YCbCr (BT.601 full range, Cb/Cr centred on 0.5) -> chroma 4:2:0 (2x2 box average down, bilinear
up back to full size, centre-aligned: same as org.provenant.core.color.YCbCr) -> network on the 3 YCbCr planes;
the synthesis returns YCbCr planes, which the Java side converts back to RGB.

Network (N=48, M=64, Nz=32 channels; GDN/IGDN as in the paper, ReLU in the hyper transforms):
  analysis       g_a: 4 x [conv 5x5 stride 2] with GDN between       x[1,3,H,W] -> y[1,M,H/16,W/16]
  hyper-analysis h_a: conv3x3 s1, ReLU, conv5x5 s2, ReLU, conv5x5 s2  on |y| -> z[1,Nz,H/64,W/64]
  entropy           : scales = h_s(z_hat) (2 transposed convs + conv3x3, softplus, >= 0.11);
                      y_likelihoods = zero-mean Gaussian conditional mass of y_hat on [-0.5,0.5];
                      z_likelihoods = Balle's non-parametric factorized prior (filters 3,3,3), per channel
  synthesis      g_s: 4 x [transposed conv 5x5 stride 2] with IGDN   y_hat -> x_hat[1,3,H,W] (YCbCr)
Training: loss = bpp + lambda * 255^2 * MSE(RGB of x_hat, RGB of the 4:2:0 input); additive uniform noise for
the likelihoods, straight-through rounding for the synthesis input. One base model at the middle lambda,
then each rate point fine-tuned from it.

Usage (CPU, one thread per process): the base model, then the four fine-tunes (which may run in parallel):
  nice -n 19 /usr/bin/python3 models/training/train_codec.py --base-steps 2000 --rates '' \
      --log models/training/work/train.log          # writes models/training/work/base.pt
  nice -n 19 /usr/bin/python3 models/training/train_codec.py --from-base models/training/work/base.pt \
      --ft-steps 300 --rates q1 --log models/training/work/ft-q1.log      # likewise q2, q3, q4
  --smoke exports an untrained model quickly (for wiring up the Java side).
"""
import argparse
import hashlib
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

N, M, NZ = 48, 64, 32
# rate points: lambda for bpp + lambda*255^2*MSE (CompressAI's scale; our choice of the lowest four-ish)
LAMBDAS = {"q1": 0.0018, "q2": 0.0035, "q3": 0.0067, "q4": 0.0130}
BASE = "q3"
SCALE_MIN = 0.11
LIK_MIN = 1e-9
CROP = 128
BATCH = 6
SEED = 20250404

DATA = "/usr/lib/python3/dist-packages/skimage/data/"
# Training photos (python3-skimage's sample data; licences in models/training/README.md).
# Held out for tests and never trained on: chelsea.png, coffee.png, rocket.jpg.
TRAIN_COLOUR = ["astronaut.png", "hubble_deep_field.jpg", "ihc.png", "motorcycle_left.png",
                "motorcycle_right.png", "retina.jpg"]
TRAIN_GREY = ["camera.png", "brick.png", "grass.png", "gravel.png", "moon.png", "coins.png"]
HELD_OUT = ["chelsea.png", "coffee.png", "rocket.jpg"]


# ---------------------------------------------------------------- pre-processing (mirrors core.color.YCbCr)
def rgb_to_ycc(x):
    r, g, b = x[:, 0:1], x[:, 1:2], x[:, 2:3]
    y = 0.299 * r + 0.587 * g + 0.114 * b
    cb = -0.168736 * r - 0.331264 * g + 0.5 * b + 0.5
    cr = 0.5 * r - 0.418688 * g - 0.081312 * b + 0.5
    return torch.cat([y, cb, cr], 1)


def ycc_to_rgb(x):
    y, cb, cr = x[:, 0:1], x[:, 1:2] - 0.5, x[:, 2:3] - 0.5
    return torch.cat([y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb], 1)


def chroma420(ycc):
    c = ycc[:, 1:3]
    c = F.interpolate(F.avg_pool2d(c, 2), scale_factor=2, mode="bilinear", align_corners=False)
    return torch.cat([ycc[:, 0:1], c], 1)


# ---------------------------------------------------------------- network
class GDN(nn.Module):
    def __init__(self, ch, inverse=False):
        super().__init__()
        self.inverse = inverse
        self.beta = nn.Parameter(torch.ones(ch))
        self.gamma = nn.Parameter(0.1 * torch.eye(ch))

    def forward(self, x):
        ch = x.shape[1]
        beta = self.beta.clamp(min=1e-3)
        gamma = self.gamma.abs().view(ch, ch, 1, 1)
        norm = torch.sqrt(F.conv2d(x * x, gamma, beta))
        return x * norm if self.inverse else x / norm


def conv(i, o, k=5, s=2):
    return nn.Conv2d(i, o, k, s, k // 2)


def deconv(i, o, k=5, s=2):
    return nn.ConvTranspose2d(i, o, k, s, k // 2, output_padding=s - 1)


class Factorized(nn.Module):
    """Balle's factorized (non-parametric) density for z, one monotone CDF per channel."""

    def __init__(self, ch, filters=(3, 3, 3), init_scale=10.0):
        super().__init__()
        f = (1,) + filters + (1,)
        scale = init_scale ** (1 / (len(filters) + 1))
        self.n = len(filters) + 1
        self.mats = nn.ParameterList()
        self.biases = nn.ParameterList()
        self.factors = nn.ParameterList()
        for i in range(self.n):
            init = math.log(math.expm1(1 / scale / f[i + 1]))
            self.mats.append(nn.Parameter(torch.full((ch, f[i + 1], f[i]), init)))
            self.biases.append(nn.Parameter(torch.rand(ch, f[i + 1], 1) - 0.5))
            if i < self.n - 1:
                self.factors.append(nn.Parameter(torch.zeros(ch, f[i + 1], 1)))

    def logits(self, v):
        for i in range(self.n):
            v = torch.matmul(F.softplus(self.mats[i]), v) + self.biases[i]
            if i < self.n - 1:
                v = v + torch.tanh(self.factors[i]) * torch.tanh(v)
        return v

    def forward(self, z):
        b, c, h, w = z.shape
        v = z.permute(1, 0, 2, 3).reshape(c, 1, -1)
        lo = self.logits(v - 0.5)
        up = self.logits(v + 0.5)
        sign = -torch.sign(lo + up)
        sign = torch.where(sign == 0, torch.ones_like(sign), sign)
        lik = torch.abs(torch.sigmoid(sign * up) - torch.sigmoid(sign * lo)).clamp(min=LIK_MIN)
        return lik.reshape(c, b, h, w).permute(1, 0, 2, 3)


def gaussian_likelihood(y, scale):
    s = scale.clamp(min=SCALE_MIN)
    a = y.abs()
    k = 1.0 / math.sqrt(2.0)
    up = 0.5 * (1 + torch.erf((0.5 - a) / s * k))
    lo = 0.5 * (1 + torch.erf((-0.5 - a) / s * k))
    return (up - lo).clamp(min=LIK_MIN)


class Codec(nn.Module):
    def __init__(self):
        super().__init__()
        self.g_a = nn.Sequential(conv(3, N), GDN(N), conv(N, N), GDN(N), conv(N, N), GDN(N), conv(N, M))
        self.g_s = nn.Sequential(deconv(M, N), GDN(N, True), deconv(N, N), GDN(N, True), deconv(N, N),
                                 GDN(N, True), deconv(N, 3))
        self.h_a = nn.Sequential(conv(M, N, 3, 1), nn.ReLU(), conv(N, N), nn.ReLU(), conv(N, NZ))
        self.h_s = nn.Sequential(deconv(NZ, N), nn.ReLU(), deconv(N, N), nn.ReLU(), conv(N, M, 3, 1))
        self.prior = Factorized(NZ)

    def scales(self, z_hat):
        return F.softplus(self.h_s(z_hat)).clamp(min=SCALE_MIN)

    def forward(self, x_ycc):
        y = self.g_a(x_ycc)
        z = self.h_a(y.abs())
        z_t = z + torch.empty_like(z).uniform_(-0.5, 0.5)
        y_t = y + torch.empty_like(y).uniform_(-0.5, 0.5)
        y_ste = y + (torch.round(y) - y).detach()
        x_hat = self.g_s(y_ste)
        return x_hat, gaussian_likelihood(y_t, self.scales(z_t)), self.prior(z_t)


# export wrappers: one ONNX graph each
class Analysis(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c

    def forward(self, x):
        return self.c.g_a(x)


class HyperAnalysis(Analysis):
    def forward(self, y):
        return self.c.h_a(y.abs())


class Entropy(Analysis):
    def forward(self, y_hat, z_hat):
        return gaussian_likelihood(y_hat, self.c.scales(z_hat)), self.c.prior(z_hat)


class Synthesis(Analysis):
    def forward(self, y_hat):
        return self.c.g_s(y_hat)


# ---------------------------------------------------------------- data
def load_photos():
    import skimage.io
    photos = []
    for name in TRAIN_COLOUR + TRAIN_GREY:
        a = skimage.io.imread(os.path.join(DATA, name))
        if a.ndim == 2:
            a = np.stack([a] * 3, -1)
        a = a[..., :3].astype(np.float32) / 255.0
        photos.append((name, torch.from_numpy(a).permute(2, 0, 1).contiguous()))
    return photos


def rgb_batch(photos, rng):
    """BATCH random RGB crops (random rescale 0.5-1.0, random horizontal flip) of the photos."""
    out = []
    weights = [p.shape[1] * p.shape[2] for _, p in photos]
    for _ in range(BATCH):
        _, p = rng.choices(photos, weights)[0]
        s = rng.uniform(0.5, 1.0)
        h, w = p.shape[1], p.shape[2]
        nh, nw = max(CROP, int(h * s)), max(CROP, int(w * s))
        q = F.interpolate(p[None], size=(nh, nw), mode="bilinear", align_corners=False, antialias=True)[0]
        y0, x0 = rng.randrange(nh - CROP + 1), rng.randrange(nw - CROP + 1)
        q = q[:, y0:y0 + CROP, x0:x0 + CROP]
        if rng.random() < 0.5:
            q = q.flip(2)
        out.append(q.clamp(0, 1))
    return torch.stack(out)


def batch(photos, rng):
    return chroma420(rgb_to_ycc(rgb_batch(photos, rng)))


# ---------------------------------------------------------------- training
def train(model, lam, steps, lr, photos, rng, log, tag, deadline=None, ckpt=None):
    """Adam for `steps` steps (lr drops 5x for the last 20 %), or until `deadline` (time.time()) if given:
    then the lr drop happens when 80 % of the time is used. Returns the number of steps taken."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    t0 = time.time()
    dropped = False
    for step in range(1, steps + 1):
        late = step > 0.8 * steps or (deadline is not None and time.time() > t0 + 0.8 * (deadline - t0))
        if late and not dropped:
            for g in opt.param_groups:
                g["lr"] = lr * 0.2
            dropped = True
            log(f"{tag} step {step}: lr {lr * 0.2:g}")
        if deadline is not None and time.time() > deadline:
            log(f"{tag} time budget reached after {step - 1} steps")
            return step - 1
        x = batch(photos, rng)
        x_hat, ly, lz = model(x)
        npix = x.shape[0] * x.shape[2] * x.shape[3]
        bpp = (-torch.log2(ly).sum() - torch.log2(lz).sum()) / npix
        mse = F.mse_loss(ycc_to_rgb(x_hat), ycc_to_rgb(x))
        loss = bpp + lam * 255 ** 2 * mse
        if not torch.isfinite(loss):
            log(f"{tag} step {step}: non-finite loss, batch skipped")
            continue
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if ckpt and step % 100 == 0:
            torch.save(model.state_dict(), ckpt)
        if step % 50 == 0 or step == steps:
            psnr = 10 * math.log10(1 / max(mse.item(), 1e-10))
            log(f"{tag} step {step}/{steps} loss {loss.item():.4f} bpp {bpp.item():.3f} psnr {psnr:.2f} "
                f"({time.time() - t0:.0f}s)")
    return steps


@torch.no_grad()
def evaluate(model, log, tag):
    """Real quantization on the held-out photos (cropped to multiples of 64)."""
    import skimage.io
    res = []
    for name in HELD_OUT:
        a = skimage.io.imread(os.path.join(DATA, name))[..., :3].astype(np.float32) / 255
        h, w = a.shape[0] // 64 * 64, a.shape[1] // 64 * 64
        x = torch.from_numpy(a[:h, :w]).permute(2, 0, 1)[None]
        xin = chroma420(rgb_to_ycc(x))
        y = torch.round(model.g_a(xin))
        z = torch.round(model.h_a(y.abs()))
        ly = gaussian_likelihood(y, model.scales(z))
        lz = model.prior(z)
        bpp = (-torch.log2(ly).sum() - torch.log2(lz).sum()).item() / (h * w)
        rgb = ycc_to_rgb(model.g_s(y)).clamp(0, 1)
        mse = F.mse_loss(rgb, x).item()
        res.append((name, bpp, 10 * math.log10(1 / mse)))
    for name, bpp, psnr in res:
        log(f"{tag} held-out {name}: {bpp:.3f} bpp, PSNR vs original RGB {psnr:.2f} dB")
    return {"bpp": float(np.mean([r[1] for r in res])), "psnr": float(np.mean([r[2] for r in res]))}


def export(model, q, outdir, lam, stats, how):
    model.eval()
    x = torch.rand(1, 3, 128, 192)
    with torch.no_grad():
        y = model.g_a(x)
        z = model.h_a(y.abs())
    hw = {2: "h", 3: "w"}
    parts = {
        "analysis": (Analysis(model), (x,), ["x"], ["y"]),
        "hyper": (HyperAnalysis(model), (y,), ["y"], ["z"]),
        "entropy": (Entropy(model), (torch.round(y), torch.round(z)), ["y_hat", "z_hat"],
                    ["y_likelihoods", "z_likelihoods"]),
        "synthesis": (Synthesis(model), (torch.round(y),), ["y_hat"], ["x_hat"]),
    }
    shapes = {
        "x": "float32[1,3,H,W] YCbCr (BT.601 full range, Cb/Cr centred on 0.5) after 4:2:0, H and W multiples of 64",
        "y": f"float32[1,{M},H/16,W/16] continuous latents",
        "z": f"float32[1,{NZ},H/64,W/64] continuous hyper-latents",
        "y_hat": f"float32[1,{M},H/16,W/16] latents (rounded for coding)",
        "z_hat": f"float32[1,{NZ},H/64,W/64] rounded hyper-latents",
        "y_likelihoods": f"float32[1,{M},H/16,W/16] probability mass of each y_hat",
        "z_likelihoods": f"float32[1,{NZ},H/64,W/64] probability mass of each z_hat",
        "x_hat": "float32[1,3,H,W] decoded YCbCr",
    }
    entries = []
    for part, (mod, args, ins, outs) in parts.items():
        fname = f"hp-{q}-{part}.onnx"
        path = os.path.join(outdir, fname)
        dyn = {n: hw for n in ins + outs}
        torch.onnx.export(mod, args, path, input_names=ins, output_names=outs, dynamic_axes=dyn,
                          opset_version=13, do_constant_folding=True)
        sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
        props = {"codec": "hp", "ratePoint": q, "lambda": str(lam), "N": str(N), "M": str(M), "Nz": str(NZ),
                 "multiple": "64", "downsampling": "16"}
        props.update({k: f"{v:.4f}" for k, v in stats.items()})
        entries.append({"name": f"codec-hp-{q}-{part}", "file": f"codec/{fname}", "sha256": sha,
                        "kind": f"codec.{part}", "inputs": [f"{n}: {shapes[n]}" for n in ins],
                        "outputs": [f"{n}: {shapes[n]}" for n in outs], "howMade": how, "properties": props})
    return entries


def update_manifest(path, entries):
    data = {"models": []}
    if os.path.exists(path):
        with open(path) as f:
            data = json.load(f)
    names = {e["name"] for e in entries}
    data["models"] = [e for e in data.get("models", []) if e["name"] not in names] + entries
    with open(path, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-steps", type=int, default=2000)
    ap.add_argument("--ft-steps", type=int, default=450)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--out", default="models/codec")
    ap.add_argument("--manifest", default="models/manifest.json")
    ap.add_argument("--log", default="models/training/work/train.log")
    ap.add_argument("--smoke", action="store_true", help="export untrained weights (wiring only)")
    ap.add_argument("--from-base", help="skip the base training: start the fine-tunes from this saved base.pt")
    ap.add_argument("--rates", default=",".join(LAMBDAS), help="rate points to fine-tune and export, e.g. q1,q2")
    ap.add_argument("--budget-min", type=float, help="wall-clock cap: base gets 60 %%, each fine-tune 10 %%; "
                    "the steps reached are logged (rerun with them as --base-steps/--ft-steps to reproduce)")
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    os.makedirs(a.out, exist_ok=True)
    os.makedirs(os.path.dirname(a.log), exist_ok=True)
    logf = open(a.log, "a")

    def log(msg):
        line = time.strftime("%H:%M:%S ") + msg
        print(line, flush=True)
        logf.write(line + "\n")
        logf.flush()

    t_start = time.time()
    cmd = "models/training/train_codec.py " + " ".join(sys.argv[1:])
    entries = []
    model = Codec()
    if a.smoke:
        for q, lam in LAMBDAS.items():
            entries += export(model, q, a.out, lam, {}, "UNTRAINED smoke export: " + cmd)
    else:
        photos = load_photos()
        if a.from_base:
            base_state = torch.load(a.from_base)
            log(f"fine-tuning {a.rates} from {a.from_base}")
        else:
            log(f"training on {len(photos)} photos, base {BASE} lambda {LAMBDAS[BASE]}, {a.base_steps} steps")
            model.train()
            dl = t_start + 60 * 0.6 * a.budget_min if a.budget_min else None
            n = train(model, LAMBDAS[BASE], a.base_steps, a.lr, photos, rng, log, "base", dl,
                      os.path.join(os.path.dirname(a.log), "base-ckpt.pt"))
            log(f"base: {n} steps")
            base_state = {k: v.clone() for k, v in model.state_dict().items()}
            torch.save(base_state, os.path.join(os.path.dirname(a.log), "base.pt"))
        for q in [r for r in a.rates.split(",") if r]:
            lam = LAMBDAS[q]
            model.load_state_dict(base_state)
            model.train()
            torch.manual_seed(SEED + int(q[1:]))
            dl = time.time() + 60 * 0.1 * a.budget_min if a.budget_min else None
            n = train(model, lam, a.ft_steps, a.lr, photos, random.Random(SEED + int(q[1:])), log, q, dl)
            log(f"{q}: {n} fine-tuning steps")
            model.eval()
            stats = evaluate(model, log, q)
            how = (f"trained by `nice -n 19 /usr/bin/python3 {cmd}` (seed {SEED}, CPU, 1 thread) on "
                   f"python3-skimage photos; held-out {stats['bpp']:.3f} bpp / {stats['psnr']:.2f} dB")
            part = export(model, q, a.out, lam, {"heldOutBpp": stats["bpp"], "heldOutPsnr": stats["psnr"]}, how)
            update_manifest(a.manifest, part)  # after each rate point, so a cut-off run still leaves some
            entries += part
        log(f"total training time {(time.time() - t_start) / 60:.1f} min")
    update_manifest(a.manifest, entries)
    log(f"exported {len(entries)} ONNX graphs to {a.out}, manifest {a.manifest}")


if __name__ == "__main__":
    main()
