"""TAEF2, the tiny autoencoder of the FLUX.2 latent space (madebyollin/taesd, MIT), rebuilt from the facts in
../shared/models/taef2/README.md so that its state dicts load into it; checked against the reference tensors there."""
import os

import numpy as np
import torch
import torch.nn as nn


def conv(a, b, bias=True, stride=1):
    return nn.Conv2d(a, b, 3, stride=stride, padding=1, bias=bias)


class Clamp(nn.Module):
    def forward(self, x):
        return torch.tanh(x / 3) * 3


class Block(nn.Module):
    def __init__(self, a, b, gn=False):
        super().__init__()
        self.conv = nn.Sequential(conv(a, b), nn.ReLU(), conv(b, b), nn.ReLU(), conv(b, b))
        self.skip = nn.Conv2d(a, b, 1, bias=False) if a != b else nn.Identity()
        self.fuse = nn.ReLU()
        self.pool = nn.Sequential(nn.Conv2d(a, 4 * a, 1, bias=False), nn.GroupNorm(4, 4 * a), nn.ReLU(),
                                  nn.Conv2d(4 * a, a, 1, bias=False)) if gn else None

    def forward(self, x):
        if self.pool is not None:
            x = x + self.pool(x)
        return self.fuse(self.conv(x) + self.skip(x))


def encoder():
    layers = [conv(3, 64), Block(64, 64)]
    for gn in (False, False, True):
        layers += [conv(64, 64, bias=False, stride=2)] + [Block(64, 64, gn) for _ in range(3)]
    layers += [conv(64, 32)]
    return nn.Sequential(*layers)


def decoder():
    layers = [Clamp(), conv(32, 64), nn.ReLU(), Block(64, 64, True), Block(64, 64, True), Block(64, 64, True)]
    for blocks in (3, 3, 1):
        layers += [nn.Upsample(scale_factor=2), conv(64, 64, bias=False)] + [Block(64, 64) for _ in range(blocks)]
    layers += [conv(64, 3)]
    return nn.Sequential(*layers)


def load(folder):
    """(encoder, decoder) in float32, eval mode, from taef2_encoder.pth / taef2_decoder.pth in folder."""
    enc, dec = encoder(), decoder()
    enc.load_state_dict({k: v.float() for k, v in torch.load(os.path.join(folder, "taef2_encoder.pth"), map_location="cpu").items()})
    dec.load_state_dict({k: v.float() for k, v in torch.load(os.path.join(folder, "taef2_decoder.pth"), map_location="cpu").items()})
    return enc.eval(), dec.eval()


def check(folder, enc, dec):
    """Largest absolute difference from the reference latent and output (raises above 1e-3)."""
    x = torch.from_numpy(np.load(os.path.join(folder, "ref_input_1x3x64x64.npy")))
    with torch.no_grad():
        z = enc(x)
        y = dec(z)
    dz = float((z - torch.from_numpy(np.load(os.path.join(folder, "ref_latent_1x32x8x8.npy")))).abs().max())
    dy = float((y - torch.from_numpy(np.load(os.path.join(folder, "ref_output_1x3x64x64.npy")))).abs().max())
    if max(dz, dy) > 1e-3:
        raise RuntimeError("TAEF2 does not reproduce its reference tensors: latent %.4g, output %.4g" % (dz, dy))
    return dz, dy


def roundtrip(enc, dec, rgb):
    """uint8 HxWx3 -> encode + decode -> uint8 HxWx3 (sides cropped to multiples of 8 are padded back by edge copy)."""
    h, w = rgb.shape[:2]
    h8, w8 = -(-h // 8) * 8, -(-w // 8) * 8
    a = np.pad(rgb, ((0, h8 - h), (0, w8 - w), (0, 0)), mode="edge").astype(np.float32) / 255
    x = torch.from_numpy(a).permute(2, 0, 1)[None]
    with torch.no_grad():
        y = dec(enc(x))[0].clamp(0, 1).permute(1, 2, 0).numpy()
    return np.round(y[:h, :w] * 255).astype(np.uint8)


if __name__ == "__main__":
    import sys
    f = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.environ.get("PROVENANT_SHARED", "../shared"), "models/taef2")
    e, d = load(f)
    print("reference differences (latent, output):", check(f, e, d))
