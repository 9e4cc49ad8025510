"""The hooks a textkit plugin can implement.

A plugin is a module with functions decorated by ``textkit.hookimpl`` whose
names match the functions below. It reaches textkit through the ``textkit``
entry-point group (``[project.entry-points.textkit]`` in its pyproject.toml),
or for one run through ``textkit analyze -p module.name``.

All hooks are *register* hooks: textkit calls each once, while it builds its
plugin manager (before any document is read), and passes a ``register``
function. The plugin calls ``register`` once per thing it contributes. The
hooks' return values are ignored. Any exception a plugin raises is recorded
against that plugin alone; the other plugins keep working.
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
    ``func(report)`` receives a :class:`textkit.Report` and returns the whole
    output as a ``str``. Use ``report.to_dict()`` for the same data the JSON
    format writes.
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
