"""Decoders whose traces the decoder-trace detector learns (issue 21 item 2; Rajan et al., ICLR 2025, arXiv 2410.11835):
the FLUX.2 tiny autoencoder (TAEF2, MIT, ../shared/models/taef2) and small autoencoders of our own with the upsampling
designs generators use (transposed convolution, nearest or bilinear + convolution, pixel shuffle) and 4, 16 or 32
latent channels at 1/8 resolution. Debian python3-torch 1.13, CPU."""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


# ---- TAEF2: the one rebuild, checked against its reference tensors, lives in ../edits/taef2.py ----
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "edits"))
import taef2  # noqa: E402

conv = taef2.conv  # 3x3, padding 1: the small autoencoders below use it too


def load_taef2(folder):
    """(encoder, decoder) of TAEF2 in float32, eval mode (edits/taef2.py)."""
    return taef2.load(folder)


# ---- our small autoencoders ----
class Res(nn.Module):
    """Residual block with GroupNorm and SiLU, as in latent-diffusion VAE decoders."""

    def __init__(self, c):
        super().__init__()
        self.body = nn.Sequential(nn.GroupNorm(8, c), nn.SiLU(), conv(c, c), nn.GroupNorm(8, c), nn.SiLU(), conv(c, c))

    def forward(self, x):
        return x + self.body(x)


def up(kind, c):
    """One x2 upsampling step of the given design."""
    if kind == "tconv":
        return nn.ConvTranspose2d(c, c, 4, stride=2, padding=1)
    if kind == "nearest":
        return nn.Sequential(nn.Upsample(scale_factor=2, mode="nearest"), conv(c, c))
    if kind == "bilinear":
        return nn.Sequential(nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False), conv(c, c))
    if kind == "shuffle":
        return nn.Sequential(conv(c, 4 * c), nn.PixelShuffle(2))
    raise ValueError(kind)


class SmallAE(nn.Module):
    """Encoder: three stride-2 convolutions to a `latent`-channel code at 1/8 resolution. Decoder: a residual block
    per level and three x2 upsamplings of design `kind`."""

    def __init__(self, kind, latent, width=32):
        super().__init__()
        c = width
        self.enc = nn.Sequential(conv(3, c), nn.SiLU(), nn.Conv2d(c, c, 4, 2, 1), Res(c), nn.Conv2d(c, c, 4, 2, 1), Res(c),
                                 nn.Conv2d(c, c, 4, 2, 1), Res(c), conv(c, latent))
        self.dec = nn.Sequential(conv(latent, c), Res(c), up(kind, c), Res(c), up(kind, c), Res(c), up(kind, c), Res(c),
                                 nn.GroupNorm(8, c), nn.SiLU(), conv(c, 3))

    def forward(self, x):
        return self.dec(self.enc(x))


# every decoder design of ours: name -> (upsampling, latent channels); TAEF2 brings nearest + conv with 32 channels
AE_DESIGNS = {"ae-tconv-c4": ("tconv", 4), "ae-bilinear-c16": ("bilinear", 16), "ae-shuffle-c32": ("shuffle", 32)}
