"""textkit: plugin-based text analysis.

Notebook use::

    import textkit
    report = textkit.analyze_path("article.txt")
    report["readability"].metrics["flesch_kincaid_grade"]

Plugin authors need ``hookimpl``, ``Analyzer``, ``Result``, ``Skip`` and
``Format``; see docs/plugins.md.
"""

from __future__ import annotations

from .analysis import analyze_document, analyze_path, analyze_paths, analyze_text, run_analyzer
from .corpus import Corpus, CorpusSummary, corpus_json_schema, expand_inputs
from .config import Config
from .document import Document
from .errors import EXIT_GATE_FAILED, EXIT_OK, EXIT_PLUGIN_FAILED, EXIT_USAGE, InputError, TextkitError, UsageError
from .hookspecs import hookimpl
from .loading import load_path
from .model import Analyzer, Finding, Format, Loader, RenderOptions, Result, Section, Skip, Span
from .plugin_manager import Plugins, load_plugins
from .report import SCHEMA_VERSION, Report, json_schema
from .script import require_script
from .segment import Paragraph, Sentence, Word, tokenize_words
from .sourcemap import Extracted, TextBuilder

__version__ = "0.1.0"

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
    "corpus_json_schema",
    "require_script",
    "load_path",
    "load_plugins",
    "run_analyzer",
    "tokenize_words",
    "__version__",
]
