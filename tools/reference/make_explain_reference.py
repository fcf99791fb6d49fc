#!/usr/bin/python3
"""Reference for ich-explain's full pipeline (DJL capture + CAM math + upsampling), made with PyTorch hooks
on the project's reference network tools/reference/ich_net.py.

Run with Debian's python (torch 1.13):  /usr/bin/python3 tools/reference/make_explain_reference.py

An IchNet (ResNet-18, width 4, input 16x48x48; BatchNorm running statistics and affine parameters
randomised so eval-mode BN is not the identity) is saved as a state_dict .npz that
IchModel.importPyTorch reads. For each case (head, class, stage) a forward hook on the stage (stem =
stage 0: conv1-bn1-relu-maxpool; layer1..4 = stages 1..4) keeps its output A and a tensor hook keeps
dy/dA, y being the regression output or one class score (before the softmax). Every CAM variant is
computed with torch ops (formulas in make_cam_reference.py); the positive Grad-CAM and HiResCAM maps
of two cases are also upsampled to the input with F.interpolate(trilinear, align_corners=False).

Integrated gradients (Sundararajan et al. 2017) of the volume output and of the death score: baseline
x' = 0 (every voxel at the window's lower bound), IG_STEPS points at the middle of equal steps on the
straight path from x' to x (alpha = (k + 0.5) / m), gradients by autograd on the whole batch of path
points, map = (x - x') * mean gradient; also each output at x and at x' (completeness: the map sums to
their difference up to the Riemann sum's error).

Writes ich-explain/src/test/resources/dev/ich/explain/pipeline/{weights_d18_w4.npz, expected.npz}.
"""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from ich_net import IchNet  # noqa: E402
from make_cam_reference import cam  # noqa: E402

OUT = os.path.join(HERE, '..', '..', 'ich-explain', 'src', 'test', 'resources', 'dev', 'ich', 'explain', 'pipeline')
SHAPE = (16, 48, 48)
CASES = [('volume', 0, 4), ('prognosis', 1, 4), ('volume', 0, 3), ('prognosis', 0, 2), ('prognosis', 1, 3)]
UPSAMPLED = {('volume', 0, 4), ('prognosis', 1, 3)}
IG_CASES = [('volume', 0), ('prognosis', 1)]
IG_STEPS = 8


def integrated_gradients(net, x, head, cls, steps):
    baseline = torch.zeros_like(x)
    alphas = (torch.arange(steps, dtype=torch.float32) + 0.5) / steps
    path = (baseline + alphas.view(-1, 1, 1, 1, 1) * (x - baseline)).detach().requires_grad_(True)
    size, scores = net(path)
    y = size[:, 0] if head == 'volume' else scores[:, cls]
    (grad,) = torch.autograd.grad(y.sum(), path)
    return ((x - baseline) * grad.mean(dim=0, keepdim=True))[0, 0]


def output(net, x, head, cls):
    with torch.no_grad():
        size, scores = net(x)
    return (size[0, 0] if head == 'volume' else scores[0, cls]).item()


def main():
    torch.manual_seed(7)
    g = torch.Generator().manual_seed(8)
    net = IchNet(depth=18, base_width=4)
    for m in net.modules():
        if isinstance(m, torch.nn.BatchNorm3d):
            n = m.num_features
            m.weight.data = 0.5 + torch.rand(n, generator=g)
            m.bias.data = 0.2 * torch.randn(n, generator=g)
            m.running_mean.data = 0.1 * torch.randn(n, generator=g)
            m.running_var.data = 0.5 + torch.rand(n, generator=g)
    net.eval()
    state = {k: v.detach().numpy().copy() for k, v in net.state_dict().items()}
    np.savez(os.path.join(OUT, 'weights_d18_w4.npz'), **state)

    x = F.interpolate(torch.rand(1, 1, 4, 8, 8, generator=g), size=SHAPE, mode='trilinear', align_corners=False)
    out = {'x': x[0, 0].numpy()}
    stages = {0: net.maxpool, 1: net.layer1, 2: net.layer2, 3: net.layer3, 4: net.layer4}
    for head, cls, stage in CASES:
        store = {}

        def fwd(_m, _i, o):
            store['A'] = o
            o.register_hook(lambda grad: store.__setitem__('G', grad))

        h = stages[stage].register_forward_hook(fwd)
        size, scores = net(x)
        y = size[0, 0] if head == 'volume' else scores[0, cls]
        y.backward()
        h.remove()
        name = f'{head}{cls}_stage{stage}'
        A = store['A'][0].detach().double()
        G = store['G'][0].detach().double()
        out[name + '_A'] = A.float().numpy()
        out[name + '_G'] = G.float().numpy()
        out[name + '_y'] = np.array([y.item()], dtype=np.float32)
        for method in ('gradcam', 'gradcampp', 'hirescam', 'layercam'):
            for pol in ('positive', 'signed', 'negative'):
                mp = cam(A, G, method, pol)
                out[f'{name}_{method}_{pol}'] = mp.float().numpy()
                if (head, cls, stage) in UPSAMPLED and pol == 'positive' and method in ('gradcam', 'hirescam'):
                    up = F.interpolate(mp[None, None], size=SHAPE, mode='trilinear', align_corners=False)
                    out[f'{name}_{method}_{pol}_up'] = up[0, 0].float().numpy()
        print(name, 'y', y.item(), 'map', tuple(A.shape))
    for head, cls in IG_CASES:
        name = f'{head}{cls}_ig{IG_STEPS}'
        ig = integrated_gradients(net, x, head, cls, IG_STEPS)
        out[name] = ig.detach().numpy()
        y, y0 = output(net, x, head, cls), output(net, torch.zeros_like(x), head, cls)
        out[name + '_outputs'] = np.array([y, y0], dtype=np.float32)
        print(name, 'sum', ig.sum().item(), 'y - y0', y - y0)
    np.savez_compressed(os.path.join(OUT, 'expected.npz'), **out)
    for f in ('weights_d18_w4.npz', 'expected.npz'):
        print(f, os.path.getsize(os.path.join(OUT, f)), 'bytes')


if __name__ == '__main__':
    main()
