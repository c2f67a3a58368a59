"""``python -m bargaining.cli ...`` is ``bargain ...``."""

from bargaining.cli import main

main()
