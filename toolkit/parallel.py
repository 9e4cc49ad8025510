"""Analyze many documents on several cores: a process pool, results in input order.

Each worker reads and analyzes whole documents; the parent only writes what
comes back, in the order the paths were given, so the output is the same as
a run on one core. Few documents are in flight at a time (a small window
per worker), so memory stays flat however large the corpus.

The pool is a pipe per worker, served from the parent's main thread; not
``multiprocessing.Pool``, whose worker-handler thread wakes up for every
result waiting in the shared pipe and spins until the result thread has read
it: with two workers on two cores that spinning took about as much of the
parent's CPU as everything else it did per document, and competed with the
workers for the cores. Documents travel several to a message (see
``_MOST_PER_MESSAGE``), which spares the parent most of its wake-ups, and
each worker has its next message waiting before it finishes one, so it never
waits for the parent. Before forking, the parent analyzes a short text (what
analyzers load on first use is then loaded once, and shared) and freezes its
heap for the garbage collector, whose passes in the workers then skip it.

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
a line, which is what lets several workers keep busy. A run whose format
renders only the summary of many documents (``render_corpus``) does not
read the documents' text, and asks for snapshots without it.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import pickle
import signal
import socket
from collections import deque
from multiprocessing.connection import wait
from typing import Any, Iterable, Iterator, Mapping

from .document import _CallableDict
from .errors import EXIT_INTERNAL, InputError, TextkitError

# Documents sent to a worker in one message, at most. Every message costs the parent a wake-up, a
# wait on the pipes and a read; sent one at a time (news articles, ~7 ms of analysis each) those took
# more of the parent's CPU, which competes with the workers for the cores, than writing the reports did.
_MOST_PER_MESSAGE = 8
# Input bytes in one message, at most (a longer document travels alone): a worker holds the reports
# of its message until the last is done, and a report grows with its document.
_MESSAGE_BYTES = 64 * 1024
# Room in a worker's socket for its answers before the parent reads them (the kernel caps it, at
# 2 × net.core.wmem_max): eight news reports (~25 KB each, as JSON) fill the usual 208 KiB, and
# the worker then waits, idle, until the parent is scheduled to read them.
_SEND_BUFFER = 4 * 1024 * 1024
# Messages sent to one worker ahead of its answers: the next one is there when it finishes one.
_QUEUED_PER_WORKER = 2
# Messages in flight per worker, counted from the one holding the oldest document not yet written:
# room for the queued ones while another worker holds a slow document, and no more (memory stays
# flat: at most this many messages' documents and reports per worker, whatever the corpus).
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
        self.load_warnings = list(getattr(document, "load_warnings", ()))  # the run prints them

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


def _analyze_one(path: str, encoded: bool = False, text: bool = True):
    from .analysis import analyze_paths

    (_, result), = analyze_paths([path], encoded=encoded, **_RUN)
    if isinstance(result, InputError):
        return path, result
    if encoded:  # analyze_paths encoded the sections: only that text travels back
        for section in result.sections:
            section.findings, section.data = [], {}
    result.document = DocumentSnapshot(result.document, text=text and not encoded)
    return path, result


# Touches what analyzers load on first use: abbreviations, quotations, names, numbers, and a word
# no pronouncing dictionary holds (readability then loads hyphenation patterns: ~25 ms, once per
# worker after the fork if left to the first such word of a real document).
_WARM_UP_TEXT = (
    "Mr. Smith of Acme Corp. said the U.S. economy grew 3.5% in 2024. “It was great,” he said. "
    "Sadly, nobody in London or Paris believed him! Was he right? Maybe. The blorvistic plan failed."
)


def _warm_up(options: dict[str, Any]) -> None:
    """Analyze a short text here before forking, so that every worker starts with the
    analyzers' dictionaries and models already loaded (shared, copy-on-write)
    instead of each loading them again."""
    from .analysis import analyze_document
    from .document import Document

    wanted = {k: options[k] for k in ("config", "plugins", "only", "disable") if k in options}
    analyze_document(Document(_WARM_UP_TEXT, source="<warm-up>"), **wanted)


class _Worker:
    """One worker process, the pipe to it, and the documents of each message it was sent (oldest first)."""

    def __init__(self, context, inherited: list, encoded: bool, text: bool) -> None:
        self.connection, child_end = context.Pipe()  # a socket pair
        with contextlib.suppress(OSError), socket.socket(fileno=os.dup(child_end.fileno())) as answers:
            answers.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, _SEND_BUFFER)
        self.process = context.Process(target=_serve, args=(child_end, inherited, encoded, text), daemon=True)
        self.process.start()
        child_end.close()
        self.tasks: deque[range] = deque()

    def held(self) -> list[int]:
        return [i for task in self.tasks for i in task]

    def stop(self, gently: bool) -> None:
        if gently and self.process.exitcode is None:
            with contextlib.suppress(OSError):
                self.connection.send(None)
            self.process.join(timeout=5)
        if self.process.exitcode is None:
            self.process.terminate()
        self.process.join()
        self.connection.close()


def _serve(connection, inherited: list, encoded: bool, text: bool) -> None:
    """A worker's life: analyze the paths of each message the parent sends, send back one answer per
    path (a report, an InputError or the exception met), until told to stop."""
    _ignore_interrupt()
    for other in inherited:  # the other workers' pipes, copied by fork: their ends must close with the parent
        other.close()
    while True:
        try:
            paths = connection.recv()
        except EOFError:  # the parent is gone
            return
        if paths is None:
            return
        answers = []
        for path in paths:
            try:
                answers.append(_analyze_one(path, encoded, text))
            except BaseException as exc:  # raised in the parent, as it would be on one core
                answers.append(_Failure(exc))
        try:
            connection.send(answers)
        except OSError:  # the parent is gone (killed): nobody to tell
            return
        except Exception:  # pickling failed, before anything was written: the answers that cannot go say so
            connection.send([_sendable(path, answer) for path, answer in zip(paths, answers)])


def _sendable(path: str, answer: Any) -> Any:
    try:
        pickle.dumps(answer)
    except Exception as exc:
        return _Failure(RuntimeError(f"{path}: result cannot be sent between processes: {exc}"))
    return answer


class _Failure:
    """An exception a worker met, to be raised in the parent."""

    def __init__(self, exc: BaseException) -> None:
        try:
            pickle.dumps(exc)
        except Exception:
            exc = RuntimeError(f"{type(exc).__name__}: {exc}")
        self.exc = exc


def analyze_in_pool(
    paths: Iterable[str], jobs: int, encoded: bool = False, text: bool = True, **options
) -> Iterator[tuple[str, Any]]:
    """Like :func:`textkit.analyze_paths` (same options), on ``jobs`` worker processes.

    Yields ``(path, report or InputError)`` in input order. With ``encoded``,
    each report holds its sections as JSON text (``report.encoded_sections``,
    which ``textkit.formats.json_format.render_line`` writes as is) and its
    sections keep their metrics, status, warnings and error but not their
    findings and data (see the module docstring). Without ``text`` the
    document snapshots leave the text out (for a caller that reads no more
    than the reports' JSON, metadata and sections). An exception other
    than an unreadable input is raised here, as it would be on one core. When
    the caller stops early (an error, Ctrl-C, closing the generator), the
    workers are ended before this returns: none is left behind.
    """
    global _RUN
    paths = [str(p) for p in paths]
    _RUN = options
    workers: list[_Worker] = []
    finished = False
    try:
        _warm_up(options)
        context = multiprocessing.get_context("fork")
        # What the parent holds now (plugins, dictionaries, caches) the workers only read: frozen, their
        # garbage collector never walks it, so neither spends time on it nor writes to (and so copies)
        # the pages it shares with the parent.
        gc.freeze()
        try:
            for _ in range(jobs):
                workers.append(_Worker(context, [w.connection for w in workers], encoded, text))
        finally:
            gc.unfreeze()  # this process goes on as before
        done: dict[int, Any] = {}
        unwritten: deque[range] = deque()  # the messages sent whose documents are not all written yet
        sent = emitted = 0
        window = jobs * _WINDOW_PER_WORKER
        while emitted < len(paths):
            # Keep every worker a message or two ahead, never more than the window's messages in flight.
            for worker in sorted(workers, key=lambda w: len(w.tasks)):
                while sent < len(paths) and len(worker.tasks) < _QUEUED_PER_WORKER and len(unwritten) < window:
                    task = _next_message(paths, sent, jobs)
                    worker.tasks.append(task)
                    unwritten.append(task)
                    try:
                        worker.connection.send(paths[task.start : task.stop])
                    except OSError:  # its end of the pipe is closed: it died
                        raise _died(worker, workers, paths) from None
                    sent = task.stop
            _collect(workers, done, paths)
            while emitted in done:
                answer = done.pop(emitted)
                emitted += 1
                if isinstance(answer, _Failure):
                    raise answer.exc
                yield answer
            while unwritten and unwritten[0].stop <= emitted:
                unwritten.popleft()
        finished = True
    finally:
        for worker in workers:
            worker.stop(gently=finished)
        _RUN = {}


def _next_message(paths: list[str], start: int, jobs: int) -> range:
    """The documents of the next message: up to :data:`_MOST_PER_MESSAGE` while many are left,
    fewer towards the end, so that no worker is left with several while the others have none (the
    run ends when the last one does); and no more than :data:`_MESSAGE_BYTES` of input."""
    most = max(1, min(_MOST_PER_MESSAGE, (len(paths) - start) // (jobs * _QUEUED_PER_WORKER * 2)))
    stop, size = start + 1, _size(paths[start])
    while stop < min(start + most, len(paths)):
        size += _size(paths[stop])
        if size > _MESSAGE_BYTES:
            break
        stop += 1
    return range(start, stop)


def _size(path: str) -> int:
    try:
        return os.stat(path).st_size
    except OSError:  # the worker reports it, in its place
        return 0


def _collect(workers: list[_Worker], done: dict[int, Any], paths: list[str]) -> None:
    """Wait for the next answers (any worker), or for a worker to die, which ends the run."""
    busy = {w.connection: w for w in workers if w.tasks}
    ended = {w.process.sentinel: w for w in workers}
    ready = wait([*busy, *ended])
    for connection in ready:
        if connection in busy:
            worker = busy[connection]
            try:
                answers = connection.recv()
            except (EOFError, OSError):  # it died half-way through sending
                raise _died(worker, workers, paths) from None
            done.update(zip(worker.tasks.popleft(), answers))
    for sentinel in ready:
        if sentinel in ended:
            # A worker ends only when told to: this one was killed, ran out of memory or crashed in C code.
            raise _died(ended[sentinel], workers, paths)


def _died(dead: _Worker, workers: list[_Worker], paths: list[str]) -> WorkerDied:
    lost = dead.held() or [i for w in workers for i in w.held()]
    return WorkerDied(
        f"a worker process died while analyzing one of: {', '.join(paths[i] for i in sorted(lost))} "
        "(killed, or out of memory?); run those with --jobs 1 to see which"
    )
