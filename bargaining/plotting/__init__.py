"""Figures: the only part of :mod:`bargaining` that imports matplotlib.

Functions return a matplotlib figure; :func:`bargaining.io.write` saves one by
suffix (``.png``, ``.svg``, ``.pdf``).

======================  ==============================================================
module                  what it draws
======================  ==============================================================
:mod:`.sensitivity`     sweeps, grids (heatmaps), tornado charts, Monte Carlo
======================  ==============================================================
"""

from __future__ import annotations
