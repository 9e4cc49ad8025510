"""Find, load and register plugins; collect what they contribute.

Plugins come from the ``textkit`` entry-point group (textkit's own analyzers
are registered there too, exactly like a third party's) and from modules
named for one run with ``-p``. Setting ``TEXTKIT_DISABLE_PLUGIN_AUTOLOAD``
stops entry points of other distributions from loading unless named with
``-p``; textkit's own built-ins still load.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass, field
from importlib import metadata
from types import ModuleType
from typing import Any, Iterable

import pluggy

from . import hookspecs
from .errors import UsageError
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
        }


@dataclass
class Plugins:
    """Everything the loaded plugins contributed, keyed by id / name."""

    records: list[PluginRecord]
    analyzers: dict[str, tuple[Analyzer, PluginRecord]]
    formats: dict[str, tuple[Format, PluginRecord]]
    loaders: dict[str, tuple[Loader, PluginRecord]] = field(default_factory=dict)

    def loader_for(self, path: str, name: str | None = None) -> Loader:
        """The loader ``name``, else the one whose extension ``path`` has, else plain text."""
        if name:
            if name not in self.loaders:
                raise UsageError(f"unknown input format {name!r} (available: {', '.join(sorted(self.loaders))})")
            return self.loaders[name][0]
        suffix = str(path).rsplit(".", 1)[-1].lower() if "." in str(path) else ""
        for loader, _ in self.loaders.values():
            if suffix in loader.extensions:
                return loader
        return self.loaders["text"][0]

    @property
    def failed(self) -> list[PluginRecord]:
        return [r for r in self.records if r.error]

    def record(self, name: str) -> PluginRecord | None:
        return next((r for r in self.records if r.name == name), None)

    def select(self, only: Iterable[str] = (), disable: Iterable[str] = ()) -> list[tuple[Analyzer, PluginRecord]]:
        """Analyzers to run, in report order. Names may be analyzer ids or plugin names."""
        only, disable = list(only), list(disable)
        for name in [*only, *disable]:
            if name not in self.analyzers and self.record(name) is None:
                known = ", ".join(sorted(self.analyzers)) or "none"
                raise UsageError(f"unknown analyzer or plugin {name!r} (known analyzers: {known})")
        chosen = []
        for analyzer, record in self.analyzers.values():
            names = {analyzer.id, record.name}
            if only and not names & set(only):
                continue
            if names & set(disable):
                continue
            chosen.append((analyzer, record))
        return sorted(chosen, key=lambda pair: (pair[0].order, pair[0].id))


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


def load_plugins(
    extra: Iterable[str] = (),
    blocked: Iterable[str] = (),
    autoload: bool | None = None,
) -> Plugins:
    """Build the plugin manager and collect analyzers and formats.

    ``extra`` are ``-p`` names: an entry-point name or an importable module.
    ``blocked`` are plugin names never to load (``-p no:NAME``). ``autoload``
    overrides the ``TEXTKIT_DISABLE_PLUGIN_AUTOLOAD`` environment variable.
    Failures to import or register are recorded on the plugin, never raised,
    except a ``-p`` module that cannot be found at all, which is a usage error.
    """
    extra, blocked = list(extra), set(blocked)
    if autoload is None:
        autoload = not _autoload_disabled()
    pm = pluggy.PluginManager(ENTRY_POINT_GROUP)
    pm.add_hookspecs(hookspecs)
    records: list[PluginRecord] = []

    def add(module: ModuleType | None, record: PluginRecord) -> None:
        records.append(record)
        if module is not None and record.error is None:
            try:
                pm.register(module, name=record.name)
            except Exception as exc:  # a malformed hookimpl, a name clash
                record.error = _error(exc)

    from . import formats as core_formats
    from . import loaders as core_loaders

    for core in (core_formats, core_loaders):
        add(core, PluginRecord(core.__name__, _textkit_version(), CORE, core.__name__))

    entry_points = {ep.name: ep for ep in _entry_points()}
    for name, ep in entry_points.items():
        builtin = _dist_name(ep) == DISTRIBUTION
        if name in blocked or not (autoload or builtin or name in extra):
            continue
        record = PluginRecord(name, _dist_version(ep), BUILTIN if builtin else ENTRY_POINT, ep.value)
        module = None
        try:
            module = ep.load()
        except Exception as exc:
            record.error = _error(exc)
        add(module, record)

    for name in extra:
        if name in entry_points or name in blocked:
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


def _collect(pm: pluggy.PluginManager, records: list[PluginRecord]) -> Plugins:
    analyzers: dict[str, tuple[Analyzer, PluginRecord]] = {}
    formats: dict[str, tuple[Format, PluginRecord]] = {}
    loaders: dict[str, tuple[Loader, PluginRecord]] = {}
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
            table[name] = (item, record)
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
    return Plugins(records, analyzers, formats, loaders)
