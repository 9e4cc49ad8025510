"""Find, load and register plugins; collect what they contribute.

Plugins come from the ``textkit`` entry-point group (textkit's own analyzers
are registered there too, exactly like a third party's) and from modules
named for one run with ``-p`` (a module name, an entry-point name or a path
to a ``.py`` file). Setting ``TEXTKIT_DISABLE_PLUGIN_AUTOLOAD`` stops entry
points of other distributions from loading unless named with ``-p``;
textkit's own built-ins still load.

A plugin has one name however it is reached: naming an installed plugin's
module with ``-p`` (or twice) loads it once, under its entry-point name.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import importlib.util
import inspect
import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any, Callable, Iterable, Iterator, NamedTuple

import pluggy

from . import hookspecs
from .errors import PluginError, UsageError
from .model import Analyzer, Format, Loader

ENTRY_POINT_GROUP = "textkit"
AUTOLOAD_ENV = "TEXTKIT_DISABLE_PLUGIN_AUTOLOAD"
DISTRIBUTION = "textkit"

BUILTIN = "built-in"
ENTRY_POINT = "entry point"
COMMAND_LINE = "-p"
CORE = "core"


@dataclass
class PluginRecord:
    """One plugin as ``textkit plugins`` lists it."""

    name: str
    version: str
    source: str
    module: str
    hooks: list[str] = field(default_factory=list)
    analyzers: list[str] = field(default_factory=list)
    formats: list[str] = field(default_factory=list)
    loaders: list[str] = field(default_factory=list)
    error: dict[str, str] | None = None
    # False in a metadata-only listing (list_plugins): hooks and contributions are then unknown.
    loaded: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "version": self.version,
            "source": self.source,
            "module": self.module,
            "hooks": list(self.hooks),
            "analyzers": list(self.analyzers),
            "formats": list(self.formats),
            "loaders": list(self.loaders),
            "error": self.error,
            "loaded": self.loaded,
        }


class Registered(NamedTuple):
    """An analyzer, format or loader together with the plugin that registered it.

    Attributes of the thing itself read through: ``plugins.formats["csv"].render``,
    ``plugins.analyzers["lexical"].title``; ``.plugin`` is its :class:`PluginRecord`.
    (It is also the pair ``(item, plugin)``, as in textkit 0.1.)
    """

    item: Any
    plugin: PluginRecord

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.item, name)


@dataclass
class Plugins:
    """Everything the loaded plugins contributed, keyed by id / name.

    ``analyzers``, ``formats`` and ``loaders`` map a name to a :class:`Registered`:
    the Analyzer / Format / Loader with its ``.plugin``.
    """

    records: list[PluginRecord]
    analyzers: dict[str, Registered]
    formats: dict[str, Registered]
    loaders: dict[str, Registered] = field(default_factory=dict)
    # The pluggy manager, for hooks called later than registration (register_commands).
    manager: Any = None

    def loader_for(self, path: str, name: str | None = None) -> Loader:
        """The loader ``name``, else the one whose extension ``path`` has, else plain text."""
        if name:
            if name not in self.loaders:
                raise UsageError(f"unknown input format {name!r} (available: {', '.join(sorted(self.loaders))})")
            return self.loaders[name].item
        suffix = str(path).rsplit(".", 1)[-1].lower() if "." in str(path) else ""
        for registered in self.loaders.values():
            if suffix in registered.item.extensions:
                return registered.item
        return self.loaders["text"].item

    @property
    def failed(self) -> list[PluginRecord]:
        return [r for r in self.records if r.error]

    def record(self, name: str) -> PluginRecord | None:
        return next((r for r in self.records if r.name == name), None)

    def select(self, only: Iterable[str] = (), disable: Iterable[str] = ()) -> list[Registered]:
        """Analyzers to run, in report order. Names may be analyzer ids or plugin names."""
        only, disable = list(only), list(disable)
        for name in [*only, *disable]:
            if name not in self.analyzers and self.record(name) is None:
                known = ", ".join(sorted(self.analyzers)) or "none"
                raise UsageError(f"unknown analyzer or plugin {name!r} (known analyzers: {known})")
        chosen = []
        for registered in self.analyzers.values():
            names = {registered.item.id, registered.plugin.name}
            if only and not names & set(only):
                continue
            if names & set(disable):
                continue
            chosen.append(registered)
        return sorted(chosen, key=lambda pair: (pair[0].order, pair[0].id))


def _entry_point_module(ep: metadata.EntryPoint) -> str:
    return ep.value.split(":", 1)[0].strip()


def _error(exc: BaseException) -> dict[str, str]:
    return {"type": type(exc).__name__, "message": str(exc)}


def _autoload_disabled() -> bool:
    return os.environ.get(AUTOLOAD_ENV, "").strip().lower() not in ("", "0", "false", "no")


def _entry_points() -> list[metadata.EntryPoint]:
    seen: dict[str, metadata.EntryPoint] = {}
    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        # The same distribution can be visible twice (e.g. an editable install
        # next to a build directory); the first one on sys.path wins, as for imports.
        seen.setdefault(ep.name, ep)
    return list(seen.values())


def _dist_name(ep: metadata.EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return (dist.metadata["Name"] if dist is not None else "") or ""


def _dist_version(ep: metadata.EntryPoint) -> str:
    dist = getattr(ep, "dist", None)
    return dist.version if dist is not None else "unknown"


def _textkit_version() -> str:
    from . import __version__

    return __version__


def _is_path(name: str) -> bool:
    return name.endswith(".py") or os.sep in name or "/" in name


def _import_file(path_text: str) -> tuple[str, ModuleType]:
    """Import a plugin from a ``.py`` file; its name is the file's stem."""
    path = Path(path_text).expanduser().resolve()
    if not path.is_file():
        raise UsageError(f"-p {path_text}: no such file")
    name = path.stem
    loaded = sys.modules.get(name)
    if loaded is not None and getattr(loaded, "__file__", None) and Path(loaded.__file__).resolve() == path:
        return name, loaded
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise UsageError(f"-p {path_text}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # so that pickling, dataclasses and relative lookups find it
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return name, module


def _importable_folders(folders: Iterable[str | os.PathLike[str]]) -> None:
    """Make ``-p my_module`` work from the plugin's own folder, as ``python -m`` would."""
    for folder in folders:
        folder = str(Path(folder).resolve())
        if folder not in sys.path:
            sys.path.insert(0, folder)


def plugin_entry_points(blocked: Iterable[str] = (), extra: Iterable[str] = (), autoload: bool | None = None):
    """``(entry point, record)`` for each entry-point plugin this run loads, without importing any."""
    blocked, extra = set(blocked), set(extra)
    if autoload is None:
        autoload = not _autoload_disabled()
    chosen = []
    for ep in _entry_points():
        builtin = _dist_name(ep) == DISTRIBUTION
        named = ep.name in extra or _entry_point_module(ep) in extra
        if ep.name in blocked or not (autoload or builtin or named):
            continue
        source = BUILTIN if builtin else ENTRY_POINT
        chosen.append((ep, PluginRecord(ep.name, _dist_version(ep), source, _entry_point_module(ep))))
    return chosen


def list_plugins(extra: Iterable[str] = (), blocked: Iterable[str] = (), autoload: bool | None = None) -> list[PluginRecord]:
    """The plugins a run would load, from entry-point metadata alone: no plugin module is imported.

    This is what makes ``textkit plugins`` instant. Modules named with ``-p``
    (which have no metadata) are loaded, since the caller named them; the
    entry points' hooks and contributions are left empty (``textkit plugins
    --check`` imports everything and fills them in).
    """
    extra, blocked = list(extra), list(blocked)
    core = [PluginRecord(f"textkit.{m}", _textkit_version(), CORE, f"textkit.{m}", loaded=False) for m in ("formats", "loaders")]
    records = core + [dataclasses.replace(r, loaded=False) for _, r in plugin_entry_points(blocked, extra, autoload)]
    known = {r.name for r in records} | {r.module for r in records}
    named = [name for name in extra if name not in known and name not in blocked]
    if named:
        loaded = load_plugins(extra=named, blocked=blocked, autoload=False)
        records += [r for r in loaded.records if r.source == COMMAND_LINE]
    return records


def load_plugins(
    extra: Iterable[str] = (),
    blocked: Iterable[str] = (),
    autoload: bool | None = None,
    search_path: Iterable[str | os.PathLike[str]] | None = None,
) -> Plugins:
    """Build the plugin manager and collect analyzers, formats and loaders.

    ``extra`` are ``-p`` names: an entry-point name, an importable module or
    a path to a ``.py`` file. ``blocked`` are plugin names never to load
    (``-p no:NAME``). ``autoload`` overrides the
    ``TEXTKIT_DISABLE_PLUGIN_AUTOLOAD`` environment variable.
    ``search_path`` folders (default: the current folder) are made
    importable for ``extra`` modules. Failures to import or register are
    recorded on the plugin, never raised, except a ``-p`` module or file
    that does not exist at all, which is a usage error.
    """
    extra, blocked = list(dict.fromkeys(extra)), set(blocked)
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    records: list[PluginRecord] = []

    def add(module: ModuleType | None, record: PluginRecord) -> None:
        if module is not None and pm.is_registered(module):
            return  # the same module named twice (-p module next to its entry point): one plugin
        records.append(record)
        if module is not None and record.error is None:
            try:
                pm.register(module, name=record.name)
            except Exception as exc:  # a malformed hookimpl, a name clash
                record.error = _error(exc)
                return
            # pluggy keeps a hook it has no spec for without a word: a misspelt
            # "register_analyzer" would leave the plugin silently doing nothing.
            unknown = sorted(caller.name for caller in pm.get_hookcallers(module) or [] if caller.spec is None)
            if unknown:
                pm.unregister(module)
                known = ", ".join(sorted(name for name in dir(hookspecs) if name.startswith("register_")))
                record.error = {
                    "type": "PluginValidationError",
                    "message": f"unknown hook {', '.join(unknown)} (textkit's hooks: {known})",
                }

    from . import formats as core_formats
    from . import loaders as core_loaders

    for core in (core_formats, core_loaders):
        add(core, PluginRecord(core.__name__, _textkit_version(), CORE, core.__name__))

    chosen = plugin_entry_points(blocked, extra, autoload)
    by_entry_point = {record.name for _, record in chosen} | {record.module for _, record in chosen}
    for ep, record in chosen:
        module = None
        try:
            module = ep.load()
        except Exception as exc:
            record.error = _error(exc)
        add(module, record)

    names = [n for n in extra if n not in by_entry_point and n not in blocked]
    if any(not _is_path(n) for n in names):
        _importable_folders([os.getcwd()] if search_path is None else search_path)
    for name in names:
        if _is_path(name):
            try:
                plugin_name, module = _import_file(name)
            except UsageError:
                raise
            except Exception as exc:
                add(None, PluginRecord(Path(name).stem, "unknown", COMMAND_LINE, name, error=_error(exc)))
                continue
            if plugin_name in blocked:
                continue
            add(module, PluginRecord(plugin_name, str(getattr(module, "__version__", "unknown")), COMMAND_LINE, name))
            continue
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
                raise UsageError(f"-p {name}: no plugin or module of that name") from None
            record = PluginRecord(name, "unknown", COMMAND_LINE, name, error=_error(exc))
            add(None, record)
            continue
        except Exception as exc:
            add(None, PluginRecord(name, "unknown", COMMAND_LINE, name, error=_error(exc)))
            continue
        version = str(getattr(module, "__version__", "unknown"))
        add(module, PluginRecord(name, version, COMMAND_LINE, name))

    return _collect(pm, records)


def configured_plugin_names(names: Iterable[str], source: str) -> tuple[list[str], list[str] | None]:
    """``(names, search_path)`` for plugins named in a configuration file.

    ``source`` is where the names came from (a file path, "default" or
    "command line"). A configuration file's ``.py`` paths are relative to
    its folder, and its folder is importable, so a project keeps local
    plugins next to its textkit.toml.
    """
    names = list(names)
    if source in ("default", "command line") or not source:
        return names, None
    folder = Path(source).resolve().parent
    resolved = [str(folder / n) if n.endswith(".py") and not Path(n).is_absolute() else n for n in names]
    return resolved, [os.getcwd(), str(folder)]


def add_plugin_commands(plugins: Plugins, cli: Any) -> None:
    """Call every plugin's ``register_commands(cli)``; one that raises loses only its own commands."""
    if plugins.manager is None:
        return
    by_name = {r.name: r for r in plugins.records}
    for impl in plugins.manager.hook.register_commands.get_hookimpls():
        try:
            impl.function(cli)
        except Exception as exc:
            record = by_name.get(impl.plugin_name)
            if record is not None and record.error is None:
                record.error = _error(exc)
            print(f"textkit: plugin {impl.plugin_name!r} could not add its commands: {type(exc).__name__}: {exc}",
                  file=sys.stderr)


def guarded_format(fmt: Format, plugin: str) -> Format:
    """``fmt`` whose renderers raise :class:`PluginError` naming the plugin and format when they fail.

    A format has no section to record an error in, so its failure ends the
    run with the plugin-failure exit code and one clear line. A ``render``
    that takes only the report (as textkit's early docs showed) is called so.
    """

    @contextlib.contextmanager
    def failures() -> Iterator[None]:
        try:
            yield
        except Exception as exc:
            raise PluginError(f"format {fmt.name!r} of plugin {plugin!r} failed: {type(exc).__name__}: {exc}") from exc

    def guard(function: Callable[..., str] | None, what: str) -> Callable[..., str] | None:
        if function is None:
            return None

        one_argument: list[bool] = []  # found on first use, once (inspect is slow): not per document

        def call(subject, options=None):
            if not one_argument:
                one_argument.append(_takes_one_argument(function))
            with failures():
                output = function(subject) if one_argument[0] else function(subject, options)
            if not isinstance(output, str):
                raise PluginError(
                    f"format {fmt.name!r} of plugin {plugin!r} failed: {what} returned "
                    f"{type(output).__name__}, expected str"
                )
            return output

        call.__wrapped__ = function  # type: ignore[attr-defined]
        return call

    def guard_writer(function: Callable[..., None] | None) -> Callable[..., None] | None:
        if function is None:
            return None

        def call(subject, options, stream):
            with failures():
                function(subject, options, stream)

        call.__wrapped__ = function  # type: ignore[attr-defined]
        return call

    return dataclasses.replace(
        fmt, render=guard(fmt.render, "render"), render_corpus=guard(fmt.render_corpus, "render_corpus"),
        write_corpus=guard_writer(fmt.write_corpus),
    )


def _takes_one_argument(function: Callable[..., Any]) -> bool:
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        return False
    if any(p.kind in (p.VAR_POSITIONAL,) for p in parameters):
        return False
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) == 1


def _collect(pm: pluggy.PluginManager, records: list[PluginRecord]) -> Plugins:
    analyzers: dict[str, Registered] = {}
    formats: dict[str, Registered] = {}
    loaders: dict[str, Registered] = {}
    by_name = {r.name: r for r in records}

    for record in records:
        plugin = pm.get_plugin(record.name)
        if plugin is not None:
            record.hooks = sorted(caller.name for caller in pm.get_hookcallers(plugin) or ())

    def register_into(table: dict, kind: type, key: str, listing: str, record: PluginRecord):
        def register(item: Any) -> None:
            if not isinstance(item, kind):
                raise TypeError(f"register() takes a textkit.{kind.__name__}, got {type(item).__name__}")
            name = getattr(item, key)
            if not isinstance(name, str) or not name:
                raise ValueError(f"{kind.__name__}.{key} must be a non-empty string")
            if name in table:
                raise ValueError(f"{kind.__name__.lower()} {name!r} is already registered by plugin {table[name][1].name!r}")
            if isinstance(item, Format):
                item = guarded_format(item, record.name)
            table[name] = Registered(item, record)
            getattr(record, listing).append(name)

        return register

    for hook_name, table, kind, key, listing in (
        ("register_analyzers", analyzers, Analyzer, "id", "analyzers"),
        ("register_formats", formats, Format, "name", "formats"),
        ("register_loaders", loaders, Loader, "name", "loaders"),
    ):
        # Each plugin's hookimpl is called on its own, so one that raises
        # loses only its own contributions.
        for impl in getattr(pm.hook, hook_name).get_hookimpls():
            record = by_name[impl.plugin_name]
            try:
                impl.function(register_into(table, kind, key, listing, record))
            except Exception as exc:
                if record.error is None:
                    record.error = _error(exc)
    return Plugins(records, analyzers, formats, loaders, pm)
