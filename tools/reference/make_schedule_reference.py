"""Learning rates of torch.optim.lr_scheduler.CosineAnnealingLR stepped after every batch.

Writes ich-model/src/test/resources/dev/ich/model/reference/cosine_schedule.csv: one row per step
(step, lr) of a run of T_MAX steps from LR, which LearningRateScheduleTest compares with
LearningRateSchedule.COSINE. Run with Debian's python3 (python3-torch):

    /usr/bin/python3 tools/reference/make_schedule_reference.py
"""
import os

import torch

LR = 0.003
T_MAX = 37
OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'ich-model', 'src', 'test', 'resources',
                   'dev', 'ich', 'model', 'reference', 'cosine_schedule.csv')

if __name__ == '__main__':
    weight = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([weight], lr=LR)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=T_MAX, eta_min=0)
    rows = ['step,lr']
    for step in range(T_MAX):
        rows.append('%d,%.17g' % (step, opt.param_groups[0]['lr']))
        opt.step()
        sched.step()
    with open(OUT, 'w') as f:
        f.write('\n'.join(rows) + '\n')
    print('wrote %d steps to %s' % (T_MAX, os.path.normpath(OUT)))
