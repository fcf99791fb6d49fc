"""Makes the parity reference tensors for ich-model's tests with Debian's python3-torch.

Run:  /usr/bin/python3 tools/reference/make_model_reference.py
Writes ich-model/src/test/resources/dev/ich/model/reference/*.npz (float32, < 2 MB in total).

forward_d34_w4_*.npz / forward_d50_w1_*.npz: "_state" is the state_dict (keys as in PyTorch, exactly
  what a user exports); "_io" holds the input "x" (2x1x16x32x32) and the eval-mode outputs
  "out_size" (2x1) and "out_scores" (2x2). BN running statistics and affine
  parameters are randomised so that eval-mode BN is not the identity.
train_d10_w3_*.npz: "_state" is the state_dict before training; "_io" the state after two SGD steps
  in train mode ("after.<key>", BN running statistics included),
  inputs "x", volumes "volume_ml", outcomes "outcome", the two losses "loss", and the
  hyper-parameters. The step size and weight decay are exaggerated (lr 0.05, weight decay 0.1)
  so that a wrong weight-decay or momentum rule moves parameters by far more than the tolerance;
  with the paper's lr 1e-4 every update would be below 1e-4 and the check could not fail.
  The input is 2x1x16x48x48, so that layer4's batch norm sees 2 voxels per sample: at 16x32x32
  it normalised 2 values per channel, and that step was so ill-conditioned that float32 PyTorch
  itself ended 1e-2 away from a float64 run (any change of summation order, e.g. channels-last
  convolutions, moved the result by more than the tolerance). At 16x48x48 float32 (either memory
  layout) is within 4e-6 of float64.
"""
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ich_net import IchNet, loss_fn  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..',
                   'ich-model', 'src', 'test', 'resources', 'dev', 'ich', 'model', 'reference')
LR, MOMENTUM, WEIGHT_DECAY = 0.05, 0.9, 0.1
W_REG, W_CLS = 0.7, 1.3


def randomise_bn(model, g):
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm3d):
            n = m.num_features
            m.weight.data = 0.5 + torch.rand(n, generator=g)
            m.bias.data = 0.2 * torch.randn(n, generator=g)
            m.running_mean.data = 0.1 * torch.randn(n, generator=g)
            m.running_var.data = 0.5 + torch.rand(n, generator=g)


def state(model, prefix=''):
    return {prefix + k: v.detach().numpy().copy() for k, v in model.state_dict().items()}


def forward_reference(depth, width, seed):
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1)
    model = IchNet(depth=depth, base_width=width)
    randomise_bn(model, g)
    model.eval()
    x = torch.rand(2, 1, 16, 32, 32, generator=g)
    x[1] = 2.0 * x[1] - 0.5  # two clearly different samples
    with torch.no_grad():
        size, scores = model(x)
    name = 'forward_d%d_w%d' % (depth, width)
    np.savez(os.path.join(OUT, name + '_state.npz'), **state(model))
    np.savez(os.path.join(OUT, name + '_io.npz'), x=x.numpy(), out_size=size.numpy(), out_scores=scores.numpy())
    print('forward d%d w%d: size %s scores %s' % (depth, width, size.flatten().tolist(), scores.tolist()))


def train_reference(depth, width, seed, shape=(16, 48, 48)):
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed + 1)
    model = IchNet(depth=depth, base_width=width)
    randomise_bn(model, g)
    name = 'train_d%d_w%d' % (depth, width)
    np.savez(os.path.join(OUT, name + '_state.npz'), **state(model))
    model.train()
    x = torch.rand(2, 1, *shape, generator=g)
    x[1] = 2.0 * x[1] - 0.5  # two clearly different samples
    volume = torch.tensor([12.5, 40.0])
    outcome = torch.tensor([0, 1])
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM, weight_decay=WEIGHT_DECAY)
    losses = []
    for _ in range(2):
        opt.zero_grad()
        size, scores = model(x)
        loss = loss_fn(size, scores, volume, outcome, W_REG, W_CLS)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    data = state(model, 'after.')
    data.update(x=x.numpy(), volume_ml=volume.numpy().astype(np.float32), outcome=outcome.numpy(),
                loss=np.array(losses, dtype=np.float32),
                hyper=np.array([LR, MOMENTUM, WEIGHT_DECAY, W_REG, W_CLS], dtype=np.float32))
    np.savez(os.path.join(OUT, name + '_io.npz'), **data)
    print('train d%d w%d: losses %s' % (depth, width, losses))


if __name__ == '__main__':
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    forward_reference(34, 4, 1234)
    forward_reference(50, 1, 4321)
    train_reference(10, 3, 777)
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print('total bytes', total)
