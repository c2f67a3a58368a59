"""Correlated equilibria (:mod:`bargaining.equilibrium.correlated`): known answers, properties, certificates.

References checked here, never the package against itself:

* the incentive constraints are re-derived by brute force over profiles, in Fractions (``reference_slacks``);
* the vertices of the correlated-equilibrium polytope are re-enumerated by brute force (every basis of
  tight constraints, solved by Gaussian elimination in Fractions: ``reference_vertices``);
* Nash equilibria come from Gambit's exact ``enummixed`` (two players) or from the package's support
  enumeration for three players, whose equilibria are re-checked by best responses.

Sources: Aumann, R. J. (1974), Subjectivity and correlation in randomized strategies, Journal of
Mathematical Economics 1(1), 67-96 (correlated equilibrium); the game of chicken with payoffs (6,6), (2,7),
(7,2), (0,0) and the device that draws (C,C), (C,D), (D,C) with probability 1/3 each is the standard
illustration of Aumann's concept (e.g. Nisan, Roughgarden, Tardos and Vazirani (eds.), Algorithmic Game
Theory (2007), ch. 1-2, and Papadimitriou and Roughgarden (2008), J. ACM 55(3), on the LP). The numbers
are worked by hand in the docstrings below.
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import GAMES, run

from bargaining.equilibrium import equilibria
from bargaining.equilibrium.correlated import (
    correlated_constraints,
    correlated_equilibrium,
    correlated_vertices,
    is_correlated_equilibrium,
)
from bargaining.equilibrium.correlated_exact import exact_dual_bound
from bargaining.equilibrium.correlated_results import MEDIATOR
from bargaining.errors import InvalidGameError
from bargaining.games import NormalFormGame

F = Fraction
AUMANN = NormalFormGame.from_arrays(
    [[6, 2], [7, 0]],
    [[6, 7], [2, 0]],
    players=("row", "column"),
    strategies=(("C", "D"), ("C", "D")),
    title="Chicken (Aumann 1974)",
)


# ----------------------------------------------------------------------------- independent references
def profiles(game: NormalFormGame) -> list[tuple[int, ...]]:
    return list(itertools.product(*(range(k) for k in game.num_strategies)))


def reference_rows(game: NormalFormGame) -> list[list[Fraction]]:
    """Incentive rows by brute force: for each i, a != b, the gain of obeying a over b at each profile."""
    u = game.rational_payoff_array()
    rows = []
    for i in range(game.num_players):
        for a, b in itertools.permutations(range(game.num_strategies[i]), 2):
            row = []
            for s in profiles(game):
                deviated = s[:i] + (b,) + s[i + 1 :]
                row.append(F(u[(i, *s)] - u[(i, *deviated)]) if s[i] == a else F(0))
            rows.append(row)
    return rows


def reference_slacks(game: NormalFormGame, p: list[Fraction]) -> list[Fraction]:
    return [sum((g * q for g, q in zip(row, p, strict=True)), F(0)) for row in reference_rows(game)]


def is_ce_reference(game: NormalFormGame, p: list[Fraction]) -> bool:
    return min(p) >= 0 and sum(p) == 1 and all(v >= 0 for v in reference_slacks(game, p))


def product_distribution(profile: tuple[tuple[Fraction, ...], ...], game: NormalFormGame) -> list[Fraction]:
    out = []
    for s in profiles(game):
        prob = F(1)
        for i, k in enumerate(s):
            prob *= profile[i][k]
        out.append(prob)
    return out


def welfare_of(game: NormalFormGame, p: list[Fraction]) -> Fraction:
    u = game.rational_payoff_array()
    return sum(
        (
            q * sum(F(u[(i, *s)]) for i in range(game.num_players))
            for q, s in zip(p, profiles(game), strict=True)
        ),
        F(0),
    )


def rational_solve(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of a square system by Gaussian elimination in Fractions (None if singular)."""
    n = len(rows)
    a = [list(r) + [b] for r, b in zip(rows, rhs, strict=True)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if a[r][col] != 0), None)
        if pivot is None:
            return None
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[r][col] != 0:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[r][n] / a[r][r] for r in range(n)]


def reference_vertices(game: NormalFormGame) -> set[tuple[Fraction, ...]]:
    """Every vertex, by brute force: each choice of N - 1 tight inequalities and sum p = 1, solved exactly."""
    n = game.num_profiles
    inequalities = [[F(int(s == t)) for t in range(n)] for s in range(n)] + reference_rows(game)
    found = set()
    for basis in itertools.combinations(inequalities, n - 1):
        p = rational_solve([*basis, [F(1)] * n], [F(0)] * (n - 1) + [F(1)])
        if p is not None and is_ce_reference(game, p):
            found.add(tuple(p))
    return found


def gambit_nash(game: NormalFormGame) -> list[tuple[tuple[Fraction, ...], ...]]:
    pygambit = pytest.importorskip("pygambit")
    a, b = (np.asarray(m, dtype=int) for m in game.payoff_matrices)
    g = pygambit.Game.from_arrays(a, b)
    result = pygambit.nash.enummixed_solve(g, rational=True)
    return [
        tuple(tuple(F(eq[player][strategy]) for strategy in player.strategies) for player in g.players)
        for eq in result.equilibria
    ]


small_games = st.tuples(
    st.integers(2, 3), st.integers(2, 3), st.integers(0, 2**32 - 1), st.sampled_from([3, 10])
)


def random_game(shape: tuple[int, ...], seed: int, high: int) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame(rng.integers(0, high, (len(shape), *shape)))


# ----------------------------------------------------------------------------- Aumann's chicken
def test_aumann_one_third_device_is_a_correlated_equilibrium_paying_5_each() -> None:
    """(C,C), (C,D), (D,C) with 1/3 each: told C, a player expects (6 + 2)/2 = 4 from C and (7 + 0)/2 from D;
    told D, it knows the other plays C (7 > 6). Each expects (6 + 2 + 7)/3 = 5."""
    third = [F(1, 3), F(1, 3), F(1, 3), F(0)]
    assert is_ce_reference(AUMANN, third)
    assert is_correlated_equilibrium(AUMANN, np.array(third, dtype=object).reshape(2, 2), exact=True)
    assert reference_slacks(AUMANN, third) == [F(1, 3), F(1, 3), F(1, 3), F(1, 3)]
    u = AUMANN.rational_payoff_array()
    assert [
        sum(q * F(u[(i, *s)]) for q, s in zip(third, profiles(AUMANN), strict=True)) for i in range(2)
    ] == [5, 5]
    # Not a CE: always (D, D); nor the welfare-max device tilted 1e-12 from (D, C) to (C, C), which breaks
    # "row told C": -p(C,C) + 2 p(C,D) >= 0, tight at (1/2, 1/4, 1/4, 0).
    assert not is_correlated_equilibrium(AUMANN, [[0, 0], [0, 1]], exact=True)
    eps = F(1, 10**12)
    tilted = np.array([[F(1, 2) + eps, F(1, 4)], [F(1, 4) - eps, 0]], dtype=object)
    assert not is_correlated_equilibrium(AUMANN, tilted, exact=True)
    assert is_correlated_equilibrium(AUMANN, tilted.astype(float), tol=1e-9)  # float mode: within tolerance


def test_aumann_welfare_maximising_device() -> None:
    """Max 12a + 9b + 9c s.t. told C: -a + 2b >= 0 (and symmetric), told D: c - 2d >= 0: the optimum puts
    1/2 on (C,C) and 1/4 on each of (C,D), (D,C): welfare 6 + 9/4 + 9/4 = 21/2, 21/4 each."""
    best = correlated_equilibrium(AUMANN, select="welfare-max")
    assert best.exact_distribution == (F(1, 2), F(1, 4), F(1, 4), F(0))
    assert best.exact_payoffs == (F(21, 4), F(21, 4))
    assert best.to_dict()["welfare"] == "21/2"
    assert best.certificate.exact and best.certificate.optimal_exact and best.certificate.gap == 0
    assert "optimal, exactly" in best.certificate.certifies
    # The welfare-min device: 2/5, 2/5 on the pure equilibria' profiles, 1/5 on (D,D): welfare 36/5.
    worst = correlated_equilibrium(AUMANN, select="welfare-min")
    assert worst.exact_distribution == (F(0), F(2, 5), F(2, 5), F(1, 5))
    assert worst.certificate.optimal_exact and worst.certificate.bound == pytest.approx(7.2)


def test_aumann_vertices_match_brute_force() -> None:
    """Five vertices: the two pure Nash equilibria, the mixed one (4/9, 2/9, 2/9, 1/9) and two devices."""
    found = {v.exact_distribution for v in correlated_vertices(AUMANN)}
    assert found == reference_vertices(AUMANN)
    assert (F(4, 9), F(2, 9), F(2, 9), F(1, 9)) in found and len(found) == 5


def test_max_entropy_on_aumann() -> None:
    """Max entropy: symmetric, inside the polytope, with entropy between the 1/3 device's log 3 and log 4."""
    result = correlated_equilibrium(AUMANN, select="max-entropy")
    p = result.distribution
    assert p[0, 1] == pytest.approx(p[1, 0], abs=1e-7) and p.min() > 0.1
    assert is_correlated_equilibrium(AUMANN, p, tol=1e-7)
    assert np.log(3) < result.objective < np.log(4)
    assert abs(result.certificate.gap) < 1e-6 and not result.certificate.exact
    # The device of 1/3 each has entropy log 3, below the optimum: the bound is no looser than the truth.
    assert result.certificate.bound >= np.log(3)


# ----------------------------------------------------------------------------- certificates
def test_the_dual_bound_is_valid_and_tight() -> None:
    """Weak duality: any multipliers >= 0 bound every CE's welfare; the solver's make the bound 21/2."""
    matrix = correlated_constraints(AUMANN, exact=True).matrix.tolist()
    welfare = [F(12), F(9), F(9), F(0)]
    loose = exact_dual_bound(matrix, welfare, np.zeros(4), np.zeros(4) + 1.0, 1e-9, 1e-9)
    assert loose == 12  # no multipliers: the best profile, (C,C), which is not a CE
    best = correlated_equilibrium(AUMANN)
    assert best.certificate.bound == 10.5
    for vertex in correlated_vertices(AUMANN):
        assert welfare_of(AUMANN, list(vertex.exact_distribution)) <= F(21, 2)


def test_float_payoffs_are_certified_in_floating_point() -> None:
    game = NormalFormGame.from_arrays([[np.pi, 0.0], [np.e, 1.0]], [[1.0, np.sqrt(2)], [0.0, 2.5]])
    result = correlated_equilibrium(game)
    cert = result.certificate
    assert not cert.exact and "floating point" in cert.certifies
    assert cert.primal_violation <= cert.tolerance and cert.dual_violation <= cert.tolerance
    assert abs(cert.gap) <= cert.tolerance
    assert is_correlated_equilibrium(game, result.distribution, tol=1e-9)


# ----------------------------------------------------------------------------- properties
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_games)
def test_every_nash_equilibrium_is_a_correlated_equilibrium(case: tuple[int, int, int, int]) -> None:
    """Gambit's exact Nash equilibria are CE (exactly) and their welfare lies between the LP's extremes."""
    m, n, seed, high = case
    game = random_game((m, n), seed, high)
    best = correlated_equilibrium(game, "welfare-max")
    worst = correlated_equilibrium(game, "welfare-min")
    assert best.certificate.optimal_exact and worst.certificate.optimal_exact
    assert is_ce_reference(game, list(best.exact_distribution))
    assert is_ce_reference(game, list(worst.exact_distribution))
    high_w, low_w = sum(best.exact_payoffs), sum(worst.exact_payoffs)
    nash = gambit_nash(game)
    assert nash
    for profile in nash:
        p = product_distribution(profile, game)
        assert is_ce_reference(game, p)
        assert is_correlated_equilibrium(game, np.array(p, dtype=object).reshape(m, n), exact=True)
        assert low_w <= welfare_of(game, p) <= high_w


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([2, 4]))
def test_vertices_match_brute_force_on_2x2(seed: int, high: int) -> None:
    game = random_game((2, 2), seed, high)
    vertices = correlated_vertices(game)
    assert {v.exact_distribution for v in vertices} == reference_vertices(game)
    welfare = [welfare_of(game, list(v.exact_distribution)) for v in vertices]
    assert max(welfare) == sum(correlated_equilibrium(game).exact_payoffs)
    assert min(welfare) == sum(correlated_equilibrium(game, "welfare-min").exact_payoffs)


def rank(rows: list[list[Fraction]]) -> int:
    """The rank of a matrix of Fractions, by Gaussian elimination."""
    a = [list(r) for r in rows]
    found = 0
    for col in range(len(a[0]) if a else 0):
        pivot = next((r for r in range(found, len(a)) if a[r][col] != 0), None)
        if pivot is None:
            continue
        a[found], a[pivot] = a[pivot], a[found]
        for r in range(found + 1, len(a)):
            if a[r][col] != 0:
                f = a[r][col] / a[found][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[found], strict=True)]
        found += 1
    return found


@pytest.mark.parametrize(("shape", "seed", "high"), [((2, 2, 2), 2, 10), ((2, 2, 2), 11, 3), ((3, 3), 4, 3)])
def test_every_vertex_is_extreme(shape: tuple[int, ...], seed: int, high: int) -> None:
    """Each vertex is a CE whose tight constraints (p_s = 0 and incentive rows at 0) have rank N - 1, so with
    sum p = 1 it is the only point there: extreme. (Completeness is checked by brute force under -m slow.)"""
    game = random_game(shape, seed, high)
    n = game.num_profiles
    inequalities = [[F(int(s == t)) for t in range(n)] for s in range(n)] + reference_rows(game)
    vertices = correlated_vertices(game)
    assert len({v.exact_distribution for v in vertices}) == len(vertices) > 0
    for vertex in vertices:
        p = list(vertex.exact_distribution)
        assert is_ce_reference(game, p)
        tight = [row for row in inequalities if sum((g * q for g, q in zip(row, p, strict=True)), F(0)) == 0]
        assert rank([*tight, [F(1)] * n]) == n
    welfare = [welfare_of(game, list(v.exact_distribution)) for v in vertices]
    assert max(welfare) == sum(correlated_equilibrium(game).exact_payoffs)
    assert min(welfare) == sum(correlated_equilibrium(game, "welfare-min").exact_payoffs)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(12))
def test_vertices_match_brute_force_larger(seed: int) -> None:
    shape = [(2, 3), (3, 2), (2, 2, 2)][seed % 3]
    game = random_game(shape, seed, 3 if seed % 2 else 10)
    assert {v.exact_distribution for v in correlated_vertices(game)} == reference_vertices(game)


# ----------------------------------------------------------------------------- three players
def test_three_players_with_an_indifferent_third_party() -> None:
    """Chicken plus a party (first on the axes) whose payoff is always 0: welfare-max is still 21/2."""
    a, b = np.array([[6, 2], [7, 0]]), np.array([[6, 7], [2, 0]])
    payoffs = np.stack([np.zeros((2, 2, 2), dtype=int), np.stack([a, a]), np.stack([b, b])])
    game = NormalFormGame(payoffs, players=("observer", "row", "column"))
    best = correlated_equilibrium(game)
    assert sum(best.exact_payoffs) == F(21, 2) and best.certificate.optimal_exact
    assert is_ce_reference(game, list(best.exact_distribution))
    marginal = np.asarray(best.distribution).sum(axis=0)
    assert marginal.tolist() == [[0.5, 0.25], [0.25, 0.0]]


def test_three_player_nash_equilibria_are_correlated_equilibria() -> None:
    """McKelvey and McLennan's 2x2x2 game (9 Nash equilibria): each product is a CE; LP brackets them."""
    from bargaining.io.games import read_game

    game = read_game(str(GAMES / "mckelvey_mclennan_2x2x2.nfg"))
    found = equilibria(game)
    assert len(found) == 9
    best, worst = correlated_equilibrium(game), correlated_equilibrium(game, "welfare-min")
    assert best.certificate.optimal_exact and worst.certificate.optimal_exact
    for eq in found:
        assert eq.is_nash(game)
        p = np.einsum("i,j,k->ijk", *eq.probabilities)
        assert is_correlated_equilibrium(game, p, tol=1e-9)
        assert worst.welfare - 1e-9 <= float(np.sum(p * game.payoff_array.sum(axis=0))) <= best.welfare + 1e-9
    vertices = correlated_vertices(game)
    assert max(v.welfare for v in vertices) == best.welfare
    entropy = correlated_equilibrium(game, "max-entropy")
    assert is_correlated_equilibrium(game, entropy.distribution, tol=1e-7)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 2**32 - 1), st.sampled_from([3, 10]))
def test_three_player_nash_equilibria_lie_in_the_set(seed: int, high: int) -> None:
    """Random 2x2x2 games: each Nash equilibrium the package finds passes the best-response check, and its
    product distribution is a CE (exactly when the equilibrium is rational) inside the LP's welfare range."""
    game = random_game((2, 2, 2), seed, high)
    best, worst = correlated_equilibrium(game), correlated_equilibrium(game, "welfare-min")
    high_w, low_w = sum(best.exact_payoffs), sum(worst.exact_payoffs)
    found = equilibria(game, exact=True)
    assert len(found) > 0
    for eq in found:
        assert eq.is_nash(game)
        if eq.exact_probabilities is not None:
            p = product_distribution(eq.exact_probabilities, game)
            assert is_ce_reference(game, p) and low_w <= welfare_of(game, p) <= high_w
        else:
            floats = np.einsum("i,j,k->ijk", *eq.probabilities)
            assert is_correlated_equilibrium(game, floats, tol=1e-9)
            assert (
                float(low_w) - 1e-9 <= float(np.sum(floats * game.payoff_array.sum(axis=0))) <= high_w + 1e-9
            )


def test_a_3x3x3_game_is_certified_by_the_lp() -> None:
    from bargaining.io.games import read_game

    game = read_game(str(GAMES / "gambit_3x3x3.nfg"))
    best = correlated_equilibrium(game)
    assert best.certificate.optimal_exact
    assert is_ce_reference(game, list(best.exact_distribution))


# ----------------------------------------------------------------------------- display and bad input
def test_display_reads_as_a_mediators_device() -> None:
    best = correlated_equilibrium(AUMANN)
    assert "tells each party only its own recommended action" in MEDIATOR
    for text in (best.to_table(), str(best), best._repr_markdown_(), str(correlated_vertices(AUMANN))):
        assert MEDIATOR in text
    assert "row is told: C 3/4, D 1/4" in best.to_table()
    # Told C (prob 3/4), row infers column was told C with (1/2) / (3/4) = 2/3; told D, that column plays C.
    assert best.beliefs(0) == {"C": {"C": "2/3", "D": "1/3"}, "D": {"C": 1}}
    assert "row, told C, expects column: C 2/3, D 1/3" in best.to_table()
    data = json.loads(json.dumps(best.to_dict(), allow_nan=False))
    assert data["reading"] == MEDIATOR and data["recommendations"]["row"] == {"C": "3/4", "D": "1/4"}


def test_bad_input_raises_clear_errors() -> None:
    with pytest.raises(
        InvalidGameError, match="unknown correlated-equilibrium selection 'best'.*welfare-max"
    ):
        correlated_equilibrium(AUMANN, select="best")
    with pytest.raises(InvalidGameError, match="correlated_vertices"):
        correlated_equilibrium(AUMANN, select="vertices")
    with pytest.raises(InvalidGameError, match="NormalFormGame"):
        correlated_equilibrium([[1, 2], [3, 4]])  # type: ignore[arg-type]
    big = random_game((3, 3, 2), 0, 5)
    with pytest.raises(
        InvalidGameError, match=r"at most 16 pure profiles; this game has 18.*welfare-max.*lrs"
    ):
        correlated_vertices(big)
    with pytest.raises(InvalidGameError, match="shape"):
        is_correlated_equilibrium(AUMANN, [0.5, 0.5])


# ----------------------------------------------------------------------------- command line
@pytest.fixture
def aumann_file(tmp_path: pytest.TempPathFactory) -> str:
    from bargaining.io.games import write_game

    path = tmp_path / "aumann.json"  # type: ignore[operator]
    write_game(AUMANN, path)
    return str(path)


def test_cli_json_and_csv(aumann_file: str) -> None:
    code, out, _ = run("correlated", aumann_file, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["welfare"] == "21/2" and data["certificate"]["optimal_exact"]
    code, out, _ = run("correlated", aumann_file, "--select", "vertices", "--format", "csv")
    assert code == 0
    assert out.splitlines()[0].startswith("vertex,selection,row,column,probability,probability_exact")
    assert "4/9" in out
    code, out, _ = run("correlated", aumann_file, "--select", "welfare-min")
    assert code == 0 and "2/5" in out and MEDIATOR in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--select", "best"], "Invalid value for '--select'"),
        (["--select", "vertices"], "at most 16 pure profiles"),
    ],
)
def test_cli_bad_input_exits_2(args: list[str], words: str) -> None:
    code, out, err = run("correlated", str(GAMES / "gambit_3x3x3.nfg"), *args)
    assert code == 2
    assert words in err and "Traceback" not in err + out


def test_when_the_exact_recomputation_fails_the_certificate_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without an exact vertex, the float p is re-checked exactly at its binary value, not called exact."""
    from bargaining.equilibrium import correlated
    from bargaining.equilibrium.correlated_exact import exact_primal

    matrix = correlated_constraints(AUMANN, exact=True).matrix.tolist()
    quarter = np.full(4, 0.25)
    slacks = np.array([float(v) for v in reference_slacks(AUMANN, [F(1, 4)] * 4)])
    assert exact_primal(matrix, quarter, slacks, 1e-9, 1e-9) is None  # not a vertex: no unique solution
    monkeypatch.setattr(correlated, "exact_primal", lambda *args: None)
    result = correlated_equilibrium(AUMANN)
    cert = result.certificate
    assert not cert.exact and not cert.optimal_exact and result.exact_distribution is None
    assert "exact recomputation failed" in cert.certifies and cert.primal_violation <= cert.tolerance
    assert result.welfare == pytest.approx(10.5, abs=1e-9)


def test_docs_ceasefire_example() -> None:
    """docs/equilibria.md section 8: the printed table, and the Nash welfare it compares with (9 and 28/3)."""
    game = NormalFormGame.from_arrays(
        [[6, 2], [7, 0]],
        [[6, 7], [2, 0]],
        players=("north", "south"),
        strategies=(("hold", "advance"), ("hold", "advance")),
        title="Ceasefire line (Aumann's chicken)",
    )
    text = (GAMES.parent / "docs" / "equilibria.md").read_text()
    printed = str(correlated_equilibrium(game, select="welfare-max"))
    assert "```\n" + printed + "\n```" in text
    nash = {welfare_of(game, product_distribution(eq, game)) for eq in gambit_nash(game)}
    assert nash == {F(9), F(28, 3)}
    assert F(21, 4) - F(14, 3) == F(7, 12)


def test_max_entropy_distance_bound_holds() -> None:
    """Row has one strategy, column two it is indifferent between: the max-entropy device is (1/2, 1/2), and
    the distribution is within the certificate's Pinsker bound sqrt(2 gap) of it in the L1 norm."""
    game = NormalFormGame.from_arrays([[1, 3]], [[2, 2]])
    result = correlated_equilibrium(game, "max-entropy")
    cert = result.certificate
    distance = float(np.abs(result.distribution - 0.5).sum())
    stated = float(cert.certifies.split("sqrt(2 gap) = ")[1].split(" ")[0])
    assert 1e-9 < distance <= stated  # Pinsker is tight at the uniform distribution: 2 significant figures
    assert stated < 1.01 * np.sqrt(2 * cert.gap) + 1e-7
    assert result.objective == pytest.approx(np.log(2), abs=1e-9)


def test_shipped_ceasefire_game() -> None:
    """games/ceasefire_chicken.json is Aumann's chicken: its description's numbers, from the command line."""
    from bargaining.io.games import read_game

    path = str(GAMES / "ceasefire_chicken.json")
    game = read_game(path)
    assert np.array_equal(game.payoff_array, AUMANN.payoff_array)
    code, out, _ = run("correlated", path)
    assert code == 0 and "north is told: hold 3/4, advance 1/4" in out and "welfare 21/2" in out
    code, out, _ = run("correlated", path, "--select", "vertices", "--format", "json")
    assert code == 0 and json.loads(out)["count"] == 5
    nash = {tuple(tuple(sigma) for sigma in eq) for eq in gambit_nash(game)}
    assert ((F(2, 3), F(1, 3)), (F(2, 3), F(1, 3))) in nash and len(nash) == 3
