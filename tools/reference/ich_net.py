"""Reference PyTorch definition of the ich multi-task network (Gong et al. 2023).

The same network as dev.ich.model.arch.IchNetwork in Java: a MedicalNet/torchvision-style 3D ResNet
(shortcut type B) shared encoder, a regression head (global average pool + Linear -> 1) and a
classification head (global average pool + Linear -> 2 class scores, optional ReLU).

Train it in Python, save ``{k: v.numpy() for k, v in model.state_dict().items()}`` with
``numpy.savez`` and import the .npz into Java with ``IchModel.importPyTorch`` (docs/model.md gives the
name mapping). Only torch and numpy are needed.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

BLOCKS = {10: [1, 1, 1, 1], 18: [2, 2, 2, 2], 34: [3, 4, 6, 3], 50: [3, 4, 6, 3]}


def conv3(in_ch, out_ch, stride=1):
    return nn.Conv3d(in_ch, out_ch, kernel_size=3, stride=stride, padding=1, bias=False)


class BasicBlock(nn.Module):
    expansion = 1

    def __init__(self, in_ch, ch, stride=1, downsample=None):
        super().__init__()
        self.conv1 = conv3(in_ch, ch, stride)
        self.bn1 = nn.BatchNorm3d(ch)
        self.conv2 = conv3(ch, ch)
        self.bn2 = nn.BatchNorm3d(ch)
        self.downsample = downsample

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + identity)


class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, in_ch, ch, stride=1, downsample=None):
        super().__init__()
        self.conv1 = nn.Conv3d(in_ch, ch, kernel_size=1, bias=False)
        self.bn1 = nn.BatchNorm3d(ch)
        self.conv2 = conv3(ch, ch, stride)
        self.bn2 = nn.BatchNorm3d(ch)
        self.conv3 = nn.Conv3d(ch, ch * 4, kernel_size=1, bias=False)
        self.bn3 = nn.BatchNorm3d(ch * 4)
        self.downsample = downsample

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        return F.relu(out + identity)


class IchNet(nn.Module):
    def __init__(self, depth=34, base_width=64, classifier_relu=False):
        super().__init__()
        block = Bottleneck if depth == 50 else BasicBlock
        w = base_width
        self.conv1 = nn.Conv3d(1, w, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm3d(w)
        self.maxpool = nn.MaxPool3d(kernel_size=3, stride=2, padding=1)
        self.in_ch = w
        layers = []
        for i, n in enumerate(BLOCKS[depth]):
            layers.append(self._make_layer(block, w * 2 ** i, n, 1 if i == 0 else 2))
        self.layer1, self.layer2, self.layer3, self.layer4 = layers
        feat = w * 8 * block.expansion
        self.fc_reg = nn.Linear(feat, 1)
        self.fc_cls = nn.Linear(feat, 2)
        self.classifier_relu = classifier_relu

    def _make_layer(self, block, ch, n, stride):
        downsample = None
        if stride != 1 or self.in_ch != ch * block.expansion:
            downsample = nn.Sequential(
                nn.Conv3d(self.in_ch, ch * block.expansion, kernel_size=1, stride=stride, bias=False),
                nn.BatchNorm3d(ch * block.expansion))
        layers = [block(self.in_ch, ch, stride, downsample)]
        self.in_ch = ch * block.expansion
        for _ in range(1, n):
            layers.append(block(self.in_ch, ch))
        return nn.Sequential(*layers)

    def encode(self, x):
        x = self.maxpool(F.relu(self.bn1(self.conv1(x))))
        return self.layer4(self.layer3(self.layer2(self.layer1(x))))

    def forward(self, x):
        """Returns (size [N,1] = cube root of ml, class scores [N,2]; softmax[:,1] = P(death))."""
        f = torch.flatten(F.adaptive_avg_pool3d(self.encode(x), 1), 1)
        scores = self.fc_cls(f)
        if self.classifier_relu:
            scores = F.relu(scores)
        return self.fc_reg(f), scores


def loss_fn(size, scores, volume_ml, outcome, w_reg=1.0, w_cls=1.0):
    """w_reg * MSE(size, cbrt(volume)) + w_cls * BCE(softmax(scores)[:,1], outcome).

    The BCE on the softmax probability of death equals the 2-class cross entropy on the scores,
    which is how it is computed (log-softmax, numerically stable)."""
    target = torch.pow(volume_ml, 1.0 / 3.0).unsqueeze(1)
    return w_reg * F.mse_loss(size, target) + w_cls * F.cross_entropy(scores, outcome)


def relative_loss_fn(size, scores, volume_ml, outcome, reference, w_reg=1.0, w_cls=1.0):
    """As loss_fn, with ich's RegressionLoss.RELATIVE_MSE: mean(((size - s) / s)^2) * reference^2,
    where s is the cube root of the volume and reference the training set's mean s."""
    target = torch.pow(volume_ml, 1.0 / 3.0).unsqueeze(1)
    relative = torch.mean(((size - target) / target) ** 2) * reference ** 2
    return w_reg * relative + w_cls * F.cross_entropy(scores, outcome)
