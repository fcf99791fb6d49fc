#!/usr/bin/python3
"""Writes the 256-entry colour tables of matplotlib's perceptually uniform maps viridis and inferno
(van der Walt and Smith, 2015) as resources of ich-explain, one 'r g b' line (0-1, 6 decimals) each.

Run with Debian's python (matplotlib 3.6):  /usr/bin/python3 tools/reference/make_colormaps.py
"""
import os
import matplotlib
import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'ich-explain', 'src', 'main',
                   'resources', 'dev', 'ich', 'explain', 'render')
for name in ('viridis', 'inferno'):
    table = matplotlib.colormaps[name](np.linspace(0, 1, 256))[:, :3]
    with open(os.path.join(OUT, name + '.txt'), 'w') as f:
        f.write('# matplotlib %s colour table, 256 entries, r g b in [0, 1]; tools/reference/make_colormaps.py\n' % name)
        for r, g, b in table:
            f.write('%.6f %.6f %.6f\n' % (r, g, b))
    print(name, 'first', table[0], 'middle', table[128], 'last', table[255])
