#!/usr/bin/python3
"""Reference tensors for ich-explain's CAM math, made with PyTorch hooks.

Run with Debian's python (torch 1.13):  /usr/bin/python3 tools/reference/make_cam_reference.py

A small 3D ResNet (random weights, BatchNorm in eval mode with random running statistics) is run
on a smooth random input; a forward hook on an encoder stage keeps its output A and a tensor hook
keeps dy/dA for the chosen head output y. Every CAM variant is then computed here with torch ops
from A and G, so the Java arithmetic is checked against PyTorch independently of the network:

  gradcam    alpha_k = mean(G_k);  S = sum_k alpha_k A_k
  gradcam++  a = G^2 / (2 G^2 + sum_map(A_k) G^3 + 1e-6), 0 where G == 0;  w_k = sum_map a relu(G);
             S = sum_k w_k A_k   (pytorch-grad-cam's closed form of Chattopadhay et al. eq. 19)
  hirescam   S = sum_k G_k * A_k
  layercam   S = sum_k relu(G_k) * A_k
  positive = relu(S); signed = S; negative = the same method on -G, then relu

Each signed map is also upsampled with F.interpolate(mode='trilinear', align_corners=False) to an odd
size, for the Java Trilinear class (ich-core).  Output: ich-explain/src/test/resources/dev/ich/explain/cam/
cam_reference.npz: float32 arrays NAME_A, NAME_G (C x D x H x W), NAME_METHOD_POLARITY (D x H x W) and
NAME_METHOD_signed_up, for NAME in volume_stage{3,4}, prognosis{1,0}_stage{3,4}.
"""
import os
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(20231118)
torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'ich-explain', 'src', 'test', 'resources', 'dev', 'ich', 'explain', 'cam',
                   'cam_reference.npz')
UPSAMPLED = (7, 17, 13)


class Basic(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv3d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm3d(cout)
        self.conv2 = nn.Conv3d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm3d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv3d(cin, cout, 1, stride, bias=False), nn.BatchNorm3d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.down is None else self.down(x)))


class TinyResNet(nn.Module):
    def __init__(self, w=4):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv3d(1, w, 7, 2, 3, bias=False), nn.BatchNorm3d(w), nn.ReLU(),
                                  nn.MaxPool3d(3, 2, 1))
        self.stages = nn.ModuleList([Basic(w, w, 1), Basic(w, 2 * w, 2), Basic(2 * w, 4 * w, 2),
                                     Basic(4 * w, 8 * w, 2)])
        self.reg = nn.Linear(8 * w, 1)
        self.cls = nn.Linear(8 * w, 2)

    def forward(self, x):
        x = self.stem(x)
        for s in self.stages:
            x = s(x)
        f = x.mean(dim=(2, 3, 4))
        return self.reg(f)[:, 0], self.cls(f)


def cam(A, G, method, polarity):
    """A, G: C x D x H x W.  Returns D x H x W."""
    if polarity == 'negative':
        G = -G
    if method == 'gradcam':
        S = (G.mean(dim=(1, 2, 3))[:, None, None, None] * A).sum(0)
    elif method == 'gradcampp':
        g2 = G ** 2
        g3 = g2 * G
        sum_a = A.sum(dim=(1, 2, 3))[:, None, None, None]
        a = g2 / (2 * g2 + sum_a * g3 + 1e-6)
        a = torch.where(G != 0, a, torch.zeros_like(a))
        w = (a * F.relu(G)).sum(dim=(1, 2, 3))
        S = (w[:, None, None, None] * A).sum(0)
    elif method == 'hirescam':
        S = (G * A).sum(0)
    elif method == 'layercam':
        S = (F.relu(G) * A).sum(0)
    else:
        raise ValueError(method)
    return S if polarity == 'signed' else F.relu(S)


def main():
    net = TinyResNet().double()
    for m in net.modules():
        if isinstance(m, nn.BatchNorm3d):
            m.running_mean.uniform_(-0.2, 0.2)
            m.running_var.uniform_(0.5, 1.5)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.1, 0.2)
    # Larger head weights than the default init, so the maps are of order 0.1-1 and the comparison
    # is not swamped by an absolute tolerance.
    with torch.no_grad():
        net.reg.weight.mul_(30)
        net.cls.weight.mul_(30)
    net.eval()
    # A smooth input in [0, 1], like a windowed head CT, so the maps have structure.
    x = F.interpolate(torch.rand(1, 1, 6, 10, 10, dtype=torch.float64), size=(32, 96, 96),
                      mode='trilinear', align_corners=False)
    arrays = {}
    cases = []
    for stage in (3, 4):
        for head, target in (('volume', None), ('prognosis', 1), ('prognosis', 0)):
            store = {}

            def fwd(_m, _i, out):
                store['A'] = out
                out.register_hook(lambda g: store.__setitem__('G', g))

            h = net.stages[stage - 1].register_forward_hook(fwd)
            net.zero_grad()
            reg, cls = net(x)
            y = reg[0] if head == 'volume' else cls[0, target]
            y.backward()
            h.remove()
            # Round to float32 first: the Java side gets float32 tensors, and computes from those.
            A = store['A'][0].detach().float().double()
            G = store['G'][0].detach().float().double()
            name = f'{head}{"" if target is None else target}_stage{stage}'
            cases.append(name)
            arrays[name + '_A'] = A.float().numpy()
            arrays[name + '_G'] = G.float().numpy()
            for method in ('gradcam', 'gradcampp', 'hirescam', 'layercam'):
                for pol in ('positive', 'signed', 'negative'):
                    m = cam(A, G, method, pol)
                    arrays[f'{name}_{method}_{pol}'] = m.float().numpy()
                    if pol == 'signed':
                        up = F.interpolate(m[None, None], size=UPSAMPLED, mode='trilinear', align_corners=False)
                        arrays[f'{name}_{method}_{pol}_up'] = up[0, 0].float().numpy()
    arrays['upsampled_size'] = np.array(UPSAMPLED, dtype=np.int32)
    np.savez_compressed(OUT, **arrays)
    print('wrote', os.path.normpath(OUT), os.path.getsize(OUT), 'bytes;', ', '.join(cases))


if __name__ == '__main__':
    main()
