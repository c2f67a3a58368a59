"""``python -m bargaining ...`` is ``bargain ...``."""

from bargaining.cli import main

main()
