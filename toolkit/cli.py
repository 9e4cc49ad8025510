"""The ``textkit`` command. A thin layer: every command is a library call.

Exit codes: 0 fine, 1 a quality gate failed, 2 usage or input error,
3 a plugin failed (its section has status "error"), 4 internal error.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import List, Optional

import typer

from .errors import EXIT_INTERNAL, EXIT_USAGE, TextkitError, UsageError

# loading.DEFAULT_MAX_BYTES, written out so that --help does not import the
# loading machinery (tests/test_cli.py checks that the two agree).
MAX_BYTES_HELP = "10,485,760"

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
        None, "--max-bytes", min=1, help=f"Refuse inputs larger than this many bytes (default {MAX_BYTES_HELP})."
    ),
    color: str = typer.Option("auto", "--color", help="auto (on a terminal), always or never."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes for many documents (default: the machine's cores; 1: none)."
    ),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Analyze on this Dask cluster, e.g. tcp://host:8786 (needs textkit[dask])."
    ),
    fail_if: Optional[List[str]] = typer.Option(
        None, "--fail-if", help="Exit 1 when this holds, e.g. 'readability.flesch_kincaid_grade > 12' or "
        "'irony.score increases by > 0.1' (needs --baseline). Repeatable.",
    ),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="A JSON or JSONL report of an earlier run to compare with."),
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
    single = len(paths) == 1 and inputs == paths
    width = 100 if output or not sys.stdout.isatty() else min(os.get_terminal_size().columns, 120)
    options = RenderOptions(color=_use_color(color, output is not None), width=width)

    def run(out, on_document=None):
        return write_reports(
            inputs, out, plugins=plugins, format=plugins.formats[format][0], render_options=options, single=single,
            on_document=on_document, only=only, disable=disabled, encoding=encoding, max_bytes=max_bytes,
            input_format=input_format, gates=gates, baseline=before, config=settings.config(),
            jobs=_jobs(jobs) if len(inputs) > 1 else 1, scheduler=scheduler, scheduler_plugins=(extra, blocked),
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
    raise typer.Exit(outcome.exit_code)


def _jobs(requested: Optional[int]) -> int:
    if requested is not None:
        return requested
    from .parallel import default_jobs

    return default_jobs()


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
    import json

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
    import json

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


@app.command("formats")
def formats_command(
    plugin: Optional[List[str]] = typer.Option(None, "--plugin", "-p", help=PLUGIN_HELP),
) -> None:
    """List the output formats, built-in and from plugins."""
    from .plugin_manager import load_plugins

    extra, blocked, _ = _plugin_options(plugin)
    for name, (fmt, record) in sorted(load_plugins(extra=extra, blocked=blocked).formats.items()):
        typer.echo(f"{name:<10} .{fmt.extension:<5} {record.name:<16} {fmt.description}")


def main() -> None:
    """Console-script entry point: textkit errors become one line and an exit code.

    Click (standalone mode) already turns usage errors into a message and exit
    2; what reaches here are textkit's own errors and genuine bugs.
    """
    try:
        app()
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
