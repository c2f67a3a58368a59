"""Quick start: the Kursk scenario from Python.

Load the scenario, solve it with every bargaining solution, and ask what
holding Kursk is worth: the Nash agreement with the spec's holding against
none, and across holding costs.

Run:  python examples/kursk_quickstart.py
"""

from __future__ import annotations

from pathlib import Path

import bargaining as bg
from bargaining.solutions.concepts import solve_all
from bargaining.table import format_number

SPEC = Path(__file__).resolve().parents[1] / "games" / "kursk.json"


def main() -> None:
    problem = bg.load(SPEC)
    print(solve_all(problem).to_table())

    # The value of the chip: the Nash agreement with the holding, and without it.
    held = bg.nash_bargaining_solution(problem)
    none = bg.nash_bargaining_solution(problem.with_parameters(kursk_held=0))
    print("\nNash agreement with and without the Kursk holding:")
    for issue in problem.issue_names:
        with_chip, without_chip = (format_number(s.agreement[issue]) for s in (held, none))
        print(f"  {issue:20s} {with_chip:>20}  {without_chip:>20}")
    gain = held.utility("ukraine") - none.utility("ukraine")
    print(f"  Ukraine's utility changes by {gain:+.3f} thanks to the holding")

    # At what holding cost does holding Kursk stop paying for Ukraine?
    print("\nholding_cost  u(ukraine), holding  u(ukraine), none")
    for cost in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5):
        with_chip = bg.nash_bargaining_solution(problem.with_parameters(holding_cost=cost))
        without = bg.nash_bargaining_solution(problem.with_parameters(holding_cost=cost, kursk_held=0))
        print(f"{cost:12.2f}  {with_chip.utility('ukraine'):19.3f}  {without.utility('ukraine'):16.3f}")


if __name__ == "__main__":
    main()
