"""Loss values of ich's two regression losses, computed with PyTorch, for LossTest.

Writes ich-model/src/test/resources/dev/ich/model/reference/losses.csv: one row per case with the
predicted sizes, class scores, volumes, outcomes, weights, reference target, and the losses of
ich_net.loss_fn (the paper's) and ich_net.relative_loss_fn. Run with Debian's python3:

    /usr/bin/python3 tools/reference/make_loss_reference.py
"""
import os

import torch

from ich_net import loss_fn, relative_loss_fn

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'ich-model', 'src', 'test', 'resources',
                   'dev', 'ich', 'model', 'reference', 'losses.csv')


def fmt(values):
    return ' '.join('%.9g' % v for v in values)


if __name__ == '__main__':
    g = torch.Generator().manual_seed(2024)
    rows = ['size;scores;volume_ml;outcome;w_reg;w_cls;reference;mse_loss;relative_loss']
    for case in range(6):
        n = 1 + case
        volume = torch.exp(torch.rand(n, generator=g) * 4.5)  # 1 to 90 ml
        size = (torch.pow(volume, 1 / 3) + torch.randn(n, generator=g) * 0.5).unsqueeze(1)
        scores = torch.randn(n, 2, generator=g) * 2
        outcome = torch.randint(0, 2, (n,), generator=g)
        w_reg, w_cls = [(1.0, 1.0), (2.5, 0.5), (1.0, 0.0)][case % 3]
        reference = float(torch.pow(volume, 1 / 3).mean()) + 0.25
        mse = loss_fn(size, scores, volume, outcome, w_reg, w_cls).item()
        rel = relative_loss_fn(size, scores, volume, outcome, reference, w_reg, w_cls).item()
        rows.append(';'.join([fmt(size.flatten().tolist()), fmt(scores.flatten().tolist()),
                              fmt(volume.tolist()), fmt(outcome.tolist()), '%g' % w_reg, '%g' % w_cls,
                              '%.9g' % reference, '%.9g' % mse, '%.9g' % rel]))
    with open(OUT, 'w') as f:
        f.write('\n'.join(rows) + '\n')
    print('wrote %d cases to %s' % (len(rows) - 1, os.path.normpath(OUT)))
