"""A wall-clock budget per record: a parse that runs too long is stopped, that record only.

Goes in: a number of seconds and a block of parsing code. Comes out: :class:`BudgetExceeded`
raised inside the block once the budget is spent. Guarantees:

* works in any thread (Beam runs bundles in worker threads, where ``signal.setitimer`` cannot
  be used): a watchdog thread raises the exception asynchronously in the parsing thread
  (``PyThreadState_SetAsyncExc``);
* the exception derives from ``BaseException``, so a parser's own ``except Exception`` cannot
  swallow it and go on;
* it is raised only inside the guarded block: a budget that ran out just as the block finished
  is either raised at the block's end or cleared -- never delivered later, in unrelated code.

Limits: Python delivers the exception between bytecodes, so a single long call into C (one huge
regular expression match) is stopped only when it returns. The input caps of
:mod:`.limits` keep every such call short; this budget stops what is left (pure-Python loops
that grow faster than their input).
"""
from __future__ import annotations

import contextlib
import ctypes
import itertools
import threading
from typing import Iterator

__all__ = ['BudgetExceeded', 'Watchdog']


class BudgetExceeded(BaseException):
    """A guarded block ran past its time budget."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None)


class Watchdog:
    """One watchdog thread for many guarded blocks (cheap to enter: a lock and a dict entry).

    ``with watchdog.guard(seconds): parse(...)`` raises :class:`BudgetExceeded` in the block
    when it runs longer than ``seconds``. Start it once (``DoFn.setup``), ``close()`` it at the
    end (``DoFn.teardown``). ``clock`` is injectable for tests.
    """

    def __init__(self, resolution: float = 0.05, clock=None):
        import time
        self._clock = clock or time.monotonic
        self._resolution = resolution
        self._lock = threading.Lock()
        self._active: dict[int, tuple[int, float]] = {}   # ticket -> (thread id, deadline)
        self._fired: set[int] = set()
        self._tickets = itertools.count()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name='newsbeam-parse-watchdog',
                                        daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(self._resolution):
            now = self._clock()
            with self._lock:
                for ticket, (thread_id, deadline) in list(self._active.items()):
                    if now >= deadline and ticket not in self._fired:
                        self._fired.add(ticket)
                        _raise_in(thread_id, BudgetExceeded)

    @contextlib.contextmanager
    def guard(self, seconds: float) -> Iterator[None]:
        ticket = next(self._tickets)
        with self._lock:
            self._active[ticket] = (threading.get_ident(), self._clock() + seconds)
        try:
            yield
        finally:
            fired = False
            while True:   # the exception may arrive during this clean-up: it is done again
                try:
                    with self._lock:
                        self._active.pop(ticket, None)
                        if ticket in self._fired:
                            fired = True
                            self._fired.discard(ticket)
                            # not delivered yet: clear it, it is raised below instead
                            _raise_in(threading.get_ident(), None)
                    break
                except BudgetExceeded:
                    fired = True
            if fired:
                raise BudgetExceeded(f'over the {seconds:g} s budget')

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=1)
