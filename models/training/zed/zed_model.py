"""The learned lossless coder of ZED (Cozzolino et al., ECCV 2024, arXiv 2409.15875), in the style of SReC
(Cao et al., arXiv 2004.02872): a multi-resolution pixel predictor written for Provenant.

Pyramid: x_0 is the image (integers 0..255); x_{l+1} = 2x2 average of x_l (exact, a multiple of 1/4); the
pixels coded at level l are round(x_l) (round half up), predicted from the exact average x_{l+1} one level
coarser. Each 2x2 block's four sub-pixels are coded in raster order: sub-pixel i is predicted from the
coarse image and the sub-pixels before it (the fourth is then fixed by the block's sum and costs nothing).
Each sub-pixel is an RGB triple; its distribution is a mixture of K discretised logistics over 0..255 per
channel, G conditioned on R and B on R and G through linear mean coefficients (PixelCNN++). One network
serves every level (the level index is an input plane).

Design switches (measured in models/training/zed/README.md):
  subpixel_ctx=False  every sub-pixel predicted from the coarse image only (all four coded)
  colour=False        luma only (one channel, BT.601 Y rounded)
  coeffs=False        RGB without the channel conditioning

For a suspect image, per level and per coded value: NLL = -log2 p(actual value) and the exact entropy
H = -sum_v p(v) log2 p(v) over the 256 values; ZED's statistic is their mean gap per level.
"""
import torch
from torch import nn
import torch.nn.functional as F

LOG2 = 0.6931471805599453
LOG_SCALE_MIN = -4.0


def round_half_up(x):
    return torch.floor(x + 0.5)


def downsample(x):
    """Exact 2x2 average of the rounded pixels (the pyramid step; sizes must be even)."""
    return F.avg_pool2d(round_half_up(x), 2)


def split_2x2(y):
    """N C 2h 2w -> the four sub-pixel planes (top-left, top-right, bottom-left, bottom-right), each N C h w."""
    return [y[:, :, 0::2, 0::2], y[:, :, 0::2, 1::2], y[:, :, 1::2, 0::2], y[:, :, 1::2, 1::2]]


def conv(cin, cout, k=3):
    return nn.Conv2d(cin, cout, k, padding=k // 2)


class ResBlock(nn.Module):
    def __init__(self, f):
        super().__init__()
        self.c1 = conv(f, f)
        self.c2 = conv(f, f)

    def forward(self, x):
        return x + self.c2(F.relu(self.c1(x)))


class LevelCoder(nn.Module):
    def __init__(self, channels=3, feats=48, trunk_blocks=3, step_blocks=1, K=4, subpixel_ctx=True, coeffs=True,
                 levels=4):
        super().__init__()
        self.C, self.K, self.subpixel_ctx, self.levels = channels, K, subpixel_ctx, levels
        self.coeffs = coeffs and channels == 3
        self.steps = 3 if subpixel_ctx else 4
        self.trunk = nn.Sequential(conv(channels + 1, feats), nn.ReLU(),
                                   *[ResBlock(feats) for _ in range(trunk_blocks)])
        n_params = channels * K * 3 + (3 * K if self.coeffs else 0)
        self.step_in = nn.ModuleList()
        self.step_body = nn.ModuleList()
        self.heads = nn.ModuleList()
        for i in range(self.steps):
            extra = channels * (i + 1) if subpixel_ctx and i > 0 else 0
            self.step_in.append(conv(feats + extra, feats))
            self.step_body.append(nn.Sequential(*[ResBlock(feats) for _ in range(step_blocks)]))
            head = nn.Conv2d(feats, n_params, 1)
            nn.init.normal_(head.weight, std=1e-3)
            nn.init.zeros_(head.bias)
            self.heads.append(head)

    def params(self, i, feat, coarse, prev, y_i):
        """Mixture parameters of sub-pixel i: logits, means, log-scales (each N C K h w). The means of G and B
        use the actual R (and G) of the same sub-pixel (y_i), as a decoder would."""
        N, C, h, w = coarse.shape
        K = self.K
        if self.subpixel_ctx:
            base = (4 * coarse - sum(prev)) / (4 - i) if prev else coarse
            ctx = [feat] + [(p - coarse) / 16.0 for p in prev] + ([(base - coarse) / 16.0] if prev else [])
        else:
            base = coarse
            ctx = [feat]
        z = F.relu(self.step_in[i](torch.cat(ctx, 1)))
        out = self.heads[i](self.step_body[i](z))
        logits = out[:, :C * K].reshape(N, C, K, h, w)
        means = out[:, C * K:2 * C * K].reshape(N, C, K, h, w) * 16.0 + base.unsqueeze(2)
        log_s = torch.clamp(out[:, 2 * C * K:3 * C * K].reshape(N, C, K, h, w) + 1.0, min=LOG_SCALE_MIN)
        if self.coeffs:
            a = out[:, 3 * C * K:].reshape(N, 3, K, h, w)
            dev = y_i.unsqueeze(2) - means  # deviation of the actual R, G from each component's mean
            m_g = means[:, 1] + a[:, 0] * dev[:, 0]
            m_b = means[:, 2] + a[:, 1] * dev[:, 0] + a[:, 2] * (y_i[:, 1:2] - m_g)
            means = torch.stack([means[:, 0], m_g, m_b], 1)
        return logits, means, log_s

    def level_planes(self, coarse, level):
        """Shared features of the coarse image (N C h w, exact averages) at pyramid level `level`."""
        lv = torch.ones_like(coarse[:, :1]) * (level / float(self.levels - 1))
        return self.trunk(torch.cat([coarse / 127.5 - 1.0, lv], 1))

    def forward(self, coarse, fine, level):
        """Level step: [(logits, means, log_scales)] per coded sub-pixel and the sub-pixel targets (N C h w each)
        of the fine integer image (N C 2h 2w)."""
        feat = self.level_planes(coarse, level)
        ys = split_2x2(fine)
        out = []
        for i in range(self.steps):
            prev = ys[:i] if self.subpixel_ctx else []
            out.append(self.params(i, feat, coarse, prev, ys[i]))
        return out, ys[:self.steps]


def nll_bits(logits, means, log_s, y):
    """-log2 p(y) of a mixture of discretised logistics over 0..255 (y: N C h w integers). Stable: where a bin's
    mass is tiny, the density at its centre stands in (PixelCNN++)."""
    y = y.unsqueeze(2)
    inv = torch.exp(-log_s)
    c = y - means
    plus = inv * (c + 0.5)
    minus = inv * (c - 0.5)
    cdf_plus = torch.sigmoid(plus)
    cdf_minus = torch.sigmoid(minus)
    log_cdf_plus = plus - F.softplus(plus)          # log sigmoid(plus), for y == 0
    log_one_minus_cdf_minus = -F.softplus(minus)     # log (1 - sigmoid(minus)), for y == 255
    delta = cdf_plus - cdf_minus
    mid = inv * c
    log_pdf_mid = mid - log_s - 2.0 * F.softplus(mid)
    inner = torch.where(delta > 1e-5, torch.log(torch.clamp(delta, min=1e-12)), log_pdf_mid)
    logp = torch.where(y < 0.5, log_cdf_plus, torch.where(y > 254.5, log_one_minus_cdf_minus, inner))
    logp = torch.logsumexp(logp + F.log_softmax(logits, 2), 2)
    return -logp / LOG2


def pmf(logits, means, log_s):
    """Exact probabilities of the 256 values: N C 256 h w (the edge bins take the tails)."""
    edges = torch.arange(-0.5, 256.0, 1.0, dtype=means.dtype, device=means.device).reshape(1, 1, 1, 257, 1, 1)
    cdf = torch.sigmoid((edges - means.unsqueeze(3)) * torch.exp(-log_s).unsqueeze(3))  # N C K 257 h w
    p_k = torch.cat([cdf[:, :, :, 1:2], cdf[:, :, :, 2:256] - cdf[:, :, :, 1:255], 1.0 - cdf[:, :, :, 255:256]], 3)
    w = F.softmax(logits, 2).unsqueeze(3)
    return (p_k * w).sum(2)


def entropy_bits(logits, means, log_s):
    p = pmf(logits, means, log_s)
    return -(p * torch.log(torch.clamp(p, min=1e-30))).sum(2) / LOG2


def entropy_approx_bits(logits, means, log_s):
    """The cheap approximation measured against the exact entropy: each component's differential entropy
    (log2(s) + 2/ln 2 for a logistic) floored at 0, mixed by the weights (ignores the discretisation at small
    scales and the overlap of components)."""
    w = F.softmax(logits, 2)
    h = torch.clamp(log_s / LOG2 + 2.0 / LOG2, min=0.0)
    return (w * h).sum(2)


def pyramid(x, levels):
    """[(coarse, fine)] for levels 0..levels-1 of an integer image x (N C H W, H and W multiples of 2^levels)."""
    out = []
    fine = x
    for _ in range(levels):
        coarse = F.avg_pool2d(fine, 2)
        out.append((coarse, fine))
        fine = round_half_up(coarse)
    return out


def to_luma(x):
    return round_half_up(0.299 * x[:, 0:1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:3])


SPAN = 12.0


def entropy_bits_windowed(logits, means, log_s, group=8192):
    """entropy_bits summed only where the mixture has mass: values within SPAN scales of some component's mean
    (what the Java indicator computes; the rest changes the entropy by under 1e-3 bits). Values are sorted by
    window width and done in groups, so smooth regions (narrow windows) cost little."""
    shape = means.shape  # N C K h w
    K = shape[2]
    lg = logits.permute(0, 1, 3, 4, 2).reshape(-1, K)
    mu = means.permute(0, 1, 3, 4, 2).reshape(-1, K)
    ls = log_s.permute(0, 1, 3, 4, 2).reshape(-1, K)
    s = torch.exp(ls)
    lo = torch.clamp(torch.floor((mu - SPAN * s).min(1).values), 0, 255)
    hi = torch.clamp(torch.ceil((mu + SPAN * s).max(1).values), 0, 255)
    width = (hi - lo + 1).clamp(min=1)
    order = torch.argsort(width)
    out = torch.zeros(lg.shape[0], dtype=means.dtype)
    w = F.softmax(lg, 1)
    for a in range(0, len(order), group):
        idx = order[a:a + group]
        W = int(width[idx].max())
        edges = lo[idx].unsqueeze(1) - 0.5 + torch.arange(W + 1, dtype=means.dtype).unsqueeze(0)  # M W+1
        cdf = (w[idx].unsqueeze(2) * torch.sigmoid((edges.unsqueeze(1) - mu[idx].unsqueeze(2))
                                                    * torch.exp(-ls[idx]).unsqueeze(2))).sum(1)
        cdf = torch.where(edges < 0, torch.zeros_like(cdf), torch.where(edges > 255, torch.ones_like(cdf), cdf))
        p = cdf[:, 1:] - cdf[:, :-1]
        out[idx] = -(p * torch.log(torch.clamp(p, min=1e-30))).sum(1) / LOG2
    # all mass beyond one end (empty window) gives 0, as in Java
    out = torch.where((mu - SPAN * s).min(1).values > 255.5, torch.zeros_like(out), out)
    out = torch.where((mu + SPAN * s).max(1).values < -0.5, torch.zeros_like(out), out)
    N, C, _, h, ww = shape
    return out.reshape(N, C, h, ww)
