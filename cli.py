"""Shim: ``python cli.py ...`` is the same as ``bargain ...``."""

from bargaining.cli import main

if __name__ == "__main__":
    main()
