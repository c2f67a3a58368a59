"""Figures: the only part of :mod:`bargaining` that imports matplotlib.

Functions return a matplotlib figure; :func:`bargaining.io.write` saves one by
suffix (``.png``, ``.svg``, ``.pdf``).

======================  ==============================================================
module                  what it draws
======================  ==============================================================
:mod:`.sweep`           outcomes along one parameter, a line per concept
:mod:`.grid`            a heatmap of one outcome over two parameters
:mod:`.tornado`         parameters ranked by the swing of an outcome
:mod:`.montecarlo`      histograms of Monte Carlo draws, Sobol indices
:mod:`.simulation`      fan charts of simulated paths of the war and the talks
:mod:`.series`          the data a figure draws, read off a result
:mod:`.style`           colours, labels, the blank figure, :class:`~.style.PlotError`
:mod:`.sensitivity`     all four ``plot_*`` functions by name
======================  ==============================================================
"""

from __future__ import annotations
