"""Counts the arithmetic of one training step of example 4's conv model, as Matterhorn for Java does it and as a
dense implementation (PyTorch) does it, for the bound estimate in docs/benchmarks.md.

The model and its initialisation follow scripts/reference/torch_reference_conv.py (same seed, same random binary
input of the given density); one forward and backward pass gives the spikes and output gradients that decide how
much work the event-driven paths do:
  - event-driven forward and weight gradient of a convolution: one row of C_out additions per (input one, tap
    reaching an output), that is ones x 2.25 (stride 2, padding 1, 3x3: 2601 taps over 1156 input positions per
    channel of a 34x34 plane; the same ratio holds for 17x17 -> 9x9 and 9x9 -> 5x5 within 2%) x C_out;
  - data gradient by scatter: per tile of 4 output positions, the channels non-zero at any of them, each a
    multiply-add into K x C_in = 576 sums for each of the 4 positions (the tile rule of conv_kernels.inc);
  - dense: N x outPlane x C_out x C_in x 9 multiply-adds per product (forward, weight gradient, and the data
    gradient of the second and third convolutions).

Usage: python3 scripts/conv_work_count.py T B DENSITY     (any python with torch; Debian's python3-torch works)
Prints one line per convolution and a total line.
"""
import sys
import torch

T, B, density = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
torch.manual_seed(0)
FAN = 2.25
TILE = 4


class RectangularSpike(torch.autograd.Function):
    @staticmethod
    def forward(ctx, v):
        ctx.save_for_backward(v)
        return (v >= 0).to(v)

    @staticmethod
    def backward(ctx, g):
        v, = ctx.saved_tensors
        return g * (v.abs() < 1.0).to(v) * 0.5


def lif(xs, tau=1.1):
    h, out = torch.zeros_like(xs[0]), []
    for x in xs:
        u = h + (x - h) / tau
        o = RectangularSpike.apply(u - 1.0)
        h = u * (1 - o)
        out.append(o)
    return torch.stack(out)


convs = [torch.nn.Conv2d(2, 64, 3, 2, 1), torch.nn.Conv2d(64, 64, 3, 2, 1), torch.nn.Conv2d(64, 64, 3, 2, 1)]
fc = torch.nn.Linear(1600, 10)
x = (torch.rand(B, T, 2, 34, 34) < density).float().transpose(0, 1)
inputs, outputs = [], []
z = x
for conv in convs:
    flat = z.flatten(0, 1)
    y = conv(flat)
    y.retain_grad()
    inputs.append(flat)
    outputs.append(y)
    z = lif(y.reshape(T, B, *y.shape[1:]))
out = torch.relu(fc(z.mean(0).flatten(1)))
target = torch.nn.functional.one_hot(torch.arange(B) % 10, 10).float()
torch.nn.functional.mse_loss(out, target).backward()

ours_total, dense_total = 0.0, 0.0
for i, (xin, y) in enumerate(zip(inputs, outputs)):
    n, c_in = xin.shape[:2]
    c_out, out_plane = y.shape[1], y.shape[2] * y.shape[3]
    ones = (xin != 0).sum().item()
    dense = n * out_plane * c_out * c_in * 9
    events = 2 * ones * FAN * c_out
    scatter = 0
    if i > 0:
        g = y.grad.flatten(2)
        g = torch.nn.functional.pad(g, (0, (-out_plane) % TILE)).reshape(n, c_out, -1, TILE)
        scatter = (g != 0).any(-1).sum().item() * TILE * 9 * c_in
    ours_total += events + scatter
    dense_total += dense * (3 if i > 0 else 2)
    print(f"conv{i + 1}: input ones {ones / xin.numel():.4f}, output gradient non-zero "
          f"{(y.grad != 0).float().mean().item():.3f}; event-driven forward + weight gradient {events / 1e6:.1f} M "
          f"additions, scatter data gradient {scatter / 1e6:.0f} M multiply-adds; dense forward {dense / 1e6:.0f} M")
print(f"total per step: event-driven {ours_total / 1e6:.0f} M, dense {dense_total / 1e6:.0f} M; per sample "
      f"{ours_total / B / 1e6:.1f} M against {dense_total / B / 1e6:.1f} M")
