"""Decoders whose traces the decoder-trace detector learns (issue 21 item 2; Rajan et al., ICLR 2025, arXiv 2410.11835):
the FLUX.2 tiny autoencoder (TAEF2, MIT, ../shared/models/taef2) and small autoencoders of our own with the upsampling
designs generators use (transposed convolution, nearest or bilinear + convolution, pixel shuffle) and 4, 16 or 32
latent channels at 1/8 resolution. Debian python3-torch 1.13, CPU."""
import os

import torch
import torch.nn as nn
import torch.nn.functional as F


# ---- TAEF2 (architecture from ../shared/models/taef2/README.md) ----
def conv(a, b, **kw):
    return nn.Conv2d(a, b, 3, padding=1, **kw)


class Clamp(nn.Module):
    def forward(self, x):
        return torch.tanh(x / 3) * 3


class Block(nn.Module):
    def __init__(self, a, b, gn=False):
        super().__init__()
        self.conv = nn.Sequential(conv(a, b), nn.ReLU(), conv(b, b), nn.ReLU(), conv(b, b))
        self.skip = nn.Conv2d(a, b, 1, bias=False) if a != b else nn.Identity()
        self.pool = nn.Sequential(nn.Conv2d(a, 4 * a, 1, bias=False), nn.GroupNorm(4, 4 * a), nn.ReLU(),
                                  nn.Conv2d(4 * a, a, 1, bias=False)) if gn else None
        self.fuse = nn.ReLU()

    def forward(self, x):
        if self.pool is not None:
            x = x + self.pool(x)
        return self.fuse(self.conv(x) + self.skip(x))


def taef2_encoder():
    return nn.Sequential(conv(3, 64), Block(64, 64),
                         conv(64, 64, stride=2, bias=False), Block(64, 64), Block(64, 64), Block(64, 64),
                         conv(64, 64, stride=2, bias=False), Block(64, 64), Block(64, 64), Block(64, 64),
                         conv(64, 64, stride=2, bias=False), Block(64, 64, True), Block(64, 64, True), Block(64, 64, True),
                         conv(64, 32))


def taef2_decoder():
    return nn.Sequential(Clamp(), conv(32, 64), nn.ReLU(),
                         Block(64, 64, True), Block(64, 64, True), Block(64, 64, True),
                         nn.Upsample(scale_factor=2), conv(64, 64, bias=False), Block(64, 64), Block(64, 64), Block(64, 64),
                         nn.Upsample(scale_factor=2), conv(64, 64, bias=False), Block(64, 64), Block(64, 64), Block(64, 64),
                         nn.Upsample(scale_factor=2), conv(64, 64, bias=False), Block(64, 64),
                         conv(64, 3))


def load_taef2(folder):
    enc, dec = taef2_encoder(), taef2_decoder()
    enc.load_state_dict({k: v.float() for k, v in torch.load(os.path.join(folder, "taef2_encoder.pth"), map_location="cpu").items()})
    dec.load_state_dict({k: v.float() for k, v in torch.load(os.path.join(folder, "taef2_decoder.pth"), map_location="cpu").items()})
    return enc.eval(), dec.eval()


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
