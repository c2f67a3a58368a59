"""The ``bargain`` commands, one module per family (see :mod:`bargaining.cli`)."""
