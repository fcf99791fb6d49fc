"""PyTorch side of `ich bench --shape ...`: the same network (tools/reference/ich_net.py), the same
measurements, the same thread count.

Run:  /usr/bin/python3 tools/bench/model_torch.py --shape 32x224x224 --width 64 --runs 5 --threads 2
Prints name=value lines: inference_ms_median (batch 1, eval mode, no_grad), peak_rss_after_inference_mb,
train_step_ms_median (batch 2, train mode, MSE + CE, backward, SGD lr 1e-4 momentum 0.9 wd 5e-4).
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--shape', default='32x224x224')
    ap.add_argument('--width', type=int, default=64)
    ap.add_argument('--depth', type=int, default=34)
    ap.add_argument('--runs', type=int, default=5)
    ap.add_argument('--warmup', type=int, default=2)
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--skip-train', action='store_true')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    d, h, w = (int(v) for v in a.shape.lower().split('x'))
    torch.manual_seed(0)
    model = IchNet(depth=a.depth, base_width=a.width)
    x1 = torch.rand(1, 1, d, h, w)
    model.eval()
    times, cpu = [], []
    with torch.no_grad():
        for i in range(a.warmup + a.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            size, scores = model(x1)
            torch.softmax(scores, 1)
            if i >= a.warmup:
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print('torch_version=%s' % torch.__version__)
    print('torch_threads=%d' % torch.get_num_threads())
    print('inference_ms_median=%.1f' % statistics.median(times))
    print('inference_cpu_ms_median=%.1f' % statistics.median(cpu))
    print('peak_rss_after_inference_mb=%.0f' % rss)
    if a.skip_train:
        return
    model.train()
    opt = torch.optim.SGD(model.parameters(), lr=1e-4, momentum=0.9, weight_decay=5e-4)
    x2 = torch.rand(2, 1, d, h, w)
    vol = torch.tensor([8.0, 27.0])
    out = torch.tensor([0, 1])
    times, cpu = [], []
    for i in range(a.warmup + a.runs):
        t0, c0 = time.perf_counter(), time.process_time()
        opt.zero_grad()
        size, scores = model(x2)
        loss = loss_fn(size, scores, vol, out)
        loss.backward()
        opt.step()
        if i >= a.warmup:
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    print('peak_rss_mb=%.0f' % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
    print('train_step_cpu_ms_median=%.1f' % statistics.median(cpu))
    print('train_step_ms_median=%.1f' % statistics.median(times))


if __name__ == '__main__':
    main()
