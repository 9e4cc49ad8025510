"""textkit: plugin-based text analysis.

Notebook use::

    import textkit
    report = textkit.analyze_path("article.txt")
    report                                   # a one-line summary; report in Jupyter shows the HTML cards
    report["readability"].metrics["flesch_kincaid_grade"]
    textkit.to_frame(textkit.analyze_paths(["a.txt", "b.txt"]))   # needs pandas (pip install 'textkit[pandas]')

Plugin authors need ``hookimpl``, ``Analyzer``, ``Result``, ``Skip``,
``Setting`` and ``Format``; see docs/plugins.md, and ``textkit.testing`` for
their tests.

Names are imported on first use (PEP 562), so that ``import textkit`` and
commands such as ``textkit plugins`` start quickly.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name -> module (relative to this package) that defines it
_EXPORTS = {
    "analyze_document": "analysis", "analyze_path": "analysis", "analyze_paths": "analysis",
    "analyze_text": "analysis", "run_analyzer": "analysis",
    "bulk": "collector",
    "Corpus": "corpus", "CorpusSummary": "corpus", "corpus_json_schema": "corpus", "expand_inputs": "corpus",
    "Config": "config",
    "Document": "document",
    "EXIT_GATE_FAILED": "errors", "EXIT_OK": "errors", "EXIT_PLUGIN_FAILED": "errors", "EXIT_USAGE": "errors",
    "InputError": "errors", "PluginError": "errors", "TextkitError": "errors", "UsageError": "errors",
    "hookimpl": "hookspecs",
    "DEFAULT_SENTENCE_WINDOW": "limits", "WINDOW_CHARS_PER_SENTENCE": "limits",
    "SENTENCE_WINDOW_SETTING": "window", "sentence_window": "window",
    "load_path": "loading",
    "Analyzer": "model", "Finding": "model", "Format": "model", "Loader": "model", "RenderOptions": "model",
    "Result": "model", "Section": "model", "Skip": "model", "Span": "model",
    "Plugins": "plugin_manager", "Registered": "plugin_manager", "load_plugins": "plugin_manager",
    "Setting": "plugin_settings",
    "SCHEMA_VERSION": "report", "Report": "report", "json_schema": "report",
    "require_script": "script",
    "Paragraph": "segment", "Sentence": "segment", "Word": "segment", "tokenize_words": "segment",
    "Extracted": "sourcemap", "TextBuilder": "sourcemap",
    "to_frame": "frames", "findings_frame": "frames",
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'textkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return __all__
