"""Plugin discovery, selection and failure isolation, in-process."""

from __future__ import annotations

import importlib
import sys
import textwrap

import pytest

import textkit
from textkit import UsageError, analyze_text, load_plugins
from textkit.plugin_manager import AUTOLOAD_ENV

BUILTINS = ["readability", "sentiment", "irony", "entities"]


@pytest.fixture
def plugin_dir(tmp_path, monkeypatch):
    """Write plugin modules into a folder on sys.path: plugin_dir(name, source)."""
    monkeypatch.syspath_prepend(str(tmp_path))

    def make(name: str, source: str) -> str:
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source))
        # Each test writes its own version of the module: never reuse an earlier import.
        monkeypatch.delitem(sys.modules, name, raising=False)
        importlib.invalidate_caches()
        return name

    return make


GOOD = """
    from textkit import Analyzer, Result, hookimpl
    __version__ = "2.5"
    def analyze(document, config):
        n = len(document.words)
        return Result(metrics={"words": n, "factor": config.for_analyzer("{id}").get("factor", 1) * n})
    @hookimpl
    def register_analyzers(register):
        register(Analyzer(id="{id}", title="Counter {id}", analyze=analyze, order=1))
"""


def test_builtins_arrive_through_entry_points():
    plugins = load_plugins()
    for name in BUILTINS:
        record = plugins.record(name)
        assert record is not None and record.source == "built-in", name
        assert record.error is None, record.error
        assert record.hooks == ["register_analyzers"]
        assert record.module == f"textkit.plugins.{name}"
    assert plugins.record("textkit.formats").formats == [
        "text", "json", "jsonl", "markdown", "html", "github", "sarif", "junit", "csv",
    ]


def test_sections_come_in_declared_order():
    report = analyze_text("The irony is plain. China grew fast.")
    assert [s.id for s in report.sections] == BUILTINS


def test_extra_plugin_module_with_version_and_config(plugin_dir):
    plugin_dir("counter_plugin", GOOD.replace("{id}", "counter"))
    plugins = load_plugins(extra=["counter_plugin"])
    record = plugins.record("counter_plugin")
    assert (record.source, record.version, record.analyzers) == ("-p", "2.5", ["counter"])
    report = analyze_text(
        "One two three.", plugins=plugins, only=["counter"], config=textkit.Config({"counter": {"factor": 10}})
    )
    assert [s.id for s in report.sections] == ["counter"]
    assert report["counter"].metrics == {"words": 3, "factor": 30}
    assert report["counter"].plugin.to_dict() == {"name": "counter_plugin", "version": "2.5"}


def test_blocked_plugin_is_not_loaded():
    plugins = load_plugins(blocked=["irony"])
    assert plugins.record("irony") is None
    assert "irony" not in plugins.analyzers


def test_only_and_disable_accept_ids_and_reject_unknown_names():
    plugins = load_plugins()
    assert [a.id for a, _ in plugins.select(only=["sentiment", "readability"])] == ["readability", "sentiment"]
    assert [a.id for a, _ in plugins.select(disable=["irony"])] == ["readability", "sentiment", "entities"]
    with pytest.raises(UsageError, match="unknown analyzer or plugin 'nope'"):
        plugins.select(only=["nope"])


def test_missing_p_module_is_a_usage_error():
    with pytest.raises(UsageError, match="no plugin or module of that name"):
        load_plugins(extra=["no_such_module_xyz"])


def test_autoload_env_keeps_builtins(monkeypatch):
    monkeypatch.setenv(AUTOLOAD_ENV, "1")
    plugins = load_plugins()
    assert sorted(plugins.analyzers) == sorted(BUILTINS)


@pytest.mark.parametrize(
    "source, error_type",
    [
        (
            """
            from textkit import Analyzer, hookimpl
            def analyze(document, config):
                raise RuntimeError("boom")
            @hookimpl
            def register_analyzers(register):
                register(Analyzer(id="bad", title="Bad", analyze=analyze))
            """,
            "RuntimeError",
        ),
        (
            """
            from textkit import Analyzer, hookimpl
            @hookimpl
            def register_analyzers(register):
                register(Analyzer(id="bad", title="Bad", analyze=lambda d, c: {"metrics": {}}))
            """,
            "InvalidResult",
        ),
        (
            """
            from textkit import Analyzer, Result, hookimpl
            @hookimpl
            def register_analyzers(register):
                register(Analyzer(id="bad", title="Bad", analyze=lambda d, c: Result(metrics={"x": float("nan")})))
            """,
            "InvalidResult",
        ),
        (
            """
            from textkit import Analyzer, Result, hookimpl
            @hookimpl
            def register_analyzers(register):
                register(Analyzer(id="bad", title="Bad", analyze=lambda d, c: Result(data={"x": object()})))
            """,
            "InvalidResult",
        ),
    ],
)
def test_a_failing_analyzer_loses_only_its_own_section(plugin_dir, source, error_type):
    plugin_dir("bad_plugin", source)
    report = analyze_text("The irony is plain. China grew fast.", plugins=load_plugins(extra=["bad_plugin"]))
    bad = report["bad"]
    assert bad.status == "error" and bad.error["type"] == error_type
    assert [s.status for s in report.sections if s.id != "bad"] == ["ok"] * 4
    assert report.exit_code == textkit.EXIT_PLUGIN_FAILED


def test_plugin_that_fails_to_import_or_register_gets_an_error_section(plugin_dir):
    plugin_dir("import_fails", "raise ImportError('missing dependency foo')\n")
    plugin_dir(
        "register_fails",
        """
        from textkit import hookimpl
        @hookimpl
        def register_analyzers(register):
            raise ValueError("cannot register")
        """,
    )
    plugins = load_plugins(extra=["import_fails", "register_fails"])
    assert plugins.record("import_fails").error == {"type": "ImportError", "message": "missing dependency foo"}
    report = analyze_text("Plain words here.", plugins=plugins)
    assert report["import_fails"].status == "error"
    assert report["register_fails"].error == {"type": "ValueError", "message": "cannot register"}
    assert report["readability"].status == "ok"
    assert report.exit_code == 3


def test_duplicate_analyzer_id_is_refused_for_the_second_plugin(plugin_dir):
    plugin_dir("dup_plugin", GOOD.replace("{id}", "readability"))
    plugins = load_plugins(extra=["dup_plugin"])
    assert plugins.analyzers["readability"][1].name == "readability"
    assert "already registered by plugin 'readability'" in plugins.record("dup_plugin").error["message"]


def test_skip_gives_a_skipped_section(plugin_dir):
    plugin_dir(
        "skipper",
        """
        from textkit import Analyzer, Skip, hookimpl
        def analyze(document, config):
            raise Skip("needs at least 100 words")
        @hookimpl
        def register_analyzers(register):
            register(Analyzer(id="skipper", title="Skipper", analyze=analyze))
        """,
    )
    report = analyze_text("Short.", plugins=load_plugins(extra=["skipper"]), only=["skipper"])
    assert report["skipper"].status == "skipped"
    assert report["skipper"].warnings == ["needs at least 100 words"]
    assert report.exit_code == 0
