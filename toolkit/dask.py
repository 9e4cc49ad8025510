"""textkit on a Dask cluster: the same analysis, each document read and analyzed on a worker.

    pip install 'textkit[dask]'

    import textkit.dask
    reports = textkit.dask.analyze(["a.txt", "b.md"], plugins=["mypackage.plugin"])
    reports.map(lambda r: r["document"]["counts"]["words"]).sum().compute()

:func:`analyze` returns a ``dask.bag.Bag`` of report dicts (``Report.to_dict()``;
an unreadable input gives ``{"source": path, "error": {"type", "message"}}``).
The paths must name files the workers can read (a shared file system). Each
worker loads the plugins once: textkit's built-ins, the ``plugins`` named
(importable modules or entry points, installed on the workers too) less the
``blocked`` ones; the run's settings (``only``, ``disable``, ``encoding``,
``config`` ...) travel with the tasks.

:func:`stream_reports` is what ``textkit analyze --scheduler tcp://host:8786``
uses: reports come back to this process in input order, a bounded number in
flight, and are written by the same code as a local run.
"""

from __future__ import annotations

import os
from collections import deque
from typing import Any, Iterable, Iterator, Sequence

from .errors import InputError, UsageError

# Tasks in flight per worker thread when streaming results back in order.
_WINDOW_PER_THREAD = 4

_plugins_by_spec: dict[tuple, Any] = {}


def _require_dask():
    try:
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError("running on a Dask cluster needs the dask extra: pip install 'textkit[dask]'") from None


def _worker_plugins(extra: Sequence[str], blocked: Sequence[str]):
    """The plugins of this worker process for a run's -p names, loaded once."""
    from .plugin_manager import load_plugins

    key = (tuple(extra), tuple(blocked))
    if key not in _plugins_by_spec:
        _plugins_by_spec[key] = load_plugins(extra=extra, blocked=blocked)
    return _plugins_by_spec[key]


def _analyze_on_worker(path: str, extra: Sequence[str], blocked: Sequence[str], options: dict[str, Any]):
    """(path, report or InputError) for one path, the report carrying a snapshot of its document."""
    from .analysis import analyze_paths
    from .parallel import DocumentSnapshot

    (_, result), = analyze_paths([path], plugins=_worker_plugins(extra, blocked), **options)
    if not isinstance(result, InputError):
        result.document = DocumentSnapshot(result.document)
    return path, result


def _report_dict(path: str, extra: Sequence[str], blocked: Sequence[str], options: dict[str, Any]) -> dict:
    _, result = _analyze_on_worker(path, extra, blocked, options)
    if isinstance(result, InputError):
        return {"source": path, "error": {"type": "InputError", "message": str(result)}}
    return result.to_dict()


def analyze(
    paths_or_bag,
    *,
    plugins: Iterable[str] = (),
    blocked: Iterable[str] = (),
    npartitions: int | None = None,
    **options,
):
    """A ``dask.bag.Bag`` of report dicts, one per path, in order.

    ``paths_or_bag`` is a list of paths or a Bag of paths. ``options`` are
    those of :func:`textkit.analyze_paths` (``only``, ``disable``,
    ``encoding``, ``max_bytes``, ``input_format``, ``config``). Nothing runs
    until the bag is computed, on whatever scheduler is active (a
    ``distributed.Client`` makes it the cluster).
    """
    _require_dask()
    import dask.bag as db

    if isinstance(paths_or_bag, db.Bag):
        bag = paths_or_bag.map(os.fspath)
    else:
        paths = [os.fspath(p) for p in paths_or_bag]
        bag = db.from_sequence(paths, npartitions=npartitions or min(len(paths), 100) or 1)
    return bag.map(_report_dict, extra=list(plugins), blocked=list(blocked), options=options)


def stream_reports(
    paths: Sequence[str],
    scheduler: str,
    *,
    plugins: Iterable[str] = (),
    blocked: Iterable[str] = (),
    **options,
) -> Iterator[tuple[str, Any]]:
    """``(path, report or InputError)`` from the cluster at ``scheduler``, in input order.

    Each report comes with a snapshot of its document (see
    :class:`textkit.parallel.DocumentSnapshot`). A bounded number of
    documents is in flight, so memory here stays flat; leaving early
    cancels what is still queued.
    """
    _require_dask()
    from distributed import Client

    extra, blocked = list(plugins), list(blocked)
    try:
        client = Client(scheduler, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    pending: deque = deque()
    try:
        threads = sum(client.nthreads().values()) or 1
        window = threads * _WINDOW_PER_THREAD
        for path in paths:
            pending.append(client.submit(_analyze_on_worker, str(path), extra, blocked, options, pure=False))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        if pending:
            client.cancel(list(pending))
        client.close()
