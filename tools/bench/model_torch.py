"""PyTorch side of `ich bench --shape ... --python ...`: the same network (tools/reference/ich_net.py),
the same measurements, the same thread count.

Run alone:  /usr/bin/python3 tools/bench/model_torch.py --shape 32x224x224 --width 64 --runs 5 --threads 2
prints name=value lines: inference_ms_median (batch 1, eval mode, no_grad), peak_rss_after_inference_mb,
train_step_ms_median (batch 2, train mode, MSE + CE, backward, SGD lr 1e-4 momentum 0.9 wd 5e-4).

With --serve it times one pass per request instead, so that `ich bench` can alternate its own
passes with PyTorch's (the machine's speed drifts by more than the difference being measured):
it prints `ready`, then answers each stdin line `inference` or `train` with
`ms=<wall> cpu_ms=<process CPU>` (a training step adds `forward_ms= backward_ms= update_ms=`, the
forward pass with the loss, the backward pass and the SGD update), and `rss` with
`peak_rss_mb=<VmHWM>`; it stops at end of input.
"""
import argparse
import os
import resource
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'reference'))
from ich_net import IchNet, loss_fn  # noqa: E402


def vm_hwm_mb():
    # ru_maxrss would report the parent's peak when started from the Java bench (Linux keeps it
    # across fork/exec); VmHWM belongs to this process image.
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith('VmHWM:'):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Passes:
    """One timed inference (batch 1) or training step (batch 2) at a time."""

    def __init__(self, depth, width, d, h, w):
        torch.manual_seed(0)
        self.model = IchNet(depth=depth, base_width=width)
        self.x1 = torch.rand(1, 1, d, h, w)
        self.x2 = None  # made on the first training step, so the inference peak does not hold it
        self.shape = (d, h, w)
        self.vol = torch.tensor([8.0, 27.0])
        self.out = torch.tensor([0, 1])
        self.opt = torch.optim.SGD(self.model.parameters(), lr=1e-4, momentum=0.9, weight_decay=5e-4)

    def inference(self):
        self.model.eval()
        t0, c0 = time.perf_counter(), time.process_time()
        with torch.no_grad():
            size, scores = self.model(self.x1)
            torch.softmax(scores, 1)
        return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000

    def train(self):
        if self.x2 is None:
            self.x2 = torch.rand(2, 1, *self.shape)
        self.model.train()
        t0, c0 = time.perf_counter(), time.process_time()
        self.opt.zero_grad()
        size, scores = self.model(self.x2)
        loss = loss_fn(size, scores, self.vol, self.out)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        self.opt.step()
        t3 = time.perf_counter()
        self.last_parts = ((t1 - t0) * 1000, (t2 - t1) * 1000, (t3 - t2) * 1000)
        return (t3 - t0) * 1000, (time.process_time() - c0) * 1000


def medians(passes, warmup, runs):
    wall, cpu = [], []
    for i in range(warmup + runs):
        t, c = passes()
        if i >= warmup:
            wall.append(t)
            cpu.append(c)
    return statistics.median(wall), statistics.median(cpu)


def serve(p):
    print('ready', flush=True)
    for line in sys.stdin:
        request = line.strip()
        if request in ('inference', 'train'):
            t, c = getattr(p, request)()
            parts = ' forward_ms=%.1f backward_ms=%.1f update_ms=%.1f' % p.last_parts if request == 'train' else ''
            print('ms=%.1f cpu_ms=%.1f%s' % (t, c, parts), flush=True)
        elif request == 'rss':
            print('peak_rss_mb=%.0f' % vm_hwm_mb(), flush=True)
        else:
            print('error=unknown request %r' % request, flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--shape', default='32x224x224')
    ap.add_argument('--width', type=int, default=64)
    ap.add_argument('--depth', type=int, default=34)
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--warmup', type=int, default=2)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--skip-train', action='store_true')
    ap.add_argument('--serve', action='store_true')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    d, h, w = (int(v) for v in a.shape.lower().split('x'))
    p = Passes(a.depth, a.width, d, h, w)
    print('torch_version=%s' % torch.__version__)
    print('torch_threads=%d' % torch.get_num_threads())
    if a.serve:
        serve(p)
        return
    t, c = medians(p.inference, a.warmup, a.runs)
    print('inference_ms_median=%.1f' % t)
    print('inference_cpu_ms_median=%.1f' % c)
    print('peak_rss_after_inference_mb=%.0f' % vm_hwm_mb())
    if a.skip_train:
        return
    t, c = medians(p.train, a.warmup, a.runs)
    print('peak_rss_mb=%.0f' % vm_hwm_mb())
    print('train_step_cpu_ms_median=%.1f' % c)
    print('train_step_ms_median=%.1f' % t)


if __name__ == '__main__':
    main()
