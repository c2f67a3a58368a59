"""One bounded, thread-safe cache of compiled problem structures.

Both the cvxpy compilations (:mod:`bargaining.solutions.feasible`) and the
Newton structures (:mod:`bargaining.solutions.smooth`) are built once per
problem structure (:meth:`BargainingProblem.structure_key`) and reused by every
later problem of that structure. They share :data:`STRUCTURES`, a
least-recently-used cache of at most :attr:`StructureCache.size` entries,
guarded by a lock so that the sensitivity runner's thread pools can use it.

A cvxpy compilation holds parameter values between setting them and solving,
so it must not be used by two threads at once: its key includes the thread
(:func:`threading.get_ident`). Newton structures are read-only once built and
are shared by every thread.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

__all__ = ["STRUCTURES", "StructureCache"]

T = TypeVar("T")


class StructureCache:
    """A least-recently-used cache with a lock.

    Parameters
    ----------
    size
        The most entries kept; the least recently used is dropped first.

    Examples
    --------
    >>> cache = StructureCache(size=2)
    >>> cache.get(("a",), lambda: 1), cache.get(("b",), lambda: 2), cache.get(("c",), lambda: 3)
    (1, 2, 3)
    >>> len(cache), ("a",) in cache
    (2, False)
    """

    def __init__(self, size: int = 32) -> None:
        if size < 1:
            raise ValueError(f"a cache needs room for at least one entry, got size={size}")
        self.size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.RLock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The entry of ``key``, built by ``build()`` the first time (under the lock)."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                value: T = self._entries[key]
                return value
            value = build()
            self._entries[key] = value
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
            return value

    def peek(self, key: Hashable) -> Any:
        """The entry of ``key`` (``None`` if absent), without counting it as a use."""
        with self._lock:
            return self._entries.get(key)

    def clear(self) -> None:
        """Drop every entry."""
        with self._lock:
            self._entries.clear()

    @property
    def lock(self) -> threading.RLock:
        """The lock, for callers that update an entry in place."""
        return self._lock

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._entries

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)


#: The structures of every solver: cvxpy compilations and Newton structures.
STRUCTURES = StructureCache(size=32)
