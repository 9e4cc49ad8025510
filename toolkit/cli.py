"""The ``textkit`` command. A thin layer: every command is a library call.

Exit codes: 0 fine, 1 a quality gate failed, 2 usage or input error,
3 a plugin failed (its section has status "error"), 4 internal error.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from typing import List, Optional

import typer

from .errors import EXIT_INTERNAL, EXIT_USAGE, TextkitError, UsageError
from .loading import DEFAULT_MAX_BYTES

app = typer.Typer(
    name="textkit",
    help="Plugin-based text analysis: readability, sentiment, irony markers and entities in one report.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

PLUGIN_HELP = "Load a plugin module or entry point for this run; 'no:NAME' blocks one. Repeatable."


def _split(values: Optional[List[str]]) -> list[str]:
    return [part.strip() for value in values or () for part in value.split(",") if part.strip()]


def _plugin_options(plugin: Optional[List[str]], disable: Optional[List[str]] = None):
    """(extra modules, blocked plugin names, disabled names) from -p / --disable."""
    extra, blocked = [], []
    for name in _split(plugin):
        (blocked.append(name[3:]) if name.startswith("no:") else extra.append(name))
    return extra, blocked, _split(disable)


def _use_color(mode: str, to_file: bool) -> bool:
    if mode == "always":
        return True
    if mode == "never" or to_file or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"textkit {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """Plugin-based text analysis: readability, sentiment, irony markers and entities in one report."""


@app.command()
def analyze(
    paths: List[str] = typer.Argument(
        ..., help="Files, folders (searched recursively), glob patterns ('docs/**/*.md'), or '-' for stdin."
    ),
    format: Optional[str] = typer.Option(None, "--format", "-f", help="Output format (see 'textkit formats'); default text."),
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically)."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Skip paths matching this pattern. Repeatable."),
    plugin: Optional[List[str]] = typer.Option(None, "--plugin", "-p", help=PLUGIN_HELP),
    disable: Optional[List[str]] = typer.Option(None, "--disable", help="Skip an analyzer or plugin by name. Repeatable."),
    only: Optional[List[str]] = typer.Option(None, "--only", help="Run only these analyzers (comma-separated or repeated)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Input encoding (default: UTF-8, else detected)."),
    input_format: Optional[str] = typer.Option(
        None, "--input-format", help="text, markdown, html or a plugin's (default: by file extension)."
    ),
    max_bytes: Optional[int] = typer.Option(
        None, "--max-bytes", min=1, help=f"Refuse inputs larger than this many bytes (default {DEFAULT_MAX_BYTES:,})."
    ),
    color: str = typer.Option("auto", "--color", help="auto (on a terminal), always or never."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    fail_if: Optional[List[str]] = typer.Option(
        None, "--fail-if", help="Exit 1 when this holds, e.g. 'readability.flesch_kincaid_grade > 12' or "
        "'irony.score increases by > 0.1' (needs --baseline). Repeatable.",
    ),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="A JSON or JSONL report of an earlier run to compare with."),
    changed_since: Optional[str] = typer.Option(
        None, "--changed-since", metavar="REF", help="Only files changed since this git revision (merge base to "
        "working tree); github, sarif, junit and markdown report only findings on changed lines.",
    ),
    cache: Optional[str] = typer.Option(
        None, "--cache", metavar="[=DIR]",
        help="Reuse the reports of unchanged documents, kept in DIR (--cache alone: .textkit-cache).",
    ),
    cache_max_mb: float = typer.Option(500.0, "--cache-max-mb", help="Bound of the cache folder in MB; least recently used out first."),
) -> None:
    """Analyze documents and print (or write) the combined report.

    One file gives one report; several files, a folder or a glob give a
    summary with a row per document (or, with -f jsonl, one report per line).
    Options not given here come from textkit.toml or [tool.textkit] in
    pyproject.toml (see 'textkit config').
    """
    from .config import resolve_settings

    settings = resolve_settings(
        {
            "format": format, "exclude": _split(exclude), "plugins": _split(plugin), "disable": _split(disable),
            "only": _split(only), "encoding": encoding, "input_format": input_format, "max_bytes": max_bytes,
            "fail_if": fail_if or [], "baseline": baseline,
        }
    )
    opts = settings.values
    format, encoding, input_format, max_bytes, baseline = (
        opts["format"], opts["encoding"], opts["input_format"], opts["max_bytes"], opts["baseline"]
    )
    from .corpus import expand_inputs
    from .gates import Baseline, check_gates_known, parse_gates
    from .model import RenderOptions
    from .output import atomic_writer
    from .plugin_manager import load_plugins
    from .runner import write_reports

    if color not in ("auto", "always", "never"):
        raise UsageError(f"--color must be auto, always or never, not {color!r}")
    extra, blocked, disabled = _plugin_options(opts["plugins"], opts["disable"])
    only = opts["only"]
    plugins = load_plugins(extra=extra, blocked=blocked)
    if format not in plugins.formats:
        raise UsageError(f"unknown format {format!r} (available: {', '.join(sorted(plugins.formats))})")
    selected = plugins.select(only, disabled)  # validate names before reading input
    gates = parse_gates(opts["fail_if"])
    check_gates_known(gates, [analyzer.id for analyzer, _ in selected])
    before = Baseline(baseline) if baseline else None
    if any(g.change for g in gates) and before is None:
        raise UsageError("a gate on a change ('increases by', 'decreases by', 'changes by') needs --baseline")
    if input_format:
        plugins.loader_for("", input_format)
    extensions = [e for loader, _ in plugins.loaders.values() for e in loader.extensions]
    inputs = expand_inputs(paths, extensions, opts["exclude"])
    if not inputs:
        raise UsageError("no input files (a folder without known file types, or all excluded)")
    render_format = plugins.formats[format][0]
    if changed_since is not None:
        from .changes import LINE_FORMATS, changed_since as find_changes, on_changed_lines

        changes = find_changes(changed_since)
        inputs = changes.select(inputs)
        if format in LINE_FORMATS:
            render_format = on_changed_lines(render_format, changes)
        if not inputs:
            typer.echo(f"textkit: no files changed since {changed_since} among the given paths", err=True)
    report_cache = None
    if cache is not None:
        from .cache import DEFAULT_FOLDER, ReportCache

        report_cache = ReportCache(cache or DEFAULT_FOLDER, cache_max_mb)
    single = len(paths) == 1 and inputs == paths
    width = 100 if output or not sys.stdout.isatty() else min(os.get_terminal_size().columns, 120)
    options = RenderOptions(color=_use_color(color, output is not None), width=width)

    def run(out, on_document=None):
        return write_reports(
            inputs, out, plugins=plugins, format=render_format, render_options=options, single=single,
            on_document=on_document, only=only, disable=disabled, encoding=encoding, max_bytes=max_bytes,
            input_format=input_format, gates=gates, baseline=before, config=settings.config(), cache=report_cache,
        )

    with _progress(len(inputs), enabled=not quiet and len(inputs) > 1 and sys.stderr.isatty()) as advance:
        if output:
            with atomic_writer(output) as handle:
                outcome = run(handle, advance)
        else:
            outcome = run(sys.stdout, advance)
            sys.stdout.flush()
    for message in [*outcome.input_errors, *outcome.failed_sections, *outcome.failed_gates]:
        typer.echo(f"textkit: {'error: ' if message in outcome.input_errors else ''}{message}", err=True)
    if report_cache is not None:
        _cache_note(report_cache, quiet)
    raise typer.Exit(outcome.exit_code)


def _cache_note(report_cache, quiet: bool) -> None:
    if report_cache.write_error:
        typer.echo(f"textkit: warning: cache not written ({report_cache.write_error})", err=True)
    if not quiet:
        typer.echo(
            f"textkit: cache {report_cache.folder}: {report_cache.hits} reused, {report_cache.misses} analyzed", err=True
        )


@contextlib.contextmanager
def _progress(total: int, enabled: bool):
    """A rich progress bar on stderr; yields the per-document callback (None when disabled)."""
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("analyzing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task("analyze", total=total)
        yield lambda path: bar.advance(task)


@app.command("plugins")
def plugins_command(
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    plugin: Optional[List[str]] = typer.Option(None, "--plugin", "-p", help=PLUGIN_HELP),
) -> None:
    """List installed plugins: name, version, where each came from, and its hooks."""
    from .plugin_manager import load_plugins

    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {format!r}")
    extra, blocked, _ = _plugin_options(plugin)
    found = load_plugins(extra=extra, blocked=blocked)
    if format == "json":
        typer.echo(json.dumps([r.to_dict() for r in found.records], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, pad_edge=False)
    for column in ("name", "version", "source", "hooks", "provides"):
        table.add_column(column)
    for r in found.records:
        provides = ", ".join([*r.analyzers, *(f"format:{f}" for f in r.formats), *(f"input:{n}" for n in r.loaders)])
        if r.error:
            provides = f"ERROR {r.error['type']}: {r.error['message']}"
        table.add_row(r.name, r.version, r.source, ", ".join(r.hooks), provides)
    Console(highlight=False, markup=False, width=140 if not sys.stdout.isatty() else None).print(table)


@app.command("config")
def config_command(
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """Show the effective configuration and where each value comes from."""
    from .config import resolve_settings

    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {format!r}")
    settings = resolve_settings({})
    if format == "json":
        typer.echo(json.dumps(settings.to_dict(), indent=2))
        return
    typer.echo(f"configuration file: {settings.file or '(none found from here upwards)'}")
    for key, value in settings.values.items():
        typer.echo(f"{key:<13} = {json.dumps(value):<40} ({settings.sources[key]})")
    for analyzer, values in settings.analyzers.items():
        for key, value in values.items():
            typer.echo(f"{analyzer}.{key:<{max(1, 12 - len(analyzer))}} = {json.dumps(value):<40} ({settings.file})")


cache_app = typer.Typer(help="The report cache of 'analyze --cache': its size, and emptying it.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")
CACHE_DIR_HELP = "The cache folder (default .textkit-cache)."


@cache_app.command("info")
def cache_info(
    folder: str = typer.Option(".textkit-cache", "--dir", help=CACHE_DIR_HELP),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """How many reports the cache holds and its size."""
    from .cache import ReportCache

    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {format!r}")
    info = ReportCache(folder).info()
    if format == "json":
        typer.echo(json.dumps(info.to_dict(), indent=2))
        return
    typer.echo(f"{info.folder}: {info.entries} reports, {info.size_bytes / 1024 / 1024:.1f} MB")


@cache_app.command("clear")
def cache_clear(folder: str = typer.Option(".textkit-cache", "--dir", help=CACHE_DIR_HELP)) -> None:
    """Remove every cached report (only textkit's own files in the folder)."""
    from .cache import ReportCache

    typer.echo(f"{folder}: removed {ReportCache(folder).clear()} reports")


@app.command("formats")
def formats_command(
    plugin: Optional[List[str]] = typer.Option(None, "--plugin", "-p", help=PLUGIN_HELP),
) -> None:
    """List the output formats, built-in and from plugins."""
    from .plugin_manager import load_plugins

    extra, blocked, _ = _plugin_options(plugin)
    for name, (fmt, record) in sorted(load_plugins(extra=extra, blocked=blocked).formats.items()):
        typer.echo(f"{name:<10} .{fmt.extension:<5} {record.name:<16} {fmt.description}")


# Options whose value is optional, written --name=VALUE as in git (--cache alone means the default).
_OPTIONAL_VALUE = ("--cache",)


def _optional_values(args: list[str]) -> list[str]:
    """``--cache`` alone becomes ``--cache=`` (click has no optional values); ``--`` ends options."""
    end = args.index("--") if "--" in args else len(args)
    return [f"{a}=" if a in _OPTIONAL_VALUE and i < end else a for i, a in enumerate(args)]


def main() -> None:
    """Console-script entry point: textkit errors become one line and an exit code.

    Click (standalone mode) already turns usage errors into a message and exit
    2; what reaches here are textkit's own errors and genuine bugs.
    """
    try:
        app(args=_optional_values(sys.argv[1:]))
    except TextkitError as exc:
        typer.echo(f"textkit: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away; that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(0)
    except Exception as exc:
        if os.environ.get("TEXTKIT_DEBUG"):
            raise
        typer.echo(
            f"textkit: internal error: {type(exc).__name__}: {exc} (set TEXTKIT_DEBUG=1 for a traceback)", err=True
        )
        sys.exit(EXIT_INTERNAL)


__all__ = ["app", "main", "EXIT_USAGE"]
