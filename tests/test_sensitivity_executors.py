"""The same sweep in this process, on a process pool, and on a local Dask cluster."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from strategies import ROOT

from bargaining.io import load
from bargaining.sensitivity import grid, sweep

KURSK = load(ROOT / "games" / "kursk.json")
VALUES = [0.0, 250.0, 700.0, 1294.0]


def serial() -> list[dict]:
    return sweep(KURSK, "kursk_held", VALUES, solution="nash").to_records()


def same(a: list[dict], b: list[dict]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b, strict=True):
        assert x.keys() == y.keys()
        for key in x:
            if isinstance(x[key], float):
                assert y[key] == pytest.approx(x[key], abs=1e-9), key
            else:
                assert y[key] == x[key], key


def test_process_pool_gives_the_same_table() -> None:
    same(serial(), sweep(KURSK, "kursk_held", VALUES, solution="nash", workers=2).to_records())


def test_any_executor_gives_the_same_table_in_order() -> None:
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = grid(
            KURSK,
            {"kursk_held": [0.0, 1294.0], "us_support": [-1.0, 0.0, 1.0]},
            solution="nash",
            executor=pool,
        )
    alone = grid(KURSK, {"kursk_held": [0.0, 1294.0], "us_support": [-1.0, 0.0, 1.0]}, solution="nash")
    same(alone.to_records(), result.to_records())


def test_local_dask_cluster_gives_the_same_table() -> None:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        result = sweep(KURSK, "kursk_held", VALUES, solution="nash", executor=client.get_executor())
    same(serial(), result.to_records())
