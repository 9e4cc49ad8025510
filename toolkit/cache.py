"""A folder of reports to reuse: what did not change is not analyzed again.

A report is reused when everything that could change it is the same: the
document's bytes (and the encoding and input format they were read with),
textkit's version, the name and version of every loaded plugin, and the
effective settings (each analyzer's options, ``--only``, ``--disable``).
Anything else is a miss. The file's path is not part of it: a renamed or
copied file is a hit. Gates and the baseline comparison are not cached; they
are computed on every run from the (reused) metrics.

Entries are one file each, written to a temporary file and renamed, so runs
sharing the folder (parallel CI jobs, a pre-commit hook and an editor) never
see half an entry. Each file starts with the SHA-256 of the rest: a damaged
or truncated entry is a miss, and is replaced. The rest is the report in
``marshal`` form, which reads about twice as fast as JSON (reading is most
of what a hit costs); marshal builds plain values only and never runs code,
and its layout is per Python version, which is therefore part of the key. The folder is bounded
(``max_mb``): when it grows past that, the least recently used entries go
first until it is back under 90% of the bound.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .document import Document, _CallableDict
from .errors import UsageError
from .model import Finding, PluginInfo, Section
from .report import Report

DEFAULT_FOLDER = ".textkit-cache"
DEFAULT_MAX_MB = 500.0
_LAYOUT = "2"  # bump when an entry's layout changes: old entries then simply miss
_ENTRIES = "entries"
_SUFFIX = ".report"
_MB = 1024 * 1024


@dataclass
class CacheInfo:
    folder: str
    entries: int
    size_bytes: int

    def to_dict(self) -> dict[str, Any]:
        return {"folder": self.folder, "entries": self.entries, "size_bytes": self.size_bytes}


class _CountedDocument(Document):
    """A document restored with a cached report: its counts are known, so nothing is segmented to show them.

    Anything else (a format that highlights the text, say) still segments on
    first use, as a fresh document would.
    """

    _known_counts: dict[str, int]

    @property
    def counts(self) -> dict[str, int]:
        return _CallableDict(self._known_counts)


class ReportCache:
    """Reports kept in ``folder`` and reused while nothing that shapes them has changed."""

    def __init__(self, folder: str | os.PathLike[str] = DEFAULT_FOLDER, max_mb: float = DEFAULT_MAX_MB) -> None:
        if max_mb <= 0:
            raise UsageError(f"the cache's size bound must be positive, not {max_mb} MB")
        self.folder = Path(folder)
        if self.folder.exists() and not self.folder.is_dir():
            raise UsageError(f"cache folder {folder}: is a file")
        self.max_bytes = int(max_mb * _MB)
        self.hits = 0
        self.misses = 0
        self.write_error: str | None = None  # the first entry that could not be written, if any
        self._size: int | None = None  # bytes in the folder as this process believes, counted on first write
        self._settings: tuple = ()  # (the run's options, the settings part of the key): the same for all its documents

    @property
    def entries(self) -> Path:
        return self.folder / _ENTRIES

    # -- keys ---------------------------------------------------------------------------

    def key(self, document: Document, *, plugins, config=None, only: Iterable[str] = (), disable: Iterable[str] = ()) -> str:
        """The entry name for ``document`` analyzed with these plugins and settings."""
        import textkit

        only, disable = sorted(only), sorted(disable)
        run = (textkit.__version__, only, disable)
        memo = self._settings
        if not (memo and memo[0] is plugins and memo[1] is config and memo[2] == run):
            ingredients = {
                "layout": [_LAYOUT, sys.implementation.name, list(sys.version_info[:2]), marshal.version],
                "textkit": textkit.__version__,
                "plugins": sorted((r.name, r.version, r.error is None) for r in plugins.records),
                "settings": {
                    "options": {k: dict(v) for k, v in (config.options if config is not None else {}).items()},
                    "only": only,
                    "disable": disable,
                },
            }
            settings = json.dumps(ingredients, sort_keys=True, default=repr, ensure_ascii=False)
            self._settings = memo = (plugins, config, run, settings)  # holding plugins and config keeps `is` sound
        document_part = json.dumps([document.sha256, document.size_bytes, document.encoding, document.input_format])
        return hashlib.sha256(f"{memo[3]}\n{document_part}".encode("utf-8")).hexdigest()

    # -- analysis -----------------------------------------------------------------------

    def analyze(self, document: Document, **options) -> Report:
        """The cached report of ``document`` if there is one, else a fresh analysis (then cached).

        ``options`` are those of :func:`textkit.analysis.analyze_document`.
        """
        from .analysis import analyze_document, default_plugins

        options["plugins"] = options.get("plugins") or default_plugins()
        key = self.key(
            document, plugins=options["plugins"], config=options.get("config"),
            only=options.get("only") or (), disable=options.get("disable") or (),
        )  # fmt: skip
        report = self.load(key, document)
        if report is not None:
            self.hits += 1
            return report
        self.misses += 1
        report = analyze_document(document, **options)
        self.store(key, report)
        return report

    def load(self, key: str, document: Document) -> Report | None:
        """The report stored under ``key``, for ``document``; None when missing or damaged."""
        path = self.entries / f"{key}{_SUFFIX}"
        try:
            raw = path.read_bytes()
            checksum, _, body = raw.partition(b"\n")
            if hashlib.sha256(body).hexdigest().encode("ascii") != checksum:
                return None
            report = _restore(marshal.loads(body), document)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry, whatever the damage: a miss, replaced by the next store
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return report

    def store(self, key: str, report: Report) -> None:
        """Keep ``report`` under ``key`` (atomically); a folder that cannot be written is noted, not fatal."""
        body = marshal.dumps(_entry(report))
        data = hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body
        try:
            self._prepare()
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=_SUFFIX, dir=self.entries)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, self.entries / f"{key}{_SUFFIX}")
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        except OSError as exc:
            self.write_error = self.write_error or f"{self.folder}: {exc.strerror or exc}"
            return
        if self._size is None:
            self._size = self.info().size_bytes
        else:
            self._size += len(data)
        if self._size > self.max_bytes:
            self.prune(int(self.max_bytes * 0.9))

    def _prepare(self) -> None:
        if self.entries.is_dir():
            return
        self.entries.mkdir(parents=True, exist_ok=True)
        # Tell backup tools and git that this folder is disposable.
        (self.folder / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n# textkit's report cache (textkit cache clear empties it).\n"
        )
        (self.folder / ".gitignore").write_text("*\n")

    # -- housekeeping -------------------------------------------------------------------

    def _files(self) -> list[tuple[float, int, Path]]:
        """(last used, size, path) of every entry; entries removed meanwhile by another run are skipped."""
        found = []
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(self.entries):
                if entry.name.endswith(_SUFFIX) and not entry.name.startswith("."):
                    with contextlib.suppress(FileNotFoundError):
                        stat = entry.stat()
                        found.append((stat.st_mtime, stat.st_size, Path(entry.path)))
        return found

    def prune(self, target_bytes: int) -> int:
        """Remove the least recently used entries until the folder holds at most ``target_bytes``."""
        files = sorted(self._files(), key=lambda f: (f[0], f[2].name))
        size = sum(f[1] for f in files)
        removed = 0
        for _, length, path in files:
            if size <= target_bytes:
                break
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed += 1
            size -= length
        self._size = size
        return removed

    def info(self) -> CacheInfo:
        files = self._files()
        return CacheInfo(str(self.folder), len(files), sum(f[1] for f in files))

    def clear(self) -> int:
        """Remove every entry (and leftovers of interrupted writes); returns how many entries went.

        Only textkit's own files are removed, so a mistyped folder loses nothing else.
        """
        removed = 0
        with contextlib.suppress(FileNotFoundError):
            for entry in os.scandir(self.entries):
                if entry.name.endswith(_SUFFIX):
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.path)
                        removed += not entry.name.startswith(".")
        self._size = 0
        return removed


def _entry(report: Report) -> dict[str, Any]:
    whole = report.to_dict()
    return {
        "tool_version": report.tool_version,
        "plugins": whole["tool"]["plugins"],
        "counts": dict(report.document.counts),
        "sections": whole["sections"],
    }


def _restore(entry: dict[str, Any], document: Document) -> Report:
    restored = _CountedDocument.__new__(_CountedDocument)
    restored.__dict__.update(document.__dict__)
    restored._known_counts = {k: int(v) for k, v in entry["counts"].items()}
    sections = [
        Section(
            id=s["id"], title=s["title"], plugin=PluginInfo(**s["plugin"]), status=s["status"],
            metrics=s["metrics"], findings=[Finding(**f) for f in s["findings"]], data=s["data"],
            warnings=s["warnings"], display=s["display"], error=s["error"], elapsed_ms=s["elapsed_ms"],
            skip_reason=s.get("skip_reason"),
        )  # fmt: skip
        for s in entry["sections"]
    ]
    return Report(restored, sections, entry["tool_version"], [PluginInfo(**p) for p in entry["plugins"]])
