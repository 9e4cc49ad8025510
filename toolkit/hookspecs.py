"""The hooks a textkit plugin can implement.

A plugin is a module with functions decorated by ``textkit.hookimpl`` whose
names match the functions below. It reaches textkit through the ``textkit``
entry-point group (``[project.entry-points.textkit]`` in its pyproject.toml),
or for one run through ``textkit analyze -p module.name``.

The ``register_*`` hooks are called once, while textkit builds its plugin
manager (before any document is read), with a ``register`` function. The
plugin calls ``register`` once per thing it contributes. The hooks' return
values are ignored. Any exception a plugin raises is recorded against that
plugin alone; the other plugins keep working. ``register_commands`` is
called only when the ``textkit`` command starts, with its typer app.
docs/plugins.md is the guide; this file is installed as ``textkit/hookspecs.py``.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("textkit")
hookimpl = pluggy.HookimplMarker("textkit")


@hookspec
def register_analyzers(register):
    """Contribute analyzers; each adds one section to every report.

    Call ``register(textkit.Analyzer(id=..., title=..., analyze=func))``.
    textkit later calls ``func(document, config)`` once per document, with a
    :class:`textkit.Document` (text, paragraphs, sentences and words with
    offsets, a shared memo) and the run's :class:`textkit.Config`. ``func``
    returns a :class:`textkit.Result`, or raises :class:`textkit.Skip` when
    the document is out of its scope. An ``id`` already taken by another
    analyzer is refused.
    """


@hookspec
def register_formats(register):
    """Contribute output formats for ``textkit analyze --format NAME``.

    Call ``register(textkit.Format(name=..., render=func, extension=...))``.
    ``render(report, options)`` receives a :class:`textkit.Report` and a
    :class:`textkit.RenderOptions` (``color``, ``width``, ``terminal``) and
    returns the whole output as a ``str``. Use ``report.to_dict()`` for the
    same data the JSON format writes.

    For several documents, give ``render_corpus(corpus, options)``: it gets a
    :class:`textkit.Corpus` (``corpus.summary`` a row per document and totals;
    ``corpus.reports`` every report as a dict when ``corpus_needs_reports=True``)
    and writes the whole output once. Without it each report is rendered in
    turn; ``streams=True`` writes each as soon as it is ready (JSON Lines).

    A render that raises (or returns something other than ``str``) stops the
    run with exit code 3 and one line naming the plugin and the format.
    """


@hookspec
def register_loaders(register):
    """Contribute input formats (Markdown, HTML, or PDF through your own library).

    Call ``register(textkit.Loader(name=..., extensions=("md",), extract=func))``.
    ``func(text)`` receives the decoded file as ``str`` and returns a
    :class:`textkit.Extracted` (``Extracted(prose, source_text, pieces)``;
    build it with :class:`textkit.TextBuilder`). A loader chosen for a file
    that raises is reported as an input error for that file.
    """


@hookspec
def register_commands(cli):
    """Add subcommands to the ``textkit`` command, as in llm and datasette.

    ``cli`` is the typer app: decorate a function with ``@cli.command()``.
    Called once when the ``textkit`` command starts; library use never calls
    it. A plugin whose hook raises loses its commands, not the others'.
    """
