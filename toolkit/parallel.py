"""Analyze many documents on several cores: a process pool, results in input order.

Each worker reads and analyzes whole documents; the parent only writes what
comes back, in the order the paths were given, so the output is the same as
a run on one core. Few documents are in flight at a time (a small window
per worker), so memory stays flat however large the corpus.

Workers are forked from the parent, so the plugins it loaded (``-p`` modules
included) and the run's settings reach them as they are; on a platform
without ``fork`` the run falls back to one process. A report comes back with
a :class:`DocumentSnapshot` in place of its Document: what formats, gates and
the corpus summary read of it, without the segmentation (which would cost
more to send than to make).

A run that writes JSON Lines asks for *encoded* reports: each worker
encodes its report's sections as JSON itself and sends that text, with the
sections' metrics and status (what gates and the run's messages read) but
without their findings and data, which the parent would only have unpickled
to encode again. The parent then does little more per document than write
a line, which is what lets several workers keep busy.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from typing import Any, Iterable, Iterator, Mapping

from .document import _CallableDict
from .errors import EXIT_INTERNAL, InputError, TextkitError

# Documents in flight per worker: enough to keep each busy while the parent writes.
_WINDOW_PER_WORKER = 4

# Set in the parent just before the workers are forked; each worker reads it.
_RUN: dict[str, Any] = {}


class WorkerDied(TextkitError):
    """A worker process ended in the middle of a run (killed, out of memory, a crash in C code)."""

    exit_code = EXIT_INTERNAL


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


class DocumentSnapshot:
    """The parts of a Document a report's readers use, small enough to send between processes.

    Without ``text`` (an encoded report's, whose text is in its JSON already),
    ``text`` is empty.
    """

    def __init__(self, document, text: bool = True) -> None:
        self.text = document.text if text else ""
        self.source = document.source
        self.sha256 = document.sha256
        self.size_bytes = document.size_bytes
        self.encoding = document.encoding
        self.input_format = document.input_format
        self._metadata = dict(document.metadata)

    # Properties, as on Document; calling them (textkit 0.1's spelling) still works.
    @property
    def counts(self) -> dict[str, int]:
        return _CallableDict(self._metadata["counts"])

    @property
    def metadata(self) -> Mapping[str, Any]:
        return _CallableDict({**self._metadata, "counts": dict(self.counts)})

    def __repr__(self) -> str:
        return f"DocumentSnapshot(source={self.source!r}, chars={len(self.text)})"


def _ignore_interrupt() -> None:
    # Ctrl-C reaches the whole process group; the parent alone decides to stop
    # (and then ends the workers), so a worker never dies half-way on its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The parent's handlers turn SIGTERM and SIGHUP into an unwinding exception
    # (to remove temporary files); a worker has none, and the pool ends workers
    # with SIGTERM, so there they keep their default: end at once, quietly.
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def _analyze_one(path: str, encoded: bool = False):
    from .analysis import analyze_paths

    (_, result), = analyze_paths([path], **_RUN)
    if isinstance(result, InputError):
        return path, result
    if encoded:
        from .formats.json_format import encode_sections

        result.encoded_sections = encode_sections(result)
        for section in result.sections:
            section.findings, section.data = [], {}
    result.document = DocumentSnapshot(result.document, text=not encoded)
    return path, result


# Touches what analyzers load on first use: abbreviations, quotations, names, numbers.
_WARM_UP_TEXT = (
    "Mr. Smith of Acme Corp. said the U.S. economy grew 3.5% in 2024. “It was great,” he said. "
    "Sadly, nobody in London or Paris believed him! Was he right? Maybe."
)


def _warm_up(options: dict[str, Any]) -> None:
    """Analyze a short text here before forking, so that every worker starts with the
    analyzers' dictionaries and models already loaded (shared, copy-on-write)
    instead of each loading them again."""
    from .analysis import analyze_document
    from .document import Document

    wanted = {k: options[k] for k in ("config", "plugins", "only", "disable") if k in options}
    analyze_document(Document(_WARM_UP_TEXT, source="<warm-up>"), **wanted)


def _result(pending: deque, workers: set[int]):
    """The oldest document's result. The pool would wait for ever on a task whose
    worker died (it starts a new worker, the task is lost), so the wait checks
    that every worker it started is still there."""
    path, result = pending[0]
    while True:
        try:
            value = result.get(timeout=0.5)
        except multiprocessing.TimeoutError:
            if workers <= {p.pid for p in multiprocessing.active_children()}:
                continue
            in_flight = ", ".join(p for p, _ in pending)
            raise WorkerDied(
                f"a worker process died while analyzing one of: {in_flight} "
                "(killed, or out of memory?); run those with --jobs 1 to see which"
            ) from None
        pending.popleft()
        return value


def analyze_in_pool(paths: Iterable[str], jobs: int, encoded: bool = False, **options) -> Iterator[tuple[str, Any]]:
    """Like :func:`textkit.analyze_paths` (same options), on ``jobs`` worker processes.

    Yields ``(path, report or InputError)`` in input order. With ``encoded``,
    each report holds its sections as JSON text (``report.encoded_sections``,
    which ``textkit.formats.json_format.render_line`` writes as is) and its
    sections keep their metrics, status, warnings and error but not their
    findings and data (see the module docstring). An exception other
    than an unreadable input is raised here, as it would be on one core. When
    the caller stops early (an error, Ctrl-C, closing the generator), the
    workers are ended before this returns: none is left behind.
    """
    global _RUN
    _RUN = options
    _warm_up(options)
    before = {p.pid for p in multiprocessing.active_children()}
    context = multiprocessing.get_context("fork")
    pool = context.Pool(jobs, initializer=_ignore_interrupt)
    workers = {p.pid for p in multiprocessing.active_children()} - before
    try:
        pending: deque = deque()
        window = jobs * _WINDOW_PER_WORKER
        for path in paths:
            pending.append((str(path), pool.apply_async(_analyze_one, (str(path), encoded))))
            if len(pending) >= window:
                yield _result(pending, workers)
        while pending:
            yield _result(pending, workers)
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _RUN = {}
