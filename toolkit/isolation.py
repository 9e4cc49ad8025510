"""Running a plugin's code so that nothing it does reaches beyond its own section.

* Its prints (``sys.stdout``/``sys.stderr``, and file descriptor 1 for C
  code) never reach the report's stream; they are kept (bounded) and passed
  on to stderr by the caller, escaped.
* Any exception, ``BaseException`` included, becomes the section's error,
  except the user's own Ctrl-C or SIGTERM, which :class:`Interrupted` carries
  through so the run stops cleanly.
* A time budget per call: an analyzer still running when it is spent gets
  :class:`BudgetExceeded` raised inside it (again every few milliseconds if
  it swallows it) and its section says which budget it overran. The budget
  uses SIGALRM in the main thread, so it interrupts Python code, sleeps and
  regular expressions; elsewhere (another thread, Windows) it is not enforced.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import signal
import sys
import threading
from typing import Any, Iterator

from .errors import Interrupted
from .limits import DEFAULT_TIME_BUDGET

# How much of a plugin's own printing is kept to show on stderr.
MAX_CAPTURED_CHARS = 4000


class BudgetExceeded(BaseException):
    """Raised inside an analyzer whose time budget is spent (BaseException, so ``except Exception`` cannot eat it)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"the time budget of {seconds:g} s per analyzer per document was spent (setting time_budget)")
        self.seconds = seconds


class _Bounded(io.TextIOBase):
    """A text sink that keeps the first ``limit`` characters written to it."""

    def __init__(self, limit: int = MAX_CAPTURED_CHARS) -> None:
        self.limit, self.parts, self.size, self.dropped = limit, [], 0, False

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        text = str(text)
        room = self.limit - self.size
        if room > 0:
            self.parts.append(text[:room])
            self.size += min(room, len(text))
        self.dropped |= len(text) > room
        return len(text)

    def getvalue(self) -> str:
        return "".join(self.parts) + (" …" if self.dropped else "")


@contextlib.contextmanager
def captured_output() -> Iterator[_Bounded]:
    """Everything written to stdout or stderr inside the block goes to the yielded sink, not the terminal."""
    sink = _Bounded()
    old = sys.stdout, sys.stderr
    shield = _shield_here()
    if shield is None:
        for stream in old:
            with contextlib.suppress(Exception):
                stream.flush()
        saved_fd = _divert_fd1()
    sys.stdout = sys.stderr = sink
    try:
        yield sink
    finally:
        sys.stdout, sys.stderr = old
        if shield is None:
            _restore_fd1(saved_fd)


def _divert_fd1() -> int | None:
    """Point file descriptor 1 at stderr (for output written below Python); return the saved descriptor."""
    try:
        saved = os.dup(1)
        os.dup2(2, 1)
        return saved
    except OSError:
        return None


def _restore_fd1(saved: int | None) -> None:
    if saved is None:
        return
    with contextlib.suppress(OSError):
        os.dup2(saved, 1)
    os.close(saved)


class _Shield:
    """The budget handler's state: the budget of the guarded block running, if it is timed."""

    def __init__(self) -> None:
        self.thread = threading.get_ident()
        self.budget: float | None = None

    def overrun(self, signum, frame) -> None:
        if self.budget is not None:
            signal.setitimer(signal.ITIMER_REAL, 0.05)  # again shortly, in case the analyzer catches it and carries on
            raise BudgetExceeded(self.budget)

    @contextlib.contextmanager
    def timing(self, budget: float | None) -> Iterator[None]:
        """The timer armed with ``budget`` for the block (if it is a budget), stopped after it."""
        if not _timed(budget):
            yield
            return
        self.budget = budget
        signal.setitimer(signal.ITIMER_REAL, budget)
        try:
            yield
        finally:
            while True:  # an alarm due this very moment must not leave the timer running
                try:
                    self.budget = None
                    signal.setitimer(signal.ITIMER_REAL, 0)
                    break
                except BudgetExceeded:
                    continue


_shield: _Shield | None = None


def _shield_here() -> _Shield | None:
    """The shield in force for the calling thread, if any."""
    shield = _shield
    return shield if shield is not None and shield.thread == threading.get_ident() else None


def _can_use_signals() -> bool:
    return threading.current_thread() is threading.main_thread() and hasattr(signal, "SIGALRM")


def _timed(budget: float | None) -> bool:
    return budget is not None and budget > 0 and math.isfinite(budget)


def _interrupt(signum, frame):
    raise Interrupted(signum)


# signal.signal and signal.getsignal wrap the C functions in conversions to and from enums that raise
# and catch an exception for every handler that is a function: ~10 µs a call, six calls a document.
# The C functions themselves (SIG_IGN and SIG_DFL come back as the ints the enums equal).
try:
    from _signal import getsignal as _get_handler, signal as _set_handler
except ImportError:  # an interpreter without CPython's _signal
    _get_handler, _set_handler = signal.getsignal, signal.signal


def _install(overrun) -> dict:
    """Point the user's Ctrl-C/SIGTERM at :class:`Interrupted` and SIGALRM at ``overrun``; return what was there.

    A signal that is ignored (a pool worker's Ctrl-C: its parent decides) or left at its default
    (a worker's SIGTERM: end at once) keeps that disposition.
    """
    previous = {
        s: _set_handler(s, _interrupt)
        for s in (signal.SIGINT, signal.SIGTERM)
        if _get_handler(s) not in (signal.SIG_IGN, signal.SIG_DFL, None)
    }
    if overrun is not None:
        previous[signal.SIGALRM] = _set_handler(signal.SIGALRM, overrun)
    return previous


def _restore(previous: dict) -> None:
    for signum, handler in previous.items():
        _set_handler(signum, handler)


@contextlib.contextmanager
def shielded() -> Iterator[None]:
    """Install once, for every :func:`guarded` and :func:`captured_output` block inside (a document's
    analyzers), what each would otherwise install and remove again: the interrupt and budget
    handlers and file descriptor 1's diversion to stderr — a dozen system calls per analyzer.

    Between the blocks, the code inside must not write to stdout; Ctrl-C raises
    :class:`Interrupted` there too. Outside the main thread, and nested, it does nothing.
    """
    global _shield
    if _shield is not None or not _can_use_signals():
        yield
        return
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    shield = _Shield()
    previous = _install(shield.overrun)
    saved_fd = _divert_fd1()
    _shield = shield
    try:
        yield
    finally:
        _shield = None
        _restore_fd1(saved_fd)
        _restore(previous)


@contextlib.contextmanager
def guarded(budget: float | None) -> Iterator[None]:
    """The user's Ctrl-C/SIGTERM raise :class:`Interrupted`; past ``budget`` seconds, BudgetExceeded is raised.

    Only possible in the main thread; elsewhere the block runs unguarded. Inside :func:`shielded`
    the handlers are in place already: only the timer is this block's.
    """
    if not _can_use_signals():
        yield
        return
    shield = _shield_here()
    if shield is not None:
        with shield.timing(budget):
            yield
        return
    state = _Shield()
    previous = _install(state.overrun if _timed(budget) else None)
    try:
        with state.timing(budget):
            yield
    finally:
        _restore(previous)


def non_finite(value: Any, where: str) -> str | None:
    """The path of the first NaN or infinity inside ``value`` (dicts, lists, Findings' data), or None.

    Each dict or list is looked through once, so a value that holds itself ends the walk too.
    """
    if not look_through(value)[0]:
        return None  # (nearly always: the paths below are built only to name a culprit)
    stack = [(value, where)]
    seen: set[int] = set()
    while stack:
        item, path = stack.pop()
        if isinstance(item, float) and not math.isfinite(item):
            return path
        if isinstance(item, (dict, list, tuple)):
            if id(item) in seen:
                continue
            seen.add(id(item))
            if isinstance(item, dict):
                stack += [(v, f"{path}.{k}") for k, v in item.items()]
            else:
                stack += [(v, f"{path}[{i}]") for i, v in enumerate(item)]
    return None


def look_through(value: Any) -> tuple[bool, bool]:
    """(a NaN or infinity inside ``value``, a dict or list inside reached twice): the walk of
    :func:`non_finite` without a path string per item (a section holds thousands of numbers).
    Reached twice means shared, or holding itself (see :func:`holds_itself`)."""
    stack = [value]
    pop, extend = stack.pop, stack.extend
    seen: set[int] = set()
    add = seen.add
    repeated = False
    while stack:
        item = pop()
        if isinstance(item, float):
            if not math.isfinite(item):
                return True, repeated
        elif isinstance(item, (dict, list, tuple)):
            if id(item) in seen:
                repeated = True
                continue
            add(id(item))
            if isinstance(item, dict):
                extend(item.values())
                continue
            try:  # a list of numbers (an arc, offsets) at C speed: a finite exact sum has no NaN or infinity in it
                if math.isfinite(math.fsum(item)):
                    continue
            except Exception:  # not all numbers, too large to sum, a plugin's odd number type: item by item
                pass
            extend(item)
    return False, repeated


def holds_itself(value: Any) -> bool:
    """Does a dict or list inside ``value`` hold itself, directly or further down (JSON cannot write it)?"""
    stack: list[tuple[Any, bool]] = [(value, False)]
    on_path: set[int] = set()
    while stack:
        item, leaving = stack.pop()
        if leaving:
            on_path.discard(id(item))
            continue
        if id(item) in on_path:
            return True
        on_path.add(id(item))
        stack.append((item, True))
        children = item.values() if isinstance(item, dict) else item
        stack += [(child, False) for child in children if isinstance(child, (dict, list, tuple))]
    return False
