"""textkit: plugin-based text analysis.

Notebook use::

    import textkit
    report = textkit.analyze_path("article.txt")
    report["readability"].metrics["flesch_kincaid_grade"]

Plugin authors need ``hookimpl``, ``Analyzer``, ``Result``, ``Skip`` and
``Format``; see docs/plugins.md.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

# Where each public name lives. They are imported on first use (PEP 562), so
# that `textkit --help` and `import textkit.cli` do not pay for the analysis
# machinery; `from textkit import Analyzer` works as before.
_EXPORTS = {
    ".analysis": ("analyze_document", "analyze_path", "analyze_paths", "analyze_text", "run_analyzer"),
    ".corpus": ("Corpus", "CorpusSummary", "expand_inputs"),
    ".config": ("Config",),
    ".document": ("Document",),
    ".errors": ("EXIT_GATE_FAILED", "EXIT_OK", "EXIT_PLUGIN_FAILED", "EXIT_USAGE", "InputError", "TextkitError", "UsageError"),
    ".hookspecs": ("hookimpl",),
    ".loading": ("load_path",),
    ".model": ("Analyzer", "Finding", "Format", "Loader", "RenderOptions", "Result", "Section", "Skip", "Span"),
    ".plugin_manager": ("Plugins", "load_plugins"),
    ".report": ("SCHEMA_VERSION", "Report", "json_schema"),
    ".segment": ("Paragraph", "Sentence", "Word", "tokenize_words"),
    ".sourcemap": ("Extracted", "TextBuilder"),
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'textkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])


if TYPE_CHECKING:
    from .analysis import analyze_document, analyze_path, analyze_paths, analyze_text, run_analyzer
    from .config import Config
    from .corpus import Corpus, CorpusSummary, expand_inputs
    from .document import Document
    from .errors import EXIT_GATE_FAILED, EXIT_OK, EXIT_PLUGIN_FAILED, EXIT_USAGE, InputError, TextkitError, UsageError
    from .hookspecs import hookimpl
    from .loading import load_path
    from .model import Analyzer, Finding, Format, Loader, RenderOptions, Result, Section, Skip, Span
    from .plugin_manager import Plugins, load_plugins
    from .report import SCHEMA_VERSION, Report, json_schema
    from .segment import Paragraph, Sentence, Word, tokenize_words
    from .sourcemap import Extracted, TextBuilder

__all__ = [
    "Analyzer",
    "Config",
    "Corpus",
    "CorpusSummary",
    "Document",
    "EXIT_GATE_FAILED",
    "EXIT_OK",
    "EXIT_PLUGIN_FAILED",
    "EXIT_USAGE",
    "Extracted",
    "Finding",
    "Format",
    "InputError",
    "Loader",
    "Paragraph",
    "Plugins",
    "RenderOptions",
    "Report",
    "Result",
    "SCHEMA_VERSION",
    "Section",
    "Sentence",
    "Skip",
    "Span",
    "TextBuilder",
    "TextkitError",
    "UsageError",
    "Word",
    "analyze_document",
    "analyze_path",
    "analyze_paths",
    "analyze_text",
    "expand_inputs",
    "hookimpl",
    "json_schema",
    "load_path",
    "load_plugins",
    "run_analyzer",
    "tokenize_words",
    "__version__",
]
