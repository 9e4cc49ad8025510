"""Run analyzers over a document and assemble the Report.

This is the library entry point the CLI uses too: ``analyze_text`` and
``analyze_path`` are all a notebook needs.
"""

from __future__ import annotations

import gc
import os
import sys
import time
from typing import Iterable, Iterator

from .collector import corpus_collection
from .config import Config
from .document import Document
from .errors import InputError, Interrupted
from .escape import stderr_line
from .isolation import DEFAULT_TIME_BUDGET, captured_output, guarded, holds_itself, look_through, non_finite, shielded
from .loading import DEFAULT_MAX_BYTES, load_path, read_bytes, source_name
from .model import ERROR, OK, SKIPPED, Analyzer, InvalidResult, PluginInfo, Result, Section, Skip, checked_result
from .plugin_manager import PluginRecord, Plugins, load_plugins
from .report import Report

_default_plugins: Plugins | None = None


def default_plugins() -> Plugins:
    """The plugins an unconfigured run uses, loaded once per process."""
    global _default_plugins
    if _default_plugins is None:
        _default_plugins = load_plugins()
    return _default_plugins


def run_analyzer(
    analyzer: Analyzer,
    record: PluginInfo | PluginRecord,
    document: Document,
    config: Config,
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> Section:
    """Run one analyzer in isolation: whatever it does, a Section comes back.

    Any exception (BaseException too) or a result with non-finite numbers or
    findings outside the text gives the section status ``error``; so does an
    analyzer still running after ``time_budget`` seconds. What it prints goes
    to stderr, escaped, never into the report. Only the user's Ctrl-C or
    SIGTERM (:class:`textkit.errors.Interrupted`) ends the run.
    """
    return _run_analyzer(analyzer, record, document, config, time_budget)[0]


def _run_analyzer(
    analyzer: Analyzer, record: PluginRecord, document: Document, config: Config, time_budget: float | None
) -> tuple[Section, str | None]:
    """:func:`run_analyzer`, and the section's data as JSON text when the analyzer succeeded (checking the
    data encodes it: JSON Lines takes that text instead of encoding the data a second time)."""
    plugin = PluginInfo(record.name, record.version)
    data_json = None
    section = Section(analyzer.id, analyzer.title, plugin, OK)
    started = time.perf_counter()
    result = None
    try:
        with captured_output() as printed:
            with guarded(time_budget):
                result = analyzer.analyze(document, config)
        result, data_json = checked_result(result)
        _check_positions(result, document)
    except Skip as reason:
        section.status = SKIPPED
        section.skip_reason = str(reason) or "skipped"
        section.warnings = [section.skip_reason]  # as before schema 1.3
    except Interrupted:
        raise
    except BaseException as exc:  # isolation: one plugin's bug (or exit, or hang) never costs the others
        section.status = ERROR
        section.error = {"type": type(exc).__name__, "message": str(exc)}
        data_json = None
    else:
        section.metrics = dict(result.metrics)
        section.findings = list(result.findings)
        section.data = result.data
        # Sentences bounded on hostile text (see textkit.segment) bound every figure built on them.
        section.warnings = list(result.warnings) + [f"segmentation: {w}" for w in document.segmentation_warnings]
        section.display = list(result.display)
    section.elapsed_ms = round((time.perf_counter() - started) * 1000, 3)
    for line in printed.getvalue().splitlines():
        sys.stderr.write(stderr_line(f"textkit: analyzer {analyzer.id!r} printed: {line}") + "\n")
    return section, data_json


def _check_positions(result: Result, document: Document) -> None:
    """Findings must lie inside the text, and their data hold only finite numbers and nothing that holds
    itself (what JSON and gates can hold)."""
    size = len(document.text)
    findings = result.findings
    outside = next((i for i, f in enumerate(findings) if not (0 <= f.start <= f.end <= size)), len(findings))
    datas = [dict(finding.data) for finding in findings]
    bad_number, repeated = look_through(datas)  # all the findings' data at once; rarely, the culprit named
    for i, data in enumerate(datas[:outside] if bad_number or repeated else ()):
        where = non_finite(data, f"findings[{i}].data")
        if where:
            raise InvalidResult(f"{where} is not a finite number")
        if repeated and holds_itself(data):  # JSON could not write it (and a walk through it would not end)
            raise InvalidResult(f"findings[{i}].data holds itself")
    if outside < len(findings):
        finding = findings[outside]
        raise InvalidResult(f"finding {outside} ({finding.start}..{finding.end}) lies outside the text (0..{size})")


def _failed_plugin_section(record: PluginRecord) -> Section:
    return Section(
        id=record.name,
        title=f"Plugin {record.name}",
        plugin=PluginInfo(record.name, record.version),
        status=ERROR,
        error=record.error,
    )


def analyze_document(
    document: Document,
    *,
    config: Config | None = None,
    plugins: Plugins | None = None,
    only: Iterable[str] = (),
    disable: Iterable[str] = (),
    time_budget: float | None = DEFAULT_TIME_BUDGET,
) -> Report:
    """Run the selected analyzers over ``document`` and return the Report.

    A plugin that failed to load still gets a section (status ``error``), so a
    report never silently lacks what the reader expected. Each analyzer
    gets ``time_budget`` seconds for this document (None: no limit).
    """
    return _analyze(document, config, plugins, only, disable, time_budget)


def _analyze(document: Document, config=None, plugins=None, only=(), disable=(), time_budget=DEFAULT_TIME_BUDGET, encode=False) -> Report:
    """:func:`analyze_document`; with ``encode``, the report also holds its sections as JSON Lines
    writes them (``encoded_sections``), made from the data texts the result checks encoded."""
    from . import __version__

    from .plugin_settings import with_defaults

    plugins = plugins or default_plugins()
    config = with_defaults(config or Config(), plugins)  # declared plugin settings' defaults
    only, disable = list(only), list(disable)
    selected = plugins.select(only, disable)
    document.segmentation  # segment once, up front, so no analyzer's time includes it
    with shielded():  # the analyzers' guards installed once for all of them
        runs = [_run_analyzer(a, r, document, config, time_budget) for a, r in selected]
    sections = [section for section, _ in runs]
    for record in plugins.failed:
        if (not only or record.name in only) and record.name not in disable:
            sections.append(_failed_plugin_section(record))
    used = {r.name: PluginInfo(r.name, r.version) for r in plugins.records}
    report = Report(document, sections, __version__, list(used.values()))
    if encode:
        from .formats.json_format import encode_sections

        data_texts = [data_json for _, data_json in runs]
        report.encoded_sections = encode_sections(report, data_texts + [None] * (len(sections) - len(runs)))
    return report


def analyze_text(text: str, *, source: str = "<text>", **options) -> Report:
    """Analyze a string. Options are those of :func:`analyze_document`."""
    return analyze_document(Document(text, source=source), **options)


def analyze_path(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    input_format: str | None = None,
    **options,
) -> Report:
    """Read ``path`` (``"-"`` for stdin) and analyze it.

    The input format (text, markdown, html, or a plugin's) follows the file's
    extension unless ``input_format`` names one. Raises
    :class:`textkit.InputError` for a missing, binary, undecodable, empty or
    oversize input.
    """
    plugins = options.get("plugins") or default_plugins()
    loader = plugins.loader_for(str(path), input_format)
    return analyze_document(load_path(path, encoding=encoding, max_bytes=max_bytes, loader=loader), **options)


def analyze_paths(
    paths: Iterable[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    input_format: str | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    scheduler_plugins: tuple[Iterable[str], Iterable[str]] = ((), ()),
    encoded: bool = False,
    texts: bool = True,
    **options,
) -> Iterator[tuple[str, Report | InputError]]:
    """Analyze each path in turn, yielding ``(path, report)`` as each finishes.

    A file that cannot be read yields ``(path, InputError)`` instead, and the
    others go on. Nothing is kept between documents, so memory stays flat
    however many there are. ``cache`` (a :class:`textkit.cache.ReportCache`)
    reuses the reports of documents analyzed before with the same settings.
    ``jobs`` > 1 (without a cache) analyzes on that many worker
    processes (see :mod:`textkit.parallel`); the reports come in the same
    order, each with a snapshot of its document's metadata and text.
    ``scheduler`` ("tcp://host:8786") analyzes on that Dask cluster instead
    (see :mod:`textkit.dask`), whose workers load the built-in plugins and
    ``scheduler_plugins`` (the -p names to load, the names to block).
    ``encoded`` is for a caller that writes JSON Lines and reads no more of
    each report than its sections' metrics and status: each report then holds
    its sections as JSON text too (``encoded_sections``, each section's data
    as the result check encoded it), and worker processes send only that
    text (see :mod:`textkit.parallel`).
    ``texts=False`` is for a caller that never reads a document's text:
    worker processes then leave it out of the snapshots they send.
    """
    if scheduler:
        from .dask import stream_reports

        extra, blocked = scheduler_plugins
        options.pop("plugins", None)  # this process's plugins stay here; the workers load their own
        options.pop("cache", None)  # a cache folder is local to this machine
        yield from stream_reports(
            [str(p) for p in paths], scheduler, plugins=extra, blocked=blocked,
            encoding=encoding, max_bytes=max_bytes, input_format=input_format, **options,
        )  # fmt: skip
        return
    plugins = options.setdefault("plugins", None) or default_plugins()
    options["plugins"] = plugins
    # A cached run stays in this process: most documents are hits that need no
    # analyzer, and the hit and miss counts are kept here.
    if jobs > 1 and options.get("cache") is None:
        from .parallel import analyze_in_pool, can_fork

        paths = [str(p) for p in paths]
        # Standard input belongs to this process: a run that reads it stays here.
        if len(paths) > 1 and "-" not in paths and can_fork():
            with corpus_collection():  # the workers, forked inside, inherit it
                yield from analyze_in_pool(
                    paths, min(jobs, len(paths)), encoded=encoded, text=texts,
                    encoding=encoding, max_bytes=max_bytes, input_format=input_format, **options,
                )  # fmt: skip
            return
    cache = options.pop("cache", None)
    frozen = False
    with corpus_collection():
        try:
            for path in paths:
                try:
                    loader = plugins.loader_for(str(path), input_format)
                    if cache is not None:  # a hit needs the bytes, not a loaded document
                        data = read_bytes(path, max_bytes)
                        report = cache.analyze_bytes(data, source_name(path), encoding=encoding, loader=loader, **options)
                    else:
                        document = load_path(path, encoding=encoding, max_bytes=max_bytes, loader=loader)
                        report = _analyze(document, encode=encoded, **options)
                except InputError as exc:
                    yield str(path), exc
                    continue
                if not frozen:
                    # The analyzers' dictionaries and models are loaded now and live to the end: set apart
                    # from the garbage collector for this run, whose full collections would otherwise walk
                    # them again and again (about a tenth of the CPU over a corpus). Undone when it ends.
                    gc.freeze()
                    frozen = True
                yield str(path), report
        finally:
            if frozen:
                gc.unfreeze()
