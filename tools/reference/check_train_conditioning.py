"""How far float32 PyTorch is from float64 on the two-step training reference of
make_model_reference.py, for input shapes and both memory layouts (default and channels-last after
the stem convolution). A parity tolerance is only meaningful where this error is far below it.

Run:  /usr/bin/python3 tools/reference/check_train_conditioning.py
Measured with torch 1.13: 16x32x32 -> float32 is 1e-2 off float64 in a parameter (2.6e-4 in the
second loss); 16x48x48 -> 4e-6 (default layout) and 3e-6 (channels-last).
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_model_reference as R  # noqa: E402
from ich_net import IchNet, loss_fn  # noqa: E402


def two_steps(dtype, channels_last, shape):
    torch.manual_seed(777)
    g = torch.Generator().manual_seed(778)
    model = IchNet(depth=10, base_width=3)
    R.randomise_bn(model, g)
    model.train()
    x = torch.rand(2, 1, *shape, generator=g)
    x[1] = 2.0 * x[1] - 0.5
    model, x = model.to(dtype), x.to(dtype)
    if channels_last:
        model.conv1.register_forward_hook(lambda m, i, o: o.contiguous(memory_format=torch.channels_last_3d))
    volume = torch.tensor([12.5, 40.0], dtype=dtype)
    outcome = torch.tensor([0, 1])
    opt = torch.optim.SGD(model.parameters(), lr=R.LR, momentum=R.MOMENTUM, weight_decay=R.WEIGHT_DECAY)
    losses = []
    for _ in range(2):
        opt.zero_grad()
        size, scores = model(x)
        loss = loss_fn(size, scores, volume, outcome, R.W_REG, R.W_CLS)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return losses, {k: v.detach().double() for k, v in model.state_dict().items() if v.dtype.is_floating_point}


def main():
    torch.set_num_threads(1)
    for shape in [(16, 32, 32), (16, 48, 48)]:
        ref_losses, ref = two_steps(torch.float64, False, shape)
        for channels_last in (False, True):
            losses, state = two_steps(torch.float32, channels_last, shape)
            worst = max(((state[k] - ref[k]).abs() / ref[k].abs().clamp(min=1)).max().item() for k in ref)
            print('%s channels_last=%s: loss error %.1e, worst parameter error %.1e' % (
                'x'.join(map(str, shape)), channels_last, max(abs(a - b) for a, b in zip(losses, ref_losses)), worst))


if __name__ == '__main__':
    main()
