"""Configuration: what analyzers receive (Config) and where a run's options come from.

Options are read from ``textkit.toml`` (top level, or its ``[tool.textkit]``)
or ``[tool.textkit]`` in ``pyproject.toml``, in the current folder or the
nearest folder above it within the project: the search stops at the first
folder holding ``.git`` (the repository root) and at the home folder, so a
file far above the project (which could name plugins to import) is never
used. The command line overrides them. A sub-table such
as ``[tool.textkit.readability]`` holds that analyzer's own options.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .errors import UsageError
from .limits import DEFAULT_MAX_BYTES, DEFAULT_TIME_BUDGET


@dataclass(frozen=True)
class Config:
    """Options for one run.

    ``options`` maps an analyzer id to that analyzer's own settings, so a
    plugin reads ``config.for_analyzer("readability").get("words_per_minute", 238)``
    and never sees another plugin's keys.
    """

    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def for_analyzer(self, analyzer_id: str) -> Mapping[str, Any]:
        return self.options.get(analyzer_id, {})


# Run options a configuration file may set, with their defaults; the command
# line overrides each one (a list given on the command line replaces the file's).
RUN_DEFAULTS: dict[str, Any] = {
    "format": "text",
    "only": [],
    "disable": [],
    "plugins": [],
    "exclude": [],
    "fail_if": [],
    "baseline": None,
    "input_format": None,
    "encoding": None,
    "max_bytes": DEFAULT_MAX_BYTES,
    "time_budget": DEFAULT_TIME_BUDGET,
}
CONFIG_FILES = ("textkit.toml", "pyproject.toml")


@dataclass
class Settings:
    """The effective configuration of a run, and where each value came from."""

    values: dict[str, Any]
    sources: dict[str, str]
    analyzers: dict[str, dict[str, Any]]
    file: str | None = None

    def config(self) -> Config:
        return Config(self.analyzers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "options": {k: {"value": v, "source": self.sources[k]} for k, v in self.values.items()},
            "analyzers": self.analyzers,
        }


def find_config_file(start: str | os.PathLike[str] | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest textkit.toml, or pyproject.toml with a [tool.textkit] table, from ``start`` upwards."""
    for candidate_folder in _search_folders(Path(start or os.getcwd()).resolve()):
        for name in CONFIG_FILES:
            path = candidate_folder / name
            if not path.is_file():
                continue
            data = _read_toml(path)
            tool = data.get("tool", {})
            tool = tool if isinstance(tool, dict) else {}
            table = tool.get("textkit") if name == "pyproject.toml" else tool.get("textkit", data)
            if table is not None:
                if not isinstance(table, dict):
                    raise UsageError(f"{path}: [tool.textkit] must be a table, not {type(table).__name__}")
                return path, table
    return None


def _search_folders(folder: Path) -> list[Path]:
    """``folder`` and its parents up to the repository root (holding .git) or the home folder, whichever comes first."""
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError):
        home = None
    folders = []
    for candidate in (folder, *folder.parents):
        folders.append(candidate)
        if candidate == home or (candidate / ".git").exists():
            break
    return folders


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read configuration ({exc})") from None


def resolve_settings(command_line: Mapping[str, Any], start: str | os.PathLike[str] | None = None) -> Settings:
    """Defaults, then the configuration file, then the command line (values that are not None)."""
    values = dict(RUN_DEFAULTS)
    sources = {key: "default" for key in values}
    analyzers: dict[str, dict[str, Any]] = {}
    found = find_config_file(start)
    if found:
        path, table = found
        for key, value in table.items():
            option = key.replace("-", "_")
            if isinstance(value, dict):
                analyzers[key] = dict(value)  # [tool.textkit.readability] -> options of that analyzer
            elif option in values:
                values[option] = _checked(option, value, path)
                sources[option] = str(path)
            else:
                raise UsageError(f"{path}: unknown textkit option {key!r} (known: {', '.join(sorted(RUN_DEFAULTS))})")
    for key, value in command_line.items():
        if value is not None and value != []:
            values[key] = value
            sources[key] = "command line"
    return Settings(values, sources, analyzers, str(found[0]) if found else None)


def _checked(option: str, value: Any, path: Path) -> Any:
    default = RUN_DEFAULTS[option]
    if isinstance(default, list):
        if isinstance(value, str):
            return [value]
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return value
        raise UsageError(f"{path}: {option} must be a string or a list of strings")
    if isinstance(value, bool):
        raise UsageError(f"{path}: {option} must not be true or false")
    if isinstance(default, float):
        if not (isinstance(value, (int, float)) and 0 < value < 1e9):
            raise UsageError(f"{path}: {option} must be a positive number of seconds")
        return float(value)
    if isinstance(default, int) and not (isinstance(value, int) and 0 < value < 2**62):
        raise UsageError(f"{path}: {option} must be a positive whole number")
    if default is None or isinstance(default, str):
        if not isinstance(value, str):
            raise UsageError(f"{path}: {option} must be a string")
    if option == "encoding":
        from .loading import check_encoding  # lazily: reading settings loads no documents

        check_encoding(value, f"{path}: encoding")
    return value

