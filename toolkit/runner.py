"""One run over one or many documents, written in the chosen format.

This is everything ``textkit analyze`` does between parsing its options and
exiting, as a library call: the CLI only opens the output and shows progress.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Sequence, TextIO

from .analysis import analyze_paths
from .corpus import Corpus, CorpusSummary
from .errors import EXIT_GATE_FAILED, EXIT_OK, EXIT_PLUGIN_FAILED, EXIT_USAGE, InputError
from .gates import Baseline, Gate, evaluate
from .model import Format, RenderOptions
from .plugin_manager import Plugins


@dataclass
class Outcome:
    """What a run leaves for the caller to report: problems, and the exit code they mean."""

    documents: int = 0
    input_errors: list[str] = field(default_factory=list)
    failed_sections: list[str] = field(default_factory=list)
    failed_gates: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        # The most serious problem decides: unreadable input, then a broken
        # plugin (its numbers are missing), then a quality gate.
        if self.input_errors:
            return EXIT_USAGE
        if self.failed_sections:
            return EXIT_PLUGIN_FAILED
        if self.failed_gates:
            return EXIT_GATE_FAILED
        return EXIT_OK


def write_reports(
    paths: Sequence[str],
    out: TextIO,
    *,
    plugins: Plugins,
    format: Format,
    render_options: RenderOptions,
    single: bool = False,
    on_document: Callable[[str], None] | None = None,
    gates: Sequence[Gate] = (),
    baseline: Baseline | None = None,
    flush_each: bool = True,
    **analysis_options,
) -> Outcome:
    """Analyze ``paths`` and write the output of ``format`` to ``out``.

    ``single`` renders one document's report as such (and an unreadable input
    raises :class:`InputError`); otherwise reports stream (JSON Lines) or are
    summed up in a corpus summary, and unreadable inputs are recorded and
    skipped. ``on_document(path)`` is called after each document (progress).
    ``gates`` are checked on every report, against ``baseline`` where they
    are about a change; the baseline's changes are recorded in each report.
    ``flush_each`` flushes ``out`` after each report, so that a reader at the
    other end of a pipe gets each as it is done; a file nobody reads before it
    is complete (written atomically) does without.
    """
    outcome = Outcome()
    summary = CorpusSummary()
    corpus = Corpus(summary, _version())
    encoded = not single and format.reads_encoded_sections
    renders_each = single or format.streams or format.render_corpus is None
    # Only a format that renders each report may read its document's text (the summary and the
    # corpus formats' report dicts do not hold it): worker processes need not send it otherwise.
    for path, result in analyze_paths(paths, plugins=plugins, encoded=encoded, texts=renders_each, **analysis_options):
        outcome.documents += 1
        if on_document:
            on_document(path)
        if isinstance(result, InputError):
            if single:
                raise result
            outcome.input_errors.append(str(result))
            summary.add_failure(path, str(result))
            continue
        outcome.warnings += [f"{path}: {w}" for w in getattr(result.document, "load_warnings", ())]
        if baseline is not None:
            result.baseline = baseline.path
            result.changes = baseline.changes(result)
        result.gates = evaluate(list(gates), result, baseline)
        outcome.failed_sections += [
            f"{path}: section {s.id!r} failed: {s.error['type']}: {s.error['message']}" for s in result.failed
        ]
        outcome.failed_gates += [f"{path}: gate {g.describe()}" for g in result.failed_gates]
        if renders_each:
            out.write(format.render(result, render_options))
            if flush_each:
                out.flush()
        else:
            summary.add(result)
            if format.corpus_needs_reports:
                corpus.reports.append_report(result)
    if not single and not format.streams and format.render_corpus is not None:
        binary = _utf8_bytes(out) if format.write_corpus is not None else None
        if binary is not None:
            out.flush()
            format.write_corpus(corpus, render_options, binary)
            binary.flush()
        else:
            out.write(format.render_corpus(corpus, render_options))
    if baseline is not None and any(g.change for g in gates) and baseline.mismatch_warning():
        outcome.warnings.append(baseline.mismatch_warning())
    return outcome


def _utf8_bytes(out: TextIO):
    """The binary stream under ``out`` when writing bytes to it is writing UTF-8 text to ``out``, else None."""
    import codecs

    binary = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if binary is None or not encoding or codecs.lookup(encoding).name != "utf-8" or os.linesep != "\n":
        return None
    return binary


def _version() -> str:
    from . import __version__

    return __version__
