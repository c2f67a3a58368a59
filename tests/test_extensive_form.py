"""Game trees: validation with JSON paths, backward induction (every SPE), the reduced normal form.

Known answers, with their sources:

* the entry game (Osborne 2004, chapter 5): the unique subgame-perfect
  equilibrium is (in, acquiesce); (out, fight) is a Nash equilibrium that is
  not subgame perfect;
* the ultimatum game with discrete amounts (Osborne 2004, chapter 6):
  exactly two subgame-perfect equilibria, one where the proposer offers 0 and
  the responder accepts every offer, one where it offers the smallest unit and
  the responder rejects 0;
* Rosenthal's (1981) centipede game: the unique SPE stops at every node;
* Selten's (1975) horse: (C, c, R) and (D, c, L) are Nash equilibria.
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from strategies import ROOT

from bargaining.cli import cli
from bargaining.equilibrium.backward_induction import (
    behaviour_strategies,
    extensive_equilibria,
    solve_tree,
    subgame_perfect_equilibria,
)
from bargaining.errors import InvalidGameError, SpecError
from bargaining.games.extensive_form import ChanceNode, DecisionNode, ExtensiveFormGame, TerminalNode
from bargaining.games.reduced import reduced_normal_form
from bargaining.io import load, read_spec, to_spec
from bargaining.io.extensive_form import from_dict

TREES = sorted(
    p for p in (ROOT / "games").glob("*.json") if json.loads(p.read_text()).get("kind") == "extensive_form"
)


def entry_spec() -> dict[str, Any]:
    return json.loads((ROOT / "games" / "entry_deterrence_tree.json").read_text())


def ultimatum(units: int) -> ExtensiveFormGame:
    """The ultimatum game over ``units`` indivisible units (Osborne 2004, chapter 6)."""
    nodes: dict[str, Any] = {
        "offer": DecisionNode(
            "proposer",
            tuple(f"give_{x}" for x in range(units + 1)),
            tuple(f"respond_{x}" for x in range(units + 1)),
        )
    }
    for x in range(units + 1):
        nodes[f"respond_{x}"] = DecisionNode("responder", ("accept", "reject"), (f"deal_{x}", f"no_deal_{x}"))
        nodes[f"deal_{x}"] = TerminalNode((units - x, x))
        nodes[f"no_deal_{x}"] = TerminalNode((0, 0))
    return ExtensiveFormGame(("proposer", "responder"), nodes, "offer", "Ultimatum game")


def centipede() -> ExtensiveFormGame:
    """Rosenthal's (1981) centipede, four moves: stopping early is the unique SPE."""
    return ExtensiveFormGame(
        ("first", "second"),
        {
            "a": DecisionNode("first", ("stop", "go"), ("z1", "b")),
            "b": DecisionNode("second", ("stop", "go"), ("z2", "c")),
            "c": DecisionNode("first", ("stop", "go"), ("z3", "d")),
            "d": DecisionNode("second", ("stop", "go"), ("z4", "z5")),
            "z1": TerminalNode((1, 0)),
            "z2": TerminalNode((0, 2)),
            "z3": TerminalNode((3, 1)),
            "z4": TerminalNode((2, 4)),
            "z5": TerminalNode((5, 3)),
        },
        "a",
    )


# --------------------------------------------------------------------------- known answers
class TestBackwardInduction:
    def test_entry_game_has_one_spe_in_acquiesce(self) -> None:
        result = subgame_perfect_equilibria(load(ROOT / "games" / "entry_deterrence_tree.json"))
        assert len(result) == 1
        eq = result[0]
        assert dict(eq.choices) == {"challenge": "in", "respond": "acquiesce"}
        assert eq.payoffs == (2, 1)
        assert dict(eq.outcome) == {"shared_market": 1}

    @pytest.mark.parametrize("units", [2, 3, 5])
    def test_ultimatum_ties_give_exactly_two_spe(self, units: int) -> None:
        result = subgame_perfect_equilibria(ultimatum(units))
        found = {(eq.choices["offer"], eq.choices["respond_0"]) for eq in result}
        assert found == {("give_0", "accept"), ("give_1", "reject")}
        for eq in result:  # every positive offer is accepted in every SPE
            assert all(eq.choices[f"respond_{x}"] == "accept" for x in range(1, units + 1))
        payoffs = sorted(eq.payoffs for eq in result)
        assert payoffs == [(units - 1, 1), (units, 0)]

    def test_ultimatum_with_one_unit_has_a_third_spe(self) -> None:
        # with one unit, after "reject 0" the proposer is indifferent between offering 0 and 1
        found = {
            (eq.choices["offer"], eq.choices["respond_0"]) for eq in subgame_perfect_equilibria(ultimatum(1))
        }
        assert found == {("give_0", "accept"), ("give_0", "reject"), ("give_1", "reject")}

    def test_tie_below_a_tie_multiplies_equilibria(self) -> None:
        # the responder is indifferent at both offers; the proposer then too when both are accepted
        game = ExtensiveFormGame(
            ("p", "r"),
            {
                "o": DecisionNode("p", ("x", "y"), ("rx", "ry")),
                "rx": DecisionNode("r", ("yes", "no"), ("x_yes", "x_no")),
                "ry": DecisionNode("r", ("yes", "no"), ("y_yes", "y_no")),
                "x_yes": TerminalNode((1, 0)),
                "x_no": TerminalNode((0, 0)),
                "y_yes": TerminalNode((1, 0)),
                "y_no": TerminalNode((0, 0)),
            },
            "o",
        )
        found = {
            (eq.choices["o"], eq.choices["rx"], eq.choices["ry"]) for eq in subgame_perfect_equilibria(game)
        }
        # brute force: every pure profile where each node's choice is optimal given the others below it
        assert found == {
            ("x", "yes", "yes"),
            ("y", "yes", "yes"),
            ("x", "yes", "no"),
            ("y", "no", "yes"),
            ("x", "no", "no"),
            ("y", "no", "no"),
        }

    def test_centipede_stops_at_once(self) -> None:
        (eq,) = subgame_perfect_equilibria(centipede())
        assert set(eq.choices.values()) == {"stop"}
        assert eq.payoffs == (1, 0)

    def test_chance_by_exact_expectation_and_ties(self) -> None:
        # a gamble paying 3 with probability 1/3 is worth exactly the safe 1: two SPE
        game = ExtensiveFormGame(
            ("investor",),
            {
                "choose": DecisionNode("investor", ("safe", "gamble"), ("sure", "lottery")),
                "sure": TerminalNode((1,)),
                "lottery": ChanceNode(("win", "lose"), ("won", "lost"), ("1/3", "2/3")),
                "won": TerminalNode((3,)),
                "lost": TerminalNode((0,)),
            },
            "choose",
        )
        result = subgame_perfect_equilibria(game)
        assert [eq.choices["choose"] for eq in result] == ["safe", "gamble"]
        assert all(eq.payoffs == (1,) for eq in result)
        assert dict(result[1].outcome) == {"won": Fraction(1, 3), "lost": Fraction(2, 3)}

    def test_kursk_tree_expected_values(self) -> None:
        game = load(ROOT / "games" / "kursk_tree.json")
        (eq,) = subgame_perfect_equilibria(game)
        assert dict(eq.choices) == {
            "hold_or_withdraw": "hold",
            "russian_response": "negotiate",
            "counter_attack_failed": "press",
            "talks": "press",
        }
        # Russia compares negotiating (6) with the battle: 0.6 * 5 + 0.4 * 5 = 5
        battle = subgame_perfect_equilibria(
            ExtensiveFormGame(game.players, {n: game.nodes[n] for n in game.subtree("battle")}, "battle")
        )
        assert battle[0].payoffs == (Fraction("2.6"), 5, Fraction("3.6"))

    def test_imperfect_information_is_refused(self) -> None:
        with pytest.raises(InvalidGameError, match="perfect information"):
            subgame_perfect_equilibria(load(ROOT / "games" / "selten_horse.json"))

    def test_limit(self) -> None:
        with pytest.raises(InvalidGameError, match="more than 1 subgame-perfect"):
            subgame_perfect_equilibria(ultimatum(2), limit=1)


class TestReducedNormalForm:
    def test_centipede_plans_are_reduced(self) -> None:
        reduced = reduced_normal_form(centipede())
        # four pure strategies per player, three plans: stopping first leaves the later node open
        assert reduced.game.strategies == (("stop/*", "go/stop", "go/go"), ("stop/*", "go/stop", "go/go"))
        assert reduced.game.payoff_array[:, 0, 2].tolist() == [1, 0]
        assert reduced.game.payoff_array[:, 2, 2].tolist() == [5, 3]
        assert dict(reduced.plans[0][0]) == {"a": "stop"}

    def test_selten_horse_payoffs(self) -> None:
        reduced = reduced_normal_form(load(ROOT / "games" / "selten_horse.json"))
        game = reduced.game
        assert game.strategies == (("C", "D"), ("c", "d"), ("L", "R"))
        table = {
            ("C", "c", "L"): (1, 1, 1),
            ("C", "d", "L"): (4, 4, 0),
            ("C", "d", "R"): (0, 0, 1),
            ("D", "c", "L"): (3, 3, 2),
            ("D", "d", "R"): (0, 0, 0),
        }
        for names, payoffs in table.items():
            index = tuple(game.strategies[i].index(s) for i, s in enumerate(names))
            assert tuple(game.payoff_array[(slice(None), *index)]) == payoffs

    def test_chance_payoffs_are_exact_expectations(self) -> None:
        reduced = reduced_normal_form(load(ROOT / "games" / "kursk_tree.json"))
        exact = reduced.game.exact_payoff_array
        assert exact is not None
        hold = reduced.game.strategies[0].index("hold")
        attack = reduced.game.strategies[1].index("counter_attack")
        back_back = reduced.game.strategies[2].index("back/back")
        # 0.6 * 1 + 0.4 * 6 for Ukraine when the US backs Kyiv after a failed counter-attack
        assert exact[0, hold, attack, back_back] == Fraction(3)

    def test_every_spe_is_a_nash_equilibrium_of_the_reduced_form(self) -> None:
        from bargaining.equilibrium.results import Equilibrium

        for game in (ultimatum(3), centipede(), load(ROOT / "games" / "kursk_tree.json")):
            reduced = reduced_normal_form(game)
            for spe in subgame_perfect_equilibria(game):
                profile = []
                for i in range(game.num_players):
                    chosen = {h.name: spe.choices[h.nodes[0]] for h in game.infosets_of(i)}
                    matches = [
                        k
                        for k, plan in enumerate(reduced.plans[i])
                        if all(chosen[h] == a for h, a in plan.items())
                    ]
                    assert len(matches) == 1
                    profile.append([1.0 if k == matches[0] else 0.0 for k in range(len(reduced.plans[i]))])
                eq = Equilibrium.from_profile(reduced.game, profile)
                assert eq.is_nash(reduced.game)
                assert tuple(eq.payoffs) == tuple(float(v) for v in spe.payoffs)


class TestNashEquilibria:
    def test_entry_game_includes_the_incredible_threat(self) -> None:
        result = extensive_equilibria(load(ROOT / "games" / "entry_deterrence_tree.json"), exact=True)
        assert result.equilibria.all_nash()
        pure = {tuple(eq.support_names) for eq in result if eq.is_pure}
        assert pure == {(("in",), ("acquiesce",)), (("out",), ("fight",))}
        # the threat component ends where the incumbent fights with probability 1/2
        fights = sorted(eq.exact_probabilities[1][1] for eq in result if eq.support_names[0] == ("out",))
        assert fights == [Fraction(1, 2), 1]

    def test_selten_horse_equilibria_and_behaviour(self) -> None:
        result = extensive_equilibria(load(ROOT / "games" / "selten_horse.json"))
        assert result.equilibria.all_nash()
        assert result.behaviours is not None
        described = {
            tuple(
                tuple((h, None if p is None else tuple(float(x) for x in p)) for h, p in rows) for rows in b
            )
            for b in result.behaviours
        }
        assert ((("p1", (1.0, 0.0)),), (("p2", (1.0, 0.0)),), (("p3", (0.0, 1.0)),)) in described  # (C, c, R)
        assert ((("p1", (0.0, 1.0)),), (("p2", (1.0, 0.0)),), (("p3", (1.0, 0.0)),)) in described  # (D, c, L)

    def test_behaviour_is_undefined_where_own_moves_rule_the_infoset_out(self) -> None:
        result = extensive_equilibria(centipede(), exact=True)
        assert result.equilibria.all_nash()
        for eq, behaviour in zip(result, result.behaviours or (), strict=True):
            first = dict(behaviour[0])
            if eq.exact_probabilities is not None and eq.exact_probabilities[0][0] == 1:  # stops at once
                assert first["c"] is None
            assert first["a"] == (1, 0)  # every Nash equilibrium stops at the first node

    def test_mixed_behaviour_by_kuhns_formula(self) -> None:
        from bargaining.equilibrium.results import Equilibrium

        reduced = reduced_normal_form(centipede())
        # first: 1/2 stop, 1/4 go/stop, 1/4 go/go -> at c: stop with (1/4)/(1/2)
        eq = Equilibrium.from_profile(
            reduced.game, [], exact=[[Fraction(1, 2), Fraction(1, 4), Fraction(1, 4)], [1, 0, 0]]
        )
        first = dict(behaviour_strategies(reduced, eq)[0])
        assert first == {"a": (Fraction(1, 2), Fraction(1, 2)), "c": (Fraction(1, 2), Fraction(1, 2))}

    def test_imperfect_recall_gives_plans_only(self) -> None:
        # the absent-minded driver (Piccione & Rubinstein 1997): one information set on one path
        game = ExtensiveFormGame(
            ("driver",),
            {
                "x": DecisionNode("driver", ("exit", "continue"), ("a", "y"), infoset="junction"),
                "y": DecisionNode("driver", ("exit", "continue"), ("b", "c"), infoset="junction"),
                "a": TerminalNode((0,)),
                "b": TerminalNode((4,)),
                "c": TerminalNode((1,)),
            },
            "x",
        )
        assert not game.has_perfect_recall
        result = extensive_equilibria(game)
        assert result.behaviours is None
        assert "No perfect recall" in result.to_table()


# --------------------------------------------------------------------------- validation
def _error(spec: dict[str, Any]) -> SpecError:
    with pytest.raises(SpecError) as info:
        from_dict(spec)
    return info.value


class TestValidation:
    def test_cycle(self) -> None:
        spec = entry_spec()
        spec["nodes"]["respond"]["actions"]["fight"] = "challenge"
        error = _error(spec)
        assert error.path == "nodes.respond.actions.fight"
        assert "cycle" in error.message

    def test_missing_payoff(self) -> None:
        spec = entry_spec()
        del spec["nodes"]["price_war"]["payoffs"]["incumbent"]
        assert _error(spec).path == "nodes.price_war.payoffs.incumbent"

    def test_probabilities_not_summing_to_one(self) -> None:
        spec = json.loads((ROOT / "games" / "kursk_tree.json").read_text())
        spec["nodes"]["battle"]["probabilities"]["repulsed"] = 0.3
        error = _error(spec)
        assert error.path == "nodes.battle.probabilities"
        assert "sum to 9/10" in error.message

    def test_negative_probability(self) -> None:
        spec = json.loads((ROOT / "games" / "kursk_tree.json").read_text())
        spec["nodes"]["battle"]["probabilities"] = {"retaken": 1.5, "repulsed": -0.5}
        assert _error(spec).path == "nodes.battle.probabilities.retaken"

    def test_missing_probability(self) -> None:
        spec = json.loads((ROOT / "games" / "kursk_tree.json").read_text())
        del spec["nodes"]["battle"]["probabilities"]["repulsed"]
        assert _error(spec).path == "nodes.battle.probabilities.repulsed"

    def test_information_set_with_different_actions(self) -> None:
        spec = json.loads((ROOT / "games" / "selten_horse.json").read_text())
        # preorder reaches p3_right (after C, d) before p3_left (after D): the later node is named
        spec["nodes"]["p3_left"]["actions"] = {"R": "left_R", "L": "left_L"}
        error = _error(spec)
        assert error.path == "nodes.p3_left.actions"
        assert "information set 'p3'" in error.message

    def test_information_set_with_different_players(self) -> None:
        spec = json.loads((ROOT / "games" / "selten_horse.json").read_text())
        spec["nodes"]["p2"]["infoset"] = "p3"
        spec["nodes"]["p2"]["actions"] = {"L": "across", "R": "p3_right"}
        assert _error(spec).path in ("nodes.p2.player", "nodes.p3_left.player", "nodes.p3_right.player")

    def test_action_to_missing_node(self) -> None:
        spec = entry_spec()
        spec["nodes"]["respond"]["actions"]["fight"] = "nowhere"
        assert _error(spec).path == "nodes.respond.actions.fight"

    def test_node_with_two_parents(self) -> None:
        spec = entry_spec()
        spec["nodes"]["respond"]["actions"]["fight"] = "stay_out"
        del spec["nodes"]["price_war"]
        error = _error(spec)
        assert error.path == "nodes.challenge.actions.out"
        assert "one parent" in error.message

    def test_unreachable_node(self) -> None:
        spec = entry_spec()
        spec["nodes"]["orphan"] = {"payoffs": [0, 0]}
        assert _error(spec).path == "nodes.orphan"

    def test_unknown_player_root_and_kind(self) -> None:
        spec = entry_spec()
        spec["nodes"]["respond"]["player"] = "regulator"
        assert _error(spec).path == "nodes.respond.player"
        spec = entry_spec()
        spec["root"] = "begin"
        assert _error(spec).path == "root"
        spec = entry_spec()
        spec["nodes"]["respond"] = {"description": "nothing"}
        assert _error(spec).path == "nodes.respond"

    def test_typo_in_a_field(self) -> None:
        spec = entry_spec()
        spec["nodes"]["respond"]["infset"] = "x"
        error = _error(spec)
        assert error.path == "nodes.respond.infset"
        assert "infoset" in error.message

    def test_python_constructor_validates_too(self) -> None:
        with pytest.raises(SpecError, match="sum to"):
            ExtensiveFormGame(
                ("a",),
                {
                    "c": ChanceNode(("h", "t"), ("x", "y"), (0.5, 0.4)),
                    "x": TerminalNode((1,)),
                    "y": TerminalNode((0,)),
                },
                "c",
            )
        with pytest.raises(SpecError, match="payoffs"):
            ExtensiveFormGame(("a", "b"), {"z": TerminalNode((1,))}, "z")


# --------------------------------------------------------------------------- specs and CLI
@pytest.mark.parametrize("path", TREES, ids=[p.name for p in TREES])
def test_shipped_trees_round_trip_and_solve(path: Path) -> None:
    game = load(path)
    again = read_spec(json.loads(json.dumps(to_spec(game))))
    assert again == game
    assert hash(again) == hash(game)
    # all mixed equilibria of the 2x2x4 Kursk tree take seconds (test_shipped_games.py does that); pure here
    result = solve_tree(game, "all" if len(game.nodes) < 10 else "pure")
    assert result.nash is not None and result.nash.equilibria.all_nash()
    if len(game.nodes) < 10:
        assert (result.subgame_perfect is not None) == game.is_perfect_information
    json.dumps(result.to_dict(), allow_nan=False)
    assert result.to_table()


def test_round_trip_keeps_exact_numbers() -> None:
    spec = entry_spec()
    spec["nodes"]["price_war"]["payoffs"] = {"challenger": "1/3", "incumbent": -0.25}
    game = from_dict(copy.deepcopy(spec))
    written = to_spec(game)
    assert written["nodes"]["price_war"]["payoffs"] == {"challenger": "1/3", "incumbent": -0.25}
    assert from_dict(written) == game


def test_cli_solve_tree() -> None:
    runner = CliRunner()
    result = runner.invoke(
        cli, ["solve", str(ROOT / "games" / "entry_deterrence_tree.json"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["subgame_perfect"]["equilibria"][0]["strategies"]["incumbent"] == {"respond": "acquiesce"}
    assert data["nash"]["count"] == 3
    result = runner.invoke(cli, ["solve", str(ROOT / "games" / "entry_deterrence_tree.json"), "-s", "spe"])
    assert result.exit_code == 0 and "respond: acquiesce" in result.output


# --------------------------------------------------------------------------- random trees
def random_tree(seed: int, merge: bool = False) -> ExtensiveFormGame:
    """A random tree: two players alternating by depth, chance nodes, small integer payoffs (ties likely).

    With ``merge``, decision nodes at the same depth are grouped into information
    sets at random (each depth has one mover and one action list, so groups are valid).
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    widths = [int(rng.integers(2, 4)) for _ in range(4)]
    nodes: dict[str, Any] = {}
    by_depth: dict[int, list[str]] = {}

    def build(depth: int, node_id: str) -> None:
        if depth == 3 or (depth > 0 and rng.random() < 0.25):
            nodes[node_id] = TerminalNode(tuple(int(v) for v in rng.integers(0, 3, size=2)))
            return
        actions = tuple(f"a{k}" for k in range(widths[depth]))
        children = tuple(f"{node_id}.{k}" for k in range(widths[depth]))
        if depth > 0 and rng.random() < 0.2:
            weights = rng.integers(1, 4, size=len(actions))
            probabilities = tuple(Fraction(int(w), int(weights.sum())) for w in weights)
            nodes[node_id] = ChanceNode(actions, children, probabilities)
        else:
            nodes[node_id] = DecisionNode(("p0", "p1")[depth % 2], actions, children)
            by_depth.setdefault(depth, []).append(node_id)
        for child in children:
            build(depth + 1, child)

    build(0, "r")
    if merge:
        for ids in by_depth.values():
            for node_id in ids:
                group = int(rng.integers(0, 2))
                node = nodes[node_id]
                nodes[node_id] = DecisionNode(node.player, node.actions, node.children, f"{ids[0]}~{group}")
    return ExtensiveFormGame(("p0", "p1"), nodes, "r")


def brute_force_spe(game: ExtensiveFormGame) -> set[tuple[tuple[str, str], ...]]:
    """Every pure profile in which each decision node's choice is optimal given the choices below it."""
    import itertools

    deciders = [n for n, node in game.nodes.items() if isinstance(node, DecisionNode)]

    def value(node_id: str, choice: dict[str, str]) -> tuple[Fraction, ...]:
        node = game.nodes[node_id]
        if isinstance(node, TerminalNode):
            return node.payoffs
        if isinstance(node, ChanceNode):
            parts = [value(c, choice) for c in node.children]
            return tuple(
                sum((p * v[i] for p, v in zip(node.probabilities, parts, strict=True)), Fraction(0))
                for i in range(game.num_players)
            )
        return value(node.children[node.actions.index(choice[node_id])], choice)

    found = set()
    for actions in itertools.product(*(game.nodes[n].actions for n in deciders)):  # type: ignore[union-attr]
        choice = dict(zip(deciders, actions, strict=True))
        perfect = True
        for n in deciders:
            node = game.nodes[n]
            assert isinstance(node, DecisionNode)
            mover = game.players.index(node.player)
            best = max(value(c, choice)[mover] for c in node.children)
            if value(n, choice)[mover] != best:
                perfect = False
                break
        if perfect:
            found.add(tuple(sorted(choice.items())))
    return found


@pytest.mark.parametrize("seed", range(12))
def test_backward_induction_matches_brute_force(seed: int) -> None:
    game = random_tree(seed)
    deciders = sum(isinstance(n, DecisionNode) for n in game.nodes.values())
    if deciders > 9:
        pytest.skip("too many decision nodes for brute force")
    ours = {tuple(sorted(eq.choices.items())) for eq in subgame_perfect_equilibria(game)}
    assert ours == brute_force_spe(game)


@pytest.mark.parametrize("seed", range(6))
def test_random_imperfect_information_equilibria_are_nash(seed: int) -> None:
    game = random_tree(100 + seed, merge=True)
    result = extensive_equilibria(game)
    assert len(result) >= 1
    assert result.equilibria.all_nash()
    assert (result.behaviours is not None) == game.has_perfect_recall


def test_reduced_normal_form_to_dict_is_the_normal_form_spec() -> None:
    """games/ writes the reduced game as io writes it, so it reads back as the same game."""
    from bargaining.games.spec_data import SPEC_FORMAT, SPEC_VERSION
    from bargaining.io import FORMAT, VERSION

    assert (SPEC_FORMAT, SPEC_VERSION) == (FORMAT, VERSION)
    reduced = reduced_normal_form(centipede())
    data = reduced.to_dict()
    assert data["normal_form"] == to_spec(reduced.game)
    assert read_spec(data["normal_form"]) == reduced.game
