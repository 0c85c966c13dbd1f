#!/usr/bin/python3
"""Two more neural-codec FAMILIES (issue 10, item 1), so that "a codec the detector has never seen" can be tested.

Neither is shipped for run time: their reconstructions are evaluation data (models/training/data/build_codec_class.py).
Both differ from our scale hyperprior `hp` (train_codec.py: YCbCr 4:2:0, GDN, transposed convs, zero-mean Gaussian):

  ms   mean-scale hyperprior (Minnen et al. 2018, arXiv 1809.02736, without the autoregressive context) on RGB 4:4:4;
       analysis conv5x5/2 + GDN; hyper-synthesis gives a Gaussian MEAN and scale for y; synthesis by sub-pixel
       convolution (conv3x3 -> PixelShuffle(2), LeakyReLU) instead of transposed convolutions.
       Loss bpp + lambda*255^2*MSE(RGB).
  adv  a true 4:2:0 codec (luma at full size, chroma at half size, like JPEG AI) on YCbCr: residual upsampling blocks
       (nearest x2 -> conv3x3 -> ReLU -> conv3x3, plus a 1x1 skip) and ReLU analysis; mean-scale hyperprior; first
       trained on MSE, then fine-tuned with an adversarial loss (HiFiC-like, Mentzer et al. 2020: a small PatchGAN
       discriminator, hinge loss, weight beta) added to bpp + lambda*255^2*MSE.

Rate points: a base model at the middle lambda, the others fine-tuned from it. Real quantization at decode time:
z_hat = round(z), (mu, sigma) = h_s(z_hat), y_hat = round(y - mu) + mu.

  nice -n 19 /usr/bin/python3 models/training/train_codec_family.py train --family ms --budget-min 22 \
      --log data/codec-families/ms.log                 # weights in data/codec-families (--work DIR elsewhere)
  nice -n 19 /usr/bin/python3 models/training/train_codec_family.py reconstruct --family ms --rate q2 \
      --list pairs.tsv      # pairs.tsv: input.png<TAB>output.png per line

Weights (`<work>/<family>-<q>.pt`) stay outside git; train.log records the steps reached; rerun with those counts
as --base-steps/--ft-steps (no --budget-min) to repeat the run. Seed 20250404 as train_codec.py.
"""
import argparse
import hashlib
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train_codec import (GDN, Factorized, conv, rgb_to_ycc, ycc_to_rgb, DATA, HELD_OUT, SEED,  # noqa: E402
                         LIK_MIN, SCALE_MIN, load_photos, rgb_batch)

N, M, NZ = 48, 64, 32
LAMBDAS = {"q1": 0.0025, "q2": 0.0067, "q3": 0.018}
BASE = "q2"
ADV_BETA = 0.02
COLOUR_AUGMENT = False


def gaussian_mean_likelihood(y, mu, scale):
    s = scale.clamp(min=SCALE_MIN)
    v = (y - mu).abs()
    k = 1.0 / math.sqrt(2.0)
    up = 0.5 * (1 + torch.erf((0.5 - v) / s * k))
    lo = 0.5 * (1 + torch.erf((-0.5 - v) / s * k))
    return (up - lo).clamp(min=LIK_MIN)


def subpixel(i, o):
    return nn.Sequential(nn.Conv2d(i, o * 4, 3, 1, 1), nn.PixelShuffle(2))


class ResUp(nn.Module):
    def __init__(self, i, o, last=False):
        super().__init__()
        self.c1 = nn.Conv2d(i, o, 3, 1, 1)
        self.c2 = nn.Conv2d(o, o, 3, 1, 1)
        self.skip = nn.Conv2d(i, o, 1)
        self.last = last

    def forward(self, x):
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        y = self.c2(F.relu(self.c1(x))) + self.skip(x)
        return y if self.last else F.relu(y)


class MeanScale(nn.Module):
    """Mean-scale hyperprior; `family` picks the transforms (see the module doc)."""

    def __init__(self, family):
        super().__init__()
        self.family = family
        if family == "ms":
            self.g_a = nn.Sequential(conv(3, N), GDN(N), conv(N, N), GDN(N), conv(N, N), GDN(N), conv(N, M))
            self.g_s = nn.Sequential(subpixel(M, N), nn.LeakyReLU(0.1), subpixel(N, N), nn.LeakyReLU(0.1),
                                     subpixel(N, N), nn.LeakyReLU(0.1), subpixel(N, 3))
        else:
            # analysis sees Y at full size and Cb/Cr at half size (space-to-depth of Y, concatenated at H/2)
            self.g_a = nn.Sequential(conv(4 + 2, N, 5, 1), nn.ReLU(), conv(N, N), nn.ReLU(), conv(N, N), nn.ReLU(),
                                     conv(N, M))
            self.g_s = nn.Sequential(ResUp(M, N), ResUp(N, N), ResUp(N, N, last=True))
            self.out_y = nn.Sequential(nn.Conv2d(N, 4, 3, 1, 1), nn.PixelShuffle(2))  # luma at full size
            self.out_c = nn.Conv2d(N, 2, 3, 1, 1)                                     # chroma at half size
        self.h_a = nn.Sequential(conv(M, N, 3, 1), nn.LeakyReLU(0.1), conv(N, N), nn.LeakyReLU(0.1), conv(N, NZ))
        self.h_s = nn.Sequential(nn.ConvTranspose2d(NZ, N, 5, 2, 2, 1), nn.LeakyReLU(0.1),
                                 nn.ConvTranspose2d(N, N, 5, 2, 2, 1), nn.LeakyReLU(0.1), conv(N, 2 * M, 3, 1))
        self.prior = Factorized(NZ)

    # ---- colour handling: x is RGB in [0,1]
    def encode_input(self, rgb):
        if self.family == "ms":
            return rgb
        ycc = rgb_to_ycc(rgb)
        y = F.pixel_unshuffle(ycc[:, 0:1], 2)
        c = F.avg_pool2d(ycc[:, 1:3], 2)
        return torch.cat([y, c], 1)

    def synth(self, y_hat):
        h = self.g_s(y_hat)
        if self.family == "ms":
            return h
        yl = self.out_y(h)
        c = F.interpolate(self.out_c(h), scale_factor=2, mode="bilinear", align_corners=False)
        return ycc_to_rgb(torch.cat([yl, c], 1))

    def params(self, z_hat):
        p = self.h_s(z_hat)
        return p[:, :M], F.softplus(p[:, M:]).clamp(min=SCALE_MIN)

    def forward(self, rgb):
        y = self.g_a(self.encode_input(rgb))
        z = self.h_a(y)
        z_t = z + torch.empty_like(z).uniform_(-0.5, 0.5)
        mu, sigma = self.params(z_t)
        y_t = y + torch.empty_like(y).uniform_(-0.5, 0.5)
        y_ste = mu + (y - mu) + (torch.round(y - mu) - (y - mu)).detach()
        return self.synth(y_ste), gaussian_mean_likelihood(y_t, mu, sigma), self.prior(z_t)

    @torch.no_grad()
    def code(self, rgb):
        """Real quantization: returns (reconstruction RGB clamped, bits)."""
        y = self.g_a(self.encode_input(rgb))
        z_hat = torch.round(self.h_a(y))
        mu, sigma = self.params(z_hat)
        y_hat = torch.round(y - mu) + mu
        bits = -torch.log2(gaussian_mean_likelihood(y_hat, mu, sigma)).sum() - torch.log2(self.prior(z_hat)).sum()
        return self.synth(y_hat).clamp(0, 1), bits.item()


class PatchDisc(nn.Module):
    """Small PatchGAN discriminator on RGB (70x70-like receptive field, 3 strided convs)."""

    def __init__(self):
        super().__init__()
        sn = nn.utils.spectral_norm
        self.net = nn.Sequential(sn(nn.Conv2d(3, 32, 4, 2, 1)), nn.LeakyReLU(0.2), sn(nn.Conv2d(32, 64, 4, 2, 1)),
                                 nn.LeakyReLU(0.2), sn(nn.Conv2d(64, 64, 4, 2, 1)), nn.LeakyReLU(0.2),
                                 sn(nn.Conv2d(64, 1, 3, 1, 1)))

    def forward(self, x):
        return self.net(x * 2 - 1)


# ---------------------------------------------------------------- data (the same photos and crops as train_codec.py)
def batch(photos, rng):
    x = rgb_batch(photos, rng)
    if COLOUR_AUGMENT:
        # half of the training photos are grey and the colour ones mostly red/brown, so the models shift saturated
        # greens and blues; a random channel order and saturation gain cover the colour space (tried: with the
        # 21-min budget on a loaded machine it halved the steps reached and did worse, see the README)
        out = []
        for q in x:
            q = q[torch.tensor(rng.sample(range(3), 3))]
            grey = q.mean(0, keepdim=True)
            out.append((grey + (q - grey) * rng.uniform(0.6, 1.8)).clamp(0, 1))
        x = torch.stack(out)
    return x


def train(model, disc, lam, steps, lr, photos, rng, log, tag, deadline=None):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    dopt = torch.optim.Adam(disc.parameters(), lr=lr, betas=(0.5, 0.9)) if disc is not None else None
    t0 = time.time()
    for step in range(1, steps + 1):
        if deadline is not None and time.time() > deadline:
            log(f"{tag} time budget reached after {step - 1} steps")
            return step - 1
        if step == int(0.8 * steps) or (deadline and time.time() > t0 + 0.8 * (deadline - t0) and opt.param_groups[0]["lr"] == lr):
            for g in opt.param_groups:
                g["lr"] = lr * 0.2
        x = batch(photos, rng)
        x_hat, ly, lz = model(x)
        npix = x.shape[0] * x.shape[2] * x.shape[3]
        bpp = (-torch.log2(ly).sum() - torch.log2(lz).sum()) / npix
        mse = F.mse_loss(x_hat, x)
        loss = bpp + lam * 255 ** 2 * mse
        if disc is not None:
            g_adv = -disc(x_hat).mean()
            loss = loss + ADV_BETA * g_adv
        if not torch.isfinite(loss):
            log(f"{tag} step {step}: non-finite loss, batch skipped")
            continue
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if disc is not None:  # hinge loss
            d_loss = F.relu(1 - disc(x)).mean() + F.relu(1 + disc(x_hat.detach())).mean()
            dopt.zero_grad()
            d_loss.backward()
            dopt.step()
        if step % 50 == 0:
            psnr = 10 * math.log10(1 / max(mse.item(), 1e-10))
            log(f"{tag} step {step}/{steps} loss {loss.item():.4f} bpp {bpp.item():.3f} psnr {psnr:.2f} "
                f"({time.time() - t0:.0f}s)")
    return steps


def pad64(x):
    h, w = x.shape[2], x.shape[3]
    ph, pw = (-h) % 64, (-w) % 64
    return F.pad(x, (0, pw, 0, ph), mode="replicate") if ph or pw else x


def load_rgb(path):
    from PIL import Image
    a = np.asarray(Image.open(path).convert("RGB"), dtype=np.float32) / 255.0
    return torch.from_numpy(a).permute(2, 0, 1)[None].contiguous()


def save_rgb(t, path):
    from PIL import Image
    a = (t[0].permute(1, 2, 0).numpy() * 255.0 + 0.5).clip(0, 255).astype(np.uint8)
    Image.fromarray(a).save(path)


@torch.no_grad()
def reconstruct(model, x):
    h, w = x.shape[2], x.shape[3]
    rec, bits = model.code(pad64(x))
    rec = torch.round(rec[:, :, :h, :w] * 255) / 255
    return rec, bits / (h * w)


@torch.no_grad()
def evaluate(model, log, tag):
    res = []
    for name in HELD_OUT:
        x = load_rgb(os.path.join(DATA, name))
        rec, bpp = reconstruct(model, x)
        res.append((bpp, 10 * math.log10(1 / F.mse_loss(rec, x).item())))
        log(f"{tag} held-out {name}: {bpp:.3f} bpp, PSNR {res[-1][1]:.2f} dB")
    return float(np.mean([r[0] for r in res])), float(np.mean([r[1] for r in res]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("mode", choices=["train", "reconstruct"])
    ap.add_argument("--family", choices=["ms", "adv"], required=True)
    ap.add_argument("--work", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data",
                                                   "codec-families"))
    ap.add_argument("--base-steps", type=int, default=1500)
    ap.add_argument("--ft-steps", type=int, default=400)
    ap.add_argument("--lr", type=float, default=5e-4)
    ap.add_argument("--budget-min", type=float)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--log")
    ap.add_argument("--rate")
    ap.add_argument("--list", help="TSV: input image <TAB> output PNG")
    ap.add_argument("--colour-augment", action="store_true", help="random channel order and saturation in training")
    a = ap.parse_args()
    global COLOUR_AUGMENT
    COLOUR_AUGMENT = a.colour_augment
    torch.set_num_threads(a.threads)
    torch.manual_seed(SEED)
    os.makedirs(a.work, exist_ok=True)
    logf = open(a.log or os.path.join(a.work, f"{a.family}.log"), "a")

    def log(msg):
        line = time.strftime("%H:%M:%S ") + msg
        print(line, flush=True)
        logf.write(line + "\n")
        logf.flush()

    if a.mode == "reconstruct":
        model = MeanScale(a.family)
        model.load_state_dict(torch.load(os.path.join(a.work, f"{a.family}-{a.rate}.pt")))
        model.eval()
        n = 0
        for line in open(a.list):
            src, dst = line.rstrip("\n").split("\t")
            rec, bpp = reconstruct(model, load_rgb(src))
            save_rgb(rec, dst)
            n += 1
            print(f"{dst}\t{bpp:.4f}", flush=True)
        log(f"reconstruct {a.family} {a.rate}: {n} images")
        return

    t_start = time.time()
    budget = 60 * a.budget_min if a.budget_min else None
    photos = load_photos()
    rng = random.Random(SEED)
    model = MeanScale(a.family)
    cmd = "train_codec_family.py " + " ".join(sys.argv[1:])
    log(f"{cmd}: family {a.family}, base {BASE} lambda {LAMBDAS[BASE]}")
    # schedule: ms: base 55 %, two fine-tunes 20 % each; adv: MSE base 40 %, adversarial at q2 20 %, q1/q3 18 % each
    share = {"ms": (0.55, 0.2, 0.0), "adv": (0.40, 0.18, 0.2)}[a.family]
    dl = t_start + share[0] * budget if budget else None
    n = train(model, None, LAMBDAS[BASE], a.base_steps, a.lr, photos, rng, log, "base", dl)
    log(f"base: {n} steps")
    disc = None
    if a.family == "adv":
        disc = PatchDisc()
        dl = time.time() + share[2] * budget if budget else None
        n = train(model, disc, LAMBDAS[BASE], a.ft_steps, a.lr * 0.4, photos, rng, log, "adv-q2", dl)
        log(f"adversarial q2: {n} steps")
    base = {k: v.clone() for k, v in model.state_dict().items()}
    dbase = {k: v.clone() for k, v in disc.state_dict().items()} if disc is not None else None
    for q in ["q1", "q2", "q3"]:
        model.load_state_dict(base)
        if q != BASE:
            if disc is not None:
                disc.load_state_dict(dbase)
            torch.manual_seed(SEED + int(q[1:]))
            dl = time.time() + share[1] * budget if budget else None
            n = train(model, disc, LAMBDAS[q], a.ft_steps, a.lr * 0.4, photos, random.Random(SEED + int(q[1:])),
                      log, q, dl)
            log(f"{q}: {n} fine-tuning steps")
        model.eval()
        bpp, psnr = evaluate(model, log, q)
        path = os.path.join(a.work, f"{a.family}-{q}.pt")
        torch.save(model.state_dict(), path)
        sha = hashlib.sha256(open(path, "rb").read()).hexdigest()
        log(f"{a.family} {q} lambda {LAMBDAS[q]}: held-out {bpp:.3f} bpp, PSNR {psnr:.2f} dB; {path} sha256 {sha}")
        model.train()
    log(f"total {(time.time() - t_start) / 60:.1f} min")


if __name__ == "__main__":
    main()
