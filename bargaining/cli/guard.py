"""The guard around every ``bargain`` run: each failure is one line on stderr, never a traceback.

===========================================  =====================================  =========
what went wrong                              what the user sees                     exit
===========================================  =====================================  =========
a bad option or argument (click)             ``Error: <what> (see 'bargain X -h')``  2
a :class:`~bargaining.errors.BargainingError`  ``Error: <field>: <what, how to fix>``  2
a file or stream (``OSError``: a full disk)  ``Error: cannot write ...: <why>``      2
a closed pipe (``bargain ... | head``)       nothing                                1
out of memory, recursion, arithmetic         ``Error: <which limit>; <what to do>``  2
Ctrl-C                                       ``Error: interrupted``                  130
anything else: a bug in :mod:`bargaining`    ``Error: internal error ...``           1
===========================================  =====================================  =========

With ``bargain --debug ...`` a bug shows its Python traceback instead, to report it.
"""

from __future__ import annotations

import errno
import sys
from collections.abc import Callable

import click

__all__ = ["debug_requested", "one_line", "run_guarded"]

#: exit status of every error the user can fix (bad input, options, files, limits)
INPUT_ERROR = 2
#: exit status of a bug in bargaining
BUG = 1
#: exit status after a closed pipe (``bargain ... | head``), as click gives it
BROKEN_PIPE = 1
#: exit status after Ctrl-C (128 + SIGINT)
INTERRUPTED = 130


def debug_requested(argv: list[str]) -> bool:
    """Whether ``--debug`` comes before the command name in ``argv``."""
    for token in argv:
        if token == "--debug":
            return True
        if not token.startswith("-"):
            return False
    return False


def one_line(text: str) -> str:
    """``text`` with its lines joined by ``"; "`` and runs of spaces collapsed."""
    lines = [" ".join(line.split()) for line in str(text).splitlines()]
    return "; ".join(line for line in lines if line)


def run_guarded(action: Callable[[], object], debug: bool = False) -> int:
    """Run ``action`` (a command line's work) and return its exit status, each failure one line.

    ``action`` returns an exit status or ``None`` (success). stdout is flushed
    inside the guard, so that a full disk is reported here and not as an
    "Exception ignored" at interpreter exit.
    """
    try:
        status = action()
        sys.stdout.flush()
    except click.exceptions.NoArgsIsHelpError as exc:  # plain ``bargain``: the help
        exc.show()
        return exc.exit_code
    except click.UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "bargain"
        return _report(f"{one_line(exc.format_message()).rstrip('.')} (see '{where} --help')")
    except click.ClickException as exc:
        return _report(one_line(exc.format_message()), exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt, EOFError):
        return _report("interrupted", INTERRUPTED)
    except Exception as exc:  # noqa: BLE001 - the guard: every other failure is worded below
        return _failure(exc, debug)
    return status if isinstance(status, int) else 0


def _failure(exc: Exception, debug: bool) -> int:
    """The one line (and status) of an exception that is not click's."""
    from bargaining.errors import BargainingError

    if isinstance(exc, BargainingError):
        return _report(one_line(str(exc)))
    if isinstance(exc, OSError):
        return _os_error(exc)
    if isinstance(exc, MemoryError):
        return _report(
            "out of memory: the problem is too large for this machine; make it smaller "
            "(fewer points or draws, a coarser grid, fewer strategies)"
        )
    if isinstance(exc, RecursionError):
        return _report(
            "the input nests too deeply to process (Python's recursion limit); "
            "simplify the nested formula, tree or option that built it"
        )
    if isinstance(exc, OverflowError):
        return _report(f"a number is too large ({exc}); use values of a smaller magnitude")
    if isinstance(exc, ArithmeticError) and not debug:  # a division by zero, an exponent out of range
        return _report(
            f"a number went out of range ({type(exc).__name__}: {one_line(str(exc))}); check the spec "
            "and options for huge exponents or magnitudes (rerun with 'bargain --debug ...' if they are fine)"
        )
    if isinstance(exc, ValueError) and "integer string conversion" in str(exc):
        return _report(f"a number has too many digits ({exc}); use at most 4300 digits")
    if debug:
        raise exc
    return _report(
        f"internal error, a bug in bargaining ({type(exc).__name__}: {one_line(str(exc))}); "
        "please report it to the bargaining developers with the command you ran, "
        "and rerun it with 'bargain --debug ...' to see the traceback",
        BUG,
    )


def _os_error(exc: OSError) -> int:
    """A broken pipe ends quietly; any other ``OSError`` is one line."""
    from bargaining.io.files import discard_standard_output

    if exc.errno == errno.EPIPE:
        discard_standard_output()
        return BROKEN_PIPE
    if exc.errno == errno.ENOSPC:
        discard_standard_output()
        return _report("cannot write the output: no space left on the device; free space or write elsewhere")
    where = f" {exc.filename}" if exc.filename else ""
    return _report(f"cannot use{where}: {exc.strerror or exc}")


def _report(message: str, status: int = INPUT_ERROR) -> int:
    """Print ``Error: message`` on stderr; return ``status``."""
    click.echo(f"Error: {message}", err=True)
    return status
