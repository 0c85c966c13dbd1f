#!/usr/bin/python3
"""Trains the ZED real-image coder (zed_model.LevelCoder) on the pool of build_data.py. CPU, seeded.

    nice -n 19 /usr/bin/python3 models/training/zed/train_zed.py --pool data/zed --run data/zed/runs/main \
        --steps 5000 --threads 2

Loss: mean coding cost (bits per coded value) of each pyramid level, averaged over the levels 0..LEVELS-1, on
random CROP x CROP crops (random position, random horizontal flip) of the pool, BATCH per step. Adam, learning
rate LR, cosine decay to LR/20 over --steps. Checkpoints <run>/step<N>.pt every --every steps and at the end;
<run>/train.log has the loss and wall time. --stop-at N stops at step N with the schedule of --steps (the
ablations stop where the main run has a checkpoint); --budget-min is a safety stop (the log says at which step:
rerun with --stop-at that step to repeat it).
"""
import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from zed_model import LevelCoder, nll_bits, pyramid, to_luma  # noqa: E402

SEED = 20261206


def arch_args(ap):
    ap.add_argument("--feats", type=int, default=32)
    ap.add_argument("--trunk-blocks", type=int, default=4)
    ap.add_argument("--step-blocks", type=int, default=1)
    ap.add_argument("--mixtures", type=int, default=4)
    ap.add_argument("--levels", type=int, default=4)
    ap.add_argument("--luma", action="store_true", help="luma only (ablation)")
    ap.add_argument("--no-subpixel-ctx", action="store_true", help="sub-pixels from the coarse image only (ablation)")
    ap.add_argument("--no-coeffs", action="store_true", help="RGB without channel conditioning (ablation)")


def build(cfg):
    return LevelCoder(channels=1 if cfg["luma"] else 3, feats=cfg["feats"], trunk_blocks=cfg["trunk_blocks"],
                      step_blocks=cfg["step_blocks"], K=cfg["mixtures"], subpixel_ctx=not cfg["no_subpixel_ctx"],
                      coeffs=not cfg["no_coeffs"], levels=cfg["levels"])


def load(path):
    ck = torch.load(path, map_location="cpu")
    m = build(ck["config"])
    m.load_state_dict(ck["state"])
    m.eval()
    return m, ck["config"]


def level_losses(model, x, levels):
    """Mean bits per coded value of each level for a batch x (N C H W integers)."""
    out = []
    for lv, (coarse, fine) in enumerate(pyramid(x, levels)):
        params, ys = model(coarse, fine, lv)
        out.append(torch.stack([nll_bits(*p, y).mean() for p, y in zip(params, ys)]).mean())
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pool", default="data/zed")
    ap.add_argument("--run", required=True)
    ap.add_argument("--steps", type=int, default=5000)
    ap.add_argument("--every", type=int, default=500)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--crop", type=int, default=96)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--stop-at", type=int, default=0, help="stop at this step (schedule still over --steps)")
    ap.add_argument("--budget-min", type=float, default=0)
    arch_args(ap)
    args = ap.parse_args()
    cfg = {k: getattr(args, k) for k in ("feats", "trunk_blocks", "step_blocks", "mixtures", "levels", "luma",
                                         "no_subpixel_ctx", "no_coeffs", "batch", "crop", "lr", "steps")}
    torch.set_num_threads(args.threads)
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    rng = np.random.RandomState(SEED)
    pool = np.load(os.path.join(args.pool, "pool.npy"), mmap_mode="r")
    sizes = [int(l.split("\t")[5]) for l in open(os.path.join(args.pool, "index.tsv")).read().splitlines()[1:]]
    rows = [i for i, s in enumerate(sizes) if s >= args.crop]
    model = build(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    os.makedirs(args.run, exist_ok=True)
    log = open(os.path.join(args.run, "train.log"), "a")
    log.write("config %s, %d pool crops usable, %d parameters\n" % (
        json.dumps(cfg), len(rows), sum(p.numel() for p in model.parameters())))
    t0 = time.time()
    run = [0.0] * args.levels
    S = args.crop
    for step in range(1, args.steps + 1):
        batch = np.empty((args.batch, S, S, 3), np.float32)
        for b in range(args.batch):
            i = rows[rng.randint(len(rows))]
            x0 = rng.randint(sizes[i] - S + 1)
            y0 = rng.randint(sizes[i] - S + 1)
            c = pool[i, y0:y0 + S, x0:x0 + S]
            batch[b] = c[:, ::-1] if rng.rand() < 0.5 else c
        x = torch.from_numpy(batch).permute(0, 3, 1, 2).contiguous()
        if cfg["luma"]:
            x = to_luma(x)
        lr = args.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * (step - 1) / args.steps)))
        for g in opt.param_groups:
            g["lr"] = lr
        losses = level_losses(model, x, args.levels)
        loss = torch.stack(losses).mean()
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
        opt.step()
        run = [0.98 * r + 0.02 * float(l) for r, l in zip(run, losses)] if step > 1 else [float(l) for l in losses]
        done = step == args.steps or step == args.stop_at or (args.budget_min and time.time() - t0 > args.budget_min * 60)
        if step % 50 == 0 or done:
            log.write("step %d  %.1f min  lr %.2e  bits/value per level %s\n" % (
                step, (time.time() - t0) / 60, lr, " ".join("%.3f" % r for r in run)))
            log.flush()
        if step % args.every == 0 or done:
            torch.save({"config": cfg, "state": model.state_dict(), "step": step}, os.path.join(args.run, "step%d.pt" % step))
        if done:
            log.write("stopped at step %d after %.1f min\n" % (step, (time.time() - t0) / 60))
            break


if __name__ == "__main__":
    main()
