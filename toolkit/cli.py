"""The ``textkit`` command. A thin layer: every command is a library call.

Exit codes: 0 fine, 1 a quality gate failed, 2 usage or input error,
3 a plugin failed (its section has status "error"), 4 internal error,
130/143 stopped by Ctrl-C/SIGTERM, 141 stdout closed by its reader.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import List, Optional

import typer

from .config import RUN_DEFAULTS
from .errors import EXIT_INTERNAL, EXIT_USAGE, Interrupted, OutputClosed, TextkitError, UsageError
from .escape import stderr_line

app = typer.Typer(
    name="textkit",
    help="Plugin-based text analysis: readability, sentiment, irony markers and entities in one report.",
    epilog="Installed plugins may add commands: 'textkit plugins --check' lists them.",
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


def _split_keep(values: Optional[List[str]]) -> list[str]:
    """Repeatable options whose values may hold commas (--set key=a,b)."""
    return [value.strip() for value in values or () if value.strip()]


def _load(settings, disable=None, check: bool = True):
    """The run's plugins: -p names and textkit.toml's ``plugins`` (paths relative to that file).

    Returns the plugins, the analyzers to disable, and the (extra, blocked)
    plugin names, which a Dask cluster's workers load for themselves.
    """
    from .plugin_manager import configured_plugin_names, load_plugins

    names, search_path = configured_plugin_names(settings.values["plugins"], settings.sources["plugins"])
    if names and settings.sources["plugins"] not in ("command line", "default"):
        # A configuration file runs code: say so, the way pytest names the conftest.py files it loads.
        typer.echo(stderr_line(f"textkit: loading plugins named in {settings.sources['plugins']}: {', '.join(names)}"), err=True)
    extra, blocked, disabled = _plugin_options(names, disable)
    return load_plugins(extra=extra, blocked=blocked, search_path=search_path), disabled, (extra, blocked)


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
    output: Optional[str] = typer.Option(None, "--output", "-o", help="Write the report to this file (atomically; never over an input); '-' is stdout."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", help="Skip paths matching this pattern. Repeatable."),
    plugin: Optional[List[str]] = typer.Option(None, "--plugin", "-p", help=PLUGIN_HELP),
    disable: Optional[List[str]] = typer.Option(None, "--disable", help="Skip an analyzer or plugin by name. Repeatable."),
    only: Optional[List[str]] = typer.Option(None, "--only", help="Run only these analyzers (comma-separated or repeated)."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Input encoding (default: UTF-8, else detected)."),
    input_format: Optional[str] = typer.Option(
        None, "--input-format", help="text, markdown, html or a plugin's (default: by file extension)."
    ),
    max_bytes: Optional[int] = typer.Option(
        None, "--max-bytes", min=1, help=f"Refuse inputs larger than this many bytes (default {RUN_DEFAULTS['max_bytes']:,})."
    ),
    color: str = typer.Option("auto", "--color", help="auto (on a terminal), always or never."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    jobs: Optional[int] = typer.Option(
        None, "--jobs", "-j", min=1, help="Worker processes for many documents (default: the machine's cores; 1: none; a --cache run uses one)."
    ),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="Analyze on this Dask cluster, e.g. tcp://host:8786 (needs textkit[dask])."
    ),
    fail_if: Optional[List[str]] = typer.Option(
        None, "--fail-if", help="Exit 1 when this holds, e.g. 'readability.flesch_kincaid_grade > 12' or "
        "'irony.score increases by > 0.1' (needs --baseline). Repeatable.",
    ),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="A JSON or JSONL report of an earlier run to compare with."),
    fail_on_skipped: bool = typer.Option(
        False, "--fail-on-skipped", help="A gate on a skipped section fails (by default it is not applicable)."
    ),
    set_option: Optional[List[str]] = typer.Option(
        None, "--set", help="Set an analyzer's option for this run, e.g. 'lexical.window=30'. Repeatable."
    ),
    changed_since: Optional[str] = typer.Option(
        None, "--changed-since", metavar="REF", help="Only files changed since this git revision (merge base to "
        "working tree); github, sarif, junit and markdown report only findings on changed lines.",
    ),
    cache: Optional[str] = typer.Option(
        None, "--cache", metavar="[=DIR]",
        help="Reuse the reports of unchanged documents, kept in DIR (--cache alone: .textkit-cache).",
    ),
    cache_max_mb: float = typer.Option(500.0, "--cache-max-mb", help="Bound of the cache folder in MB; least recently used out first."),
    time_budget: Optional[float] = typer.Option(
        None, "--time-budget", help="Seconds each analyzer may spend on one document before its section fails (default 60)."
    ),
) -> None:
    """Analyze documents and print (or write) the combined report.

    One file gives one report; several files, a folder or a glob give a
    summary with a row per document (or, with -f jsonl, one report per line).
    Options not given here come from textkit.toml or \\[tool.textkit] in
    pyproject.toml (see 'textkit config').
    """
    from .config import Config, resolve_settings

    settings = resolve_settings(
        {
            "format": format, "exclude": _split(exclude), "plugins": _split(plugin), "disable": _split(disable),
            "only": _split(only), "encoding": encoding, "input_format": input_format, "max_bytes": max_bytes,
            "fail_if": fail_if or [], "baseline": baseline, "time_budget": time_budget,
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
    from .plugin_settings import resolve_plugin_options
    from .runner import write_reports

    if time_budget is not None and not 0 < time_budget < 1e9:  # also refuses nan and inf
        raise UsageError(f"--time-budget must be a positive number of seconds, not {time_budget}")
    if color not in ("auto", "always", "never"):
        raise UsageError(f"--color must be auto, always or never, not {color!r}")
    plugins, disabled, (extra, blocked) = _load(settings, opts["disable"])
    only = opts["only"]
    if format not in plugins.formats:
        raise UsageError(f"unknown format {format!r} (available: {', '.join(sorted(plugins.formats))})")
    selected = plugins.select(only, disabled)  # validate names before reading input
    gates = parse_gates(opts["fail_if"], fail_on_skipped=fail_on_skipped)
    config = Config(resolve_plugin_options(plugins, settings.analyzers, _split_keep(set_option), settings.file or "textkit.toml"))
    check_gates_known(gates, [analyzer.id for analyzer, _ in selected])
    before = Baseline(baseline) if baseline else None
    if any(g.change for g in gates) and before is None:
        raise UsageError("a gate on a change ('increases by', 'decreases by', 'changes by') needs --baseline")
    if input_format:
        plugins.loader_for("", input_format)
    extensions = [e for loader in plugins.loaders.values() for e in loader.extensions]
    inputs = expand_inputs(paths, extensions, opts["exclude"])
    if not inputs:
        raise UsageError("no input files (a folder without known file types, or all excluded)")
    render_format = plugins.formats[format].item
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
        from .cache import DEFAULT_FOLDER, TEXTS, ReportCache

        # The sections as this format writes them are kept too, when it is one the cache knows (TEXTS).
        report_cache = ReportCache(cache or DEFAULT_FOLDER, cache_max_mb, texts=[name for name in TEXTS if name == format])
    single = len(paths) == 1 and inputs == paths
    terminal = not output and sys.stdout.isatty()
    width = min(os.get_terminal_size().columns, 120) if terminal else 100
    options = RenderOptions(color=_use_color(color, output is not None), width=width, terminal=terminal)

    def run(out, on_document=None, flush_each=True):
        return write_reports(
            inputs, out, plugins=plugins, format=render_format, render_options=options, single=single,
            on_document=on_document, only=only, disable=disabled, encoding=encoding, max_bytes=max_bytes,
            input_format=input_format, gates=gates, baseline=before, config=config, cache=report_cache,
            time_budget=opts["time_budget"], flush_each=flush_each,
            jobs=_jobs(jobs) if len(inputs) > 1 else 1, scheduler=scheduler, scheduler_plugins=(extra, blocked),
        )

    with _progress(len(inputs), enabled=not quiet and len(inputs) > 1 and sys.stderr.isatty()) as advance:
        if output and output != "-":
            with atomic_writer(output, inputs) as handle:
                outcome = run(handle, advance, flush_each=False)  # renamed into place when complete
        else:
            try:
                outcome = run(sys.stdout, advance)
                sys.stdout.flush()
            except BrokenPipeError:
                # Nothing more can reach the reader; keep the interpreter's final flush quiet too.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise OutputClosed("stdout was closed before the report was complete (broken pipe)") from None
    for message in outcome.warnings:
        typer.echo(stderr_line(f"textkit: warning: {message}"), err=True)
    for message in [*outcome.input_errors, *outcome.failed_sections, *outcome.failed_gates]:
        typer.echo(stderr_line(f"textkit: {'error: ' if message in outcome.input_errors else ''}{message}"), err=True)
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
    check: bool = typer.Option(
        False, "--check", help="Import every plugin: show its hooks, what it provides, and any error."
    ),
) -> None:
    """List installed plugins: name, version, where each came from (--check: hooks and what each provides)."""
    import json

    from .plugin_manager import list_plugins, load_plugins

    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {format!r}")
    extra, blocked, _ = _plugin_options(plugin)
    # Without --check the listing reads entry-point metadata only, so it is instant.
    records = load_plugins(extra=extra, blocked=blocked).records if check else list_plugins(extra, blocked)
    if format == "json":
        typer.echo(json.dumps([r.to_dict() for r in records], indent=2))
        return
    rows = [("name", "version", "source", "hooks", "provides")]
    for r in records:
        provides = ", ".join([*r.analyzers, *(f"format:{f}" for f in r.formats), *(f"input:{n}" for n in r.loaders)])
        if r.error:
            provides = stderr_line(f"ERROR {r.error['type']}: {r.error['message']}")  # one line, inert
        rows.append((r.name, r.version, r.source, ", ".join(r.hooks) if r.loaded else "-", provides if r.loaded else "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        typer.echo("  ".join([*(cell.ljust(w) for cell, w in zip(row, widths)), row[-1]]).rstrip())
    if not check:
        typer.echo("(hooks and contributions: textkit plugins --check)")


@app.command("config")
def config_command(
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    plugin: Optional[List[str]] = typer.Option(None, "--plugin", "-p", help=PLUGIN_HELP),
) -> None:
    """Show the effective configuration, where each value comes from, and the plugins' declared settings."""
    import json

    from .config import resolve_settings
    from .plugin_settings import describe_settings, resolve_plugin_options

    if format not in ("text", "json"):
        raise UsageError(f"--format must be text or json, not {format!r}")
    settings = resolve_settings({"plugins": _split(plugin)})
    plugins, *_ = _load(settings)
    declared = describe_settings(plugins, resolve_plugin_options(plugins, settings.analyzers, (), settings.file or "textkit.toml"))
    if format == "json":
        typer.echo(json.dumps({**settings.to_dict(), "settings": declared}, indent=2))
        return
    typer.echo(f"configuration file: {settings.file or '(none found from here upwards)'}")
    for key, value in settings.values.items():
        typer.echo(f"{key:<13} = {json.dumps(value):<40} ({settings.sources[key]})")
    shown = {row["key"] for row in declared}
    for analyzer, values in settings.analyzers.items():
        for key, value in values.items():
            if f"{analyzer}.{key}" not in shown:
                typer.echo(f"{analyzer}.{key:<{max(1, 12 - len(analyzer))}} = {json.dumps(value):<40} ({settings.file})")
    if declared:
        typer.echo("\nplugin settings (textkit.toml: [ANALYZER] table; run: --set ANALYZER.KEY=VALUE):")
    for row in declared:
        origin = "default" if row["key"].split(".", 1)[1] not in settings.analyzers.get(row["key"].split(".")[0], {}) else settings.file
        typer.echo(f"{row['key']:<24} = {json.dumps(row['value']):<16} {row['type']:<5} ({origin}; plugin {row['plugin']}) {row['help']}")


cache_app = typer.Typer(help="The report cache of 'analyze --cache': its size, and emptying it.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")
CACHE_DIR_HELP = "The cache folder (default .textkit-cache)."


@cache_app.command("info")
def cache_info(
    folder: str = typer.Option(".textkit-cache", "--dir", help=CACHE_DIR_HELP),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
) -> None:
    """How many reports the cache holds and its size."""
    import json

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
    for name, fmt in sorted(load_plugins(extra=extra, blocked=blocked).formats.items()):
        typer.echo(f"{name:<10} .{fmt.extension:<5} {fmt.plugin.name:<16} {fmt.description}")


@app.command("new-plugin")
def new_plugin_command(
    name: str = typer.Argument(..., help="The plugin's name, e.g. 'passive' (package textkit-passive, analyzer id passive)."),
    directory: Optional[str] = typer.Option(None, "--directory", "-d", help="Where to create it (default ./textkit-NAME)."),
) -> None:
    """Write an installable plugin package: an analyzer, its entry point, tests and a README."""
    from .template import write_plugin_template

    folder = write_plugin_template(name, directory)
    typer.echo(f"created {folder}\nnext: pip install -e {folder} && python -m pytest {folder}")


_BUILTIN_COMMANDS = ("analyze", "plugins", "config", "formats", "new-plugin")
_plugin_commands_added = False


def _add_plugin_commands(first: list[str]) -> None:
    """Let plugins add subcommands (register_commands), unless a built-in command was asked for.

    Loading every plugin costs time that `textkit plugins` or `analyze` do not
    need to spend on it; `textkit NAME` does. `textkit --help` stays as quick
    as a plain typer application's (issue 9): it lists the commands of the
    plugins a configuration file names, and says how to see installed ones.
    """
    global _plugin_commands_added
    if _plugin_commands_added or (first and first[0] in (*_BUILTIN_COMMANDS, "--version")):
        return
    from .config import resolve_settings

    settings = resolve_settings({})
    if (not first or first[0] in ("--help", "-h")) and settings.sources["plugins"] == "default":
        return
    from .plugin_manager import add_plugin_commands

    _plugin_commands_added = True
    add_plugin_commands(_load(settings)[0], app)


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
    import signal

    def interrupted(signum, frame):
        raise Interrupted(signum)

    # SIGTERM (a CI job cancelled) and SIGHUP unwind like Ctrl-C, so temporary files are removed.
    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupted)
    try:
        _add_plugin_commands(sys.argv[1:2])
        app(args=_optional_values(sys.argv[1:]))
    except SystemExit:
        # The interpreter's last collections walk every object still alive (lexicons, reports,
        # caches: 0.2-0.3 s after a corpus run); nothing is left to free that the exit does not.
        gc.freeze()
        raise
    except TextkitError as exc:
        typer.echo(stderr_line(f"textkit: error: {exc}"), err=True)
        sys.exit(exc.exit_code)
    except Interrupted as exc:
        typer.echo("textkit: interrupted", err=True)
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
            stderr_line(f"textkit: internal error: {type(exc).__name__}: {exc} (set TEXTKIT_DEBUG=1 for a traceback)"),
            err=True,
        )
        sys.exit(EXIT_INTERNAL)


__all__ = ["app", "main", "EXIT_USAGE"]
