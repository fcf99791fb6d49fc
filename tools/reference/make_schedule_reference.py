"""Learning rates of torch.optim.lr_scheduler schedules stepped after every batch.

Writes to ich-model/src/test/resources/dev/ich/model/reference/, one row per step (step, lr) of a
run of T_MAX steps from LR, which LearningRateScheduleTest compares with LearningRateSchedule:
- cosine_schedule.csv: CosineAnnealingLR(T_max=T_MAX);
- warmup_cosine_schedule.csv: WARMUP steps of LinearLR(start_factor=1/WARMUP,
  total_iters=WARMUP-1), then CosineAnnealingLR(T_max=T_MAX-WARMUP), chained by SequentialLR.
Run with Debian's python3 (python3-torch):

    /usr/bin/python3 tools/reference/make_schedule_reference.py
"""
import os

import torch

LR = 0.003
T_MAX = 37
WARMUP = 5
OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'ich-model', 'src', 'test', 'resources',
                   'dev', 'ich', 'model', 'reference')


def write(name, make_scheduler):
    weight = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([weight], lr=LR)
    sched = make_scheduler(opt)
    rows = ['step,lr']
    for step in range(T_MAX):
        rows.append('%d,%.17g' % (step, opt.param_groups[0]['lr']))
        opt.step()
        sched.step()
    path = os.path.join(OUT, name)
    with open(path, 'w') as f:
        f.write('\n'.join(rows) + '\n')
    print('wrote %d steps to %s' % (T_MAX, os.path.normpath(path)))


def warmup_then_cosine(opt):
    sched = torch.optim.lr_scheduler
    return sched.SequentialLR(opt, [
        sched.LinearLR(opt, start_factor=1 / WARMUP, end_factor=1, total_iters=WARMUP - 1),
        sched.CosineAnnealingLR(opt, T_max=T_MAX - WARMUP, eta_min=0)], milestones=[WARMUP])


if __name__ == '__main__':
    write('cosine_schedule.csv', lambda opt: torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=T_MAX, eta_min=0))
    write('warmup_cosine_schedule.csv', warmup_then_cosine)
