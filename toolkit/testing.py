"""Test helpers for plugin authors: a pytest plugin, active wherever textkit is installed.

Fixtures (each returns a function)::

    def test_counts(textkit_document, textkit_run, textkit_check):
        doc = textkit_document("Red blue red.")                    # a Document from text
        md = textkit_document("# Title\\n\\n*Red* blue.", input_format="markdown")   # through a loader
        report = textkit_run("Red blue red.", plugins=["lexical"])   # only the named plugins' analyzers
        textkit_check(report["lexical"])                            # valid against the report schema

    def test_command_line(textkit_cli):
        done = textkit_cli("analyze", "-f", "json", "-", input="Red blue red.", plugins=["lexical"])
        assert done.exit_code == 0 and done.json["sections"][0]["id"] == "lexical"

Plugins are named as with ``-p``: an entry-point name, an importable module
or a path to a ``.py`` file. Other third-party plugins never load (as with
``TEXTKIT_DISABLE_PLUGIN_AUTOLOAD=1``), and built-in analyzers a test does
not name are left out, so a test sees exactly the plugins it names.

Registered through the ``pytest11`` entry point; the same functions are
importable for use outside pytest (``from textkit.testing import run``).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Sequence

try:
    import pytest
except ImportError:  # the helpers below work without pytest; only the fixtures need it
    pytest = None

# Commands that take -p; the helper names the plugins there.
_PLUGIN_COMMANDS = ("analyze", "plugins", "formats", "config")


def make_document(text: str, *, source: str = "<text>", input_format: str | None = None, plugins: Sequence[str] = ()):
    """A :class:`textkit.Document` from ``text``, through the loader ``input_format`` if given."""
    from .document import Document
    from .plugin_manager import load_plugins

    if input_format in (None, "text"):
        return Document(text, source=source)
    loader = load_plugins(extra=plugins, autoload=False).loader_for(source, input_format)
    extracted = loader.extract(text)
    return Document(extracted.text, source=source, extracted=extracted, input_format=loader.name)


def plugins_for(names: Iterable[str]):
    """:class:`textkit.Plugins` with textkit's core and ``names``; no other third-party plugin."""
    from .plugin_manager import load_plugins

    return load_plugins(extra=list(names), autoload=False)


def run(
    text_or_document: Any,
    *,
    plugins: Sequence[str],
    options: Mapping[str, Mapping[str, Any]] | None = None,
    only: Sequence[str] = (),
    input_format: str | None = None,
):
    """Analyze text (or a Document) with exactly ``plugins`` and return the :class:`textkit.Report`.

    ``options`` are analyzer settings (``{"lexical": {"window": 3}}``),
    checked against what the analyzers declare and completed with their
    defaults, as ``textkit analyze`` does.
    """
    from .analysis import analyze_document
    from .config import Config
    from .document import Document
    from .plugin_settings import resolve_plugin_options

    names = list(plugins)
    loaded = plugins_for(names)
    failed = [r for r in loaded.failed if r.name in names or r.module in names]
    if failed:
        raise AssertionError(f"plugin {failed[0].name!r} failed to load: {failed[0].error}")
    document = text_or_document
    if not isinstance(document, Document):
        document = make_document(str(text_or_document), input_format=input_format, plugins=names)
    config = Config(resolve_plugin_options(loaded, options or {}, (), "options"))
    wanted = list(only) or _analyzers_of(loaded, names)
    return analyze_document(document, config=config, plugins=loaded, only=wanted)


def _analyzers_of(loaded, names: Sequence[str]) -> list[str]:
    """The analyzer ids that the named plugins registered (a name may be a module or a file path)."""
    chosen = {r.name for r in loaded.records if r.name in names or r.module in names}
    return [a for a, registered in loaded.analyzers.items() if registered.plugin.name in chosen] or list(names)


def check(section_or_result: Any, document: Any = None) -> dict[str, Any]:
    """Assert that a Section (or a Result) is valid and fits the report JSON schema; return its dict.

    A Result is checked as textkit checks an analyzer's return value, then
    as the section it becomes. Validation against the schema uses
    ``jsonschema`` when it is installed.
    """
    from .model import ERROR, OK, PluginInfo, Result, Section, check_result

    if isinstance(section_or_result, Result):
        result = check_result(section_or_result)
        section = Section("checked", "Checked", PluginInfo("test", "0"), OK, dict(result.metrics), list(result.findings),
                          result.data, list(result.warnings), list(result.display))
    else:
        section = section_or_result
    if section.status == ERROR:
        raise AssertionError(f"section {section.id!r} failed: {section.error}")
    data = json.loads(json.dumps(section.to_dict(), allow_nan=False))
    try:
        import jsonschema
    except ImportError:  # the structural checks above still ran
        return data
    from .report import json_schema

    schema = json_schema()
    validator = jsonschema.Draft202012Validator({"$defs": schema["$defs"], "$ref": "#/$defs/section"})
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    if errors:
        where = "/".join(map(str, errors[0].path))
        raise AssertionError(f"section {section.id!r} does not fit the report schema at {where or '.'}: {errors[0].message}")
    if document is not None:
        for finding in section.findings:
            assert document.text[finding.start : finding.end] == finding.text, f"finding {finding.kind!r} text mismatch"
    return data


@dataclass
class CliResult:
    """What ``textkit ARGS`` did in-process: its exit code and output."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        return json.loads(self.stdout)


def cli(*args: Any, plugins: Sequence[str] = (), input: str | None = None, env: Mapping[str, str] | None = None) -> CliResult:
    """Run the ``textkit`` command in this process with exactly ``plugins``; capture what it writes."""
    from . import cli as textkit_cli
    from .plugin_manager import BUILTIN, plugin_entry_points

    argv = [str(a) for a in args]
    names = list(plugins)
    commands = list(textkit_cli.app.registered_commands)
    added_before = textkit_cli._plugin_commands_added
    if argv and argv[0] not in textkit_cli._BUILTIN_COMMANDS:
        # A plugin's own subcommand (register_commands): add the named plugins' commands for this call only.
        from .plugin_manager import add_plugin_commands

        add_plugin_commands(plugins_for(names), textkit_cli.app)
        textkit_cli._plugin_commands_added = True
    if argv and argv[0] in _PLUGIN_COMMANDS:
        builtins = [r.name for _, r in plugin_entry_points(autoload=False) if r.source == BUILTIN]
        extra = [part for n in names for part in ("--plugin", n)]
        extra += [part for b in builtins if b not in names for part in ("--plugin", f"no:{b}")]
        argv = [argv[0], *extra, *argv[1:]]
    stdout, stderr = io.StringIO(), io.StringIO()
    stdin = io.TextIOWrapper(io.BytesIO((input or "").encode("utf-8")), encoding="utf-8")
    environment = {"TEXTKIT_DISABLE_PLUGIN_AUTOLOAD": "1", "NO_COLOR": "1", **(env or {})}
    saved_env = {k: os.environ.get(k) for k in environment}
    saved = sys.argv, sys.stdin
    code = 0
    try:
        os.environ.update(environment)
        sys.argv, sys.stdin = ["textkit", *argv], stdin
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                textkit_cli.main()
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        textkit_cli.app.registered_commands[:] = commands
        textkit_cli._plugin_commands_added = added_before
        sys.argv, sys.stdin = saved
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return CliResult(code, stdout.getvalue(), stderr.getvalue())


def _fixture(function):
    return pytest.fixture(function) if pytest is not None else function


@_fixture
def textkit_document():
    """``textkit_document(text, source="<text>", input_format=None)`` -> Document."""
    return make_document


@_fixture
def textkit_run():
    """``textkit_run(text_or_document, plugins=[...], options=None)`` -> Report with only those plugins' sections."""
    return run


@_fixture
def textkit_check():
    """``textkit_check(section_or_result, document=None)``: assert it is valid and fits the schema."""
    return check


@_fixture
def textkit_cli(monkeypatch):
    """``textkit_cli(*args, plugins=[...], input=None)`` -> CliResult(exit_code, stdout, stderr, .json)."""
    monkeypatch.delenv("TEXTKIT_DEBUG", raising=False)
    return cli
