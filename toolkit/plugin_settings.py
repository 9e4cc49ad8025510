"""Settings a plugin declares, checked against textkit.toml and ``--set``.

An analyzer lists its options as :class:`Setting` objects
(``Analyzer(..., settings=(Setting("window", int, 50, "MATTR window"),))``).
textkit then refuses an unknown or mistyped key in the analyzer's table of
the configuration file with one line naming the plugin and the key, fills in
the defaults, shows them in ``textkit config`` and lets ``--set
lexical.window=30`` override one for a run. An analyzer that declares
nothing gets its table as written, unchecked.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from .errors import UsageError

_TYPE_NAMES = {
    int: "a whole number", float: "a number", str: "a string", bool: "true or false", list: "a list", dict: "a table",
}


@dataclass(frozen=True)
class Setting:
    """One option of an analyzer: its name, type (int, float, str, bool, list or dict), default and help.

    A default of None means "not set" (the analyzer decides); ``minimum``, for a
    number, is the smallest value accepted.
    """

    name: str
    type: type
    default: Any
    help: str = ""
    minimum: float | None = None

    def __post_init__(self) -> None:
        if self.type not in _TYPE_NAMES:
            raise TypeError(f"Setting {self.name!r}: type must be one of int, float, str, bool, list, dict")
        if self.minimum is not None and self.type not in (int, float):
            raise TypeError(f"Setting {self.name!r}: only a number (int or float) can have a minimum")
        if self.default is not None and not self.accepts(self.default):
            raise TypeError(f"Setting {self.name!r}: default {self.default!r} is not {self.expected}")

    @property
    def expected(self) -> str:
        """What a value must be, in words ("a whole number of at least 1")."""
        at_least = f" of at least {self.minimum:g}" if self.minimum is not None else ""
        return _TYPE_NAMES[self.type] + at_least

    def accepts(self, value: Any) -> bool:
        return _fits(value, self.type) and (self.minimum is None or value >= self.minimum)

    @property
    def type_name(self) -> str:
        return self.type.__name__

    def parse(self, text: str) -> Any:
        """A value given as text on the command line, converted to this setting's type."""
        if self.type is str:
            return text
        if self.type is bool:
            lowered = text.strip().lower()
            if lowered in ("true", "yes", "1", "on"):
                return True
            if lowered in ("false", "no", "0", "off"):
                return False
            raise ValueError(text)
        if self.type is list:
            value = json.loads(text) if text.strip().startswith("[") else [p.strip() for p in text.split(",") if p.strip()]
            if not isinstance(value, list):
                raise ValueError(text)
            return value
        if self.type is dict:
            value = json.loads(text)  # a JSONDecodeError is a ValueError
            if not isinstance(value, dict):
                raise ValueError(text)
            return value
        return self.type(text)


def _fits(value: Any, kind: type) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    if kind is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


def _declared(plugins) -> dict[str, tuple[Any, dict[str, Setting]]]:
    """analyzer id -> (registered analyzer, {name: Setting}) for analyzers that declare settings."""
    out = {}
    for analyzer_id, registered in plugins.analyzers.items():
        settings = getattr(registered.item, "settings", ()) or ()
        if settings:
            out[analyzer_id] = (registered, {s.name: s for s in settings})
    return out


def resolve_plugin_options(
    plugins,
    file_options: Mapping[str, Mapping[str, Any]],
    overrides: Iterable[str] = (),
    source: str = "configuration",
) -> dict[str, dict[str, Any]]:
    """Each analyzer's options: declared defaults, then the file's table, then ``--set``; checked."""
    declared = _declared(plugins)
    options: dict[str, dict[str, Any]] = {key: dict(value) for key, value in file_options.items()}
    for analyzer_id, values in options.items():
        if analyzer_id in declared:
            for key, value in values.items():
                setting = _setting(declared, analyzer_id, key, source)
                if not setting.accepts(value):
                    plugin = declared[analyzer_id][0].plugin.name
                    raise UsageError(
                        f"{source}: {analyzer_id}.{key} must be {setting.expected}, not {value!r}"
                        f" (setting of plugin {plugin!r})"
                    )
    for override in overrides:
        target, equals, text = override.partition("=")
        analyzer_id, dot, key = target.strip().partition(".")
        if not (equals and dot and analyzer_id and key):
            raise UsageError(f"--set {override!r}: write ANALYZER.KEY=VALUE, e.g. --set lexical.window=30")
        if analyzer_id not in plugins.analyzers:
            raise UsageError(f"--set {override!r}: no analyzer {analyzer_id!r} (known: {', '.join(sorted(plugins.analyzers))})")
        if analyzer_id in declared:
            setting = _setting(declared, analyzer_id, key, "--set")
            try:
                value = setting.parse(text)
            except ValueError:
                value = None
            if value is None or not setting.accepts(value):
                raise UsageError(f"--set {override!r}: {analyzer_id}.{key} must be {setting.expected}")
        else:
            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                value = text
        options.setdefault(analyzer_id, {})[key] = value
    for analyzer_id, (_, settings) in declared.items():
        given = options.setdefault(analyzer_id, {})
        for name, setting in settings.items():
            given.setdefault(name, setting.default)
    return options


def _setting(declared, analyzer_id: str, key: str, source: str) -> Setting:
    registered, settings = declared[analyzer_id]
    if key not in settings:
        raise UsageError(
            f"{source}: unknown setting {analyzer_id}.{key} of plugin {registered.plugin.name!r}"
            f" (it has: {', '.join(sorted(settings))})"
        )
    return settings[key]


def describe_settings(plugins, options: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every declared setting with its effective value, for ``textkit config``."""
    rows = []
    for analyzer_id, (registered, settings) in sorted(_declared(plugins).items()):
        for name, setting in settings.items():
            value = options.get(analyzer_id, {}).get(name, setting.default)
            rows.append(
                {
                    "key": f"{analyzer_id}.{name}", "value": value, "default": setting.default,
                    "type": setting.type_name, "help": setting.help, "plugin": registered.plugin.name,
                }
            )
    return rows


def with_defaults(config, plugins):
    """``config`` with every declared setting it lacks set to its default (library calls get them too)."""
    declared = _declared(plugins)
    if not declared:
        return config
    options = {key: dict(value) for key, value in config.options.items()}
    for analyzer_id, (_, settings) in declared.items():
        given = options.setdefault(analyzer_id, {})
        for name, setting in settings.items():
            given.setdefault(name, setting.default)
    return dataclasses.replace(config, options=options)
