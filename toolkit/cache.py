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
see half an entry. Each file starts with the CRC-32 of the rest: a damaged
or truncated entry is a miss, and is replaced. The rest is in ``marshal``
form (about twice as fast to read as JSON; it builds plain values only and
never runs code, and its layout is per Python version, which is therefore
part of the key): a small head with what gates and the corpus summary read
(each section's outline: status, metrics, warnings, counted tables), then the
sections' findings and their data, as bytes of their own each, and the
sections as the run's format writes them, if it is one whose text the cache
keeps (``-f json``, ``-f jsonl``, ``-f sarif``: :data:`TEXTS`), put into its
output as they are. A hit decodes the head only; findings and data are each decoded
when something first reads one, and a corpus format that needs every report
gets those bytes as they are (see :class:`textkit.corpus.ReportSpool`): the
CI formats never decode data, JUnit not even findings. A hit does not
extract prose from markup or segment the text either: the document's text is
built when something reads it. The folder is bounded (``max_mb``): when it
grows past that, the least recently used entries go first until it is back
under 90% of the bound.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import os
import sys
import tempfile
import threading
import zlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from .document import Document, _CallableDict
from .errors import UsageError
from .formats import json_format
from .model import Finding, PluginInfo, Section
from .report import Report

if TYPE_CHECKING:
    from .model import Loader

DEFAULT_FOLDER = ".textkit-cache"
DEFAULT_MAX_MB = 500.0
_LAYOUT = "6"  # bump when an entry's layout changes: old entries then simply miss
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


class ReportCache:
    """Reports kept in ``folder`` and reused while nothing that shapes them has changed."""

    def __init__(
        self, folder: str | os.PathLike[str] = DEFAULT_FOLDER, max_mb: float = DEFAULT_MAX_MB, *, texts: Iterable[str] = ()
    ) -> None:
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
        # Also keep each report's sections as these formats write them (see TEXTS): encoding them is
        # costlier than everything else a hit does, and gives the same bytes on every run.
        unknown = set(texts) - set(TEXTS)
        if unknown:
            raise ValueError(f"unknown cached text {sorted(unknown)} (known: {', '.join(TEXTS)})")
        self.texts = tuple(texts)

    @property
    def entries(self) -> Path:
        return self.folder / _ENTRIES

    @cached_property
    def _entries(self) -> str:
        return os.fspath(self.entries)

    # -- keys ---------------------------------------------------------------------------

    def key(self, document: Document, *, plugins, config=None, only: Iterable[str] = (), disable: Iterable[str] = ()) -> str:
        """The entry name for ``document`` analyzed with these plugins and settings."""
        return self._key(_identity(document), plugins, config, only, disable)

    def _key(self, identity: dict[str, Any], plugins, config, only: Iterable[str], disable: Iterable[str]) -> str:
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
        document_part = json.dumps([identity[k] for k in ("sha256", "size_bytes", "encoding", "format")])
        return hashlib.sha256(f"{memo[3]}\n{document_part}".encode("utf-8")).hexdigest()

    # -- analysis -----------------------------------------------------------------------

    def analyze(self, document: Document, **options) -> Report:
        """The cached report of ``document`` if there is one, else a fresh analysis (then cached).

        ``options`` are those of :func:`textkit.analysis.analyze_document`.
        """
        return self._analyze(_identity(document), lambda: document, options)

    def analyze_bytes(self, data: bytes, name: str, *, encoding: str | None = None, loader: Loader | None = None, **options) -> Report:
        """:meth:`analyze` for a file's bytes, read as :func:`textkit.loading.load_bytes` reads them.

        A hit costs the decoding, not the checks that refuse a file (empty,
        binary: what passed them once passes again), the prose extraction
        (Markdown, HTML) or anything else.
        Raises :class:`textkit.InputError` as loading would.
        """
        from .loading import decode_unchecked, input_format, load_bytes

        text, used = decode_unchecked(data, name, encoding)
        # check_text (empty, binary) runs on a miss only, in load_bytes: an entry exists only for bytes
        # that passed it, read the same way by the same textkit (both are part of the key).
        identity = {
            "source": name, "sha256": hashlib.sha256(data).hexdigest(), "size_bytes": len(data), "encoding": used,
            "format": input_format(loader),
        }  # fmt: skip
        load = lambda: load_bytes(data, name, encoding=encoding, loader=loader, decoded=(text, used))  # noqa: E731
        return self._analyze(identity, load, options)

    def _analyze(self, identity: dict[str, Any], load: Callable[[], Document], options: dict[str, Any]) -> Report:
        from .analysis import analyze_document, default_plugins

        options["plugins"] = options.get("plugins") or default_plugins()
        key = self._key(
            identity, options["plugins"], options.get("config"), options.get("only") or (), options.get("disable") or ()
        )
        report = self._load(key, identity, load)
        if report is not None:
            self.hits += 1
            return report
        document = load()  # an unreadable file raises here: not counted as analyzed
        self.misses += 1
        entry = _entry(analyze_document(document, **options), self.texts)
        self._write(key, entry)
        # The report as a hit would give it (values as JSON gives them back), its sections' bytes at hand.
        return _restore(entry, identity, lambda: document)

    def load(self, key: str, document: Document) -> Report | None:
        """The report stored under ``key``, for ``document``; None when missing or damaged."""
        return self._load(key, _identity(document), lambda: document)

    def _load(self, key: str, identity: dict[str, Any], load: Callable[[], Document]) -> Report | None:
        path = os.path.join(self._entries, key + _SUFFIX)  # a str: no Path made per hit
        try:
            with open(path, "rb", buffering=0) as handle:
                raw = handle.readall()
            checksum, _, body = raw.partition(b"\n")
            if _checksum(body) != checksum:
                return None
            report = _restore(marshal.loads(body), identity, load)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry, whatever the damage: a miss, replaced by the next store
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        return report

    def store(self, key: str, report: Report) -> None:
        """Keep ``report`` under ``key`` (atomically); a folder that cannot be written is noted, not fatal."""
        self._write(key, _entry(report, self.texts))

    def _write(self, key: str, entry: tuple) -> None:
        body = marshal.dumps(entry)
        data = _checksum(body) + b"\n" + body
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



def _checksum(body: bytes) -> bytes:
    """What an entry's first line holds: the CRC-32 of the rest, which a damaged or truncated entry fails.

    Not a defence against someone who can write the folder (who could as well
    write a matching checksum); SHA-256 of a whole entry cost a tenth of a hit.
    """
    return b"%08x" % zlib.crc32(body)


def _identity(document: Document) -> dict[str, Any]:
    """What the key and a restored report need to know of a document (its metadata without counts)."""
    return {
        "source": document.source, "sha256": document.sha256, "size_bytes": document.size_bytes,
        "encoding": document.encoding, "format": document.input_format,
    }  # fmt: skip


def plain_sections(report: Report) -> list[dict[str, Any]]:
    """The report's sections as JSON gives them back (lists, string keys), whatever the plugins returned."""
    return json.loads(json.dumps(report._section_dicts(), ensure_ascii=False, allow_nan=False))


@dataclass
class SectionParts:
    """A report's sections split as the cache and the corpus spool keep them.

    ``outlines`` are the section dicts (JSON values) with ``None`` in place of
    their findings and data, which are apart, in marshal form (one list per
    report, a section's entry at its index): the CI formats read findings and
    never data, JUnit neither, and decoding only what is read is most of what
    writing them costs. ``texts`` are the sections as the formats the cache
    keeps texts for write them (:data:`TEXTS`; a marshalled dict by format
    name), if it kept any, else empty.
    """

    outlines: list[dict[str, Any]]
    findings: bytes
    data: bytes
    texts: bytes = b""


def split_sections(sections: list[dict[str, Any]]) -> SectionParts:
    """Plain section dicts (``plain_sections``) as :class:`SectionParts`."""
    outlines = [{**s, "findings": None, "data": None} for s in sections]
    return SectionParts(
        outlines, marshal.dumps([s["findings"] for s in sections]), marshal.dumps([s["data"] for s in sections])
    )


def from_cache(report: Report) -> bool:
    """Whether ``report`` was restored from a cache entry (its values are all as JSON gives them back)."""
    return isinstance(report, _CachedReport)


def section_parts(report: Report) -> SectionParts:
    """The report's :class:`SectionParts`: for a report from the cache, its stored bytes as they are."""
    stored = report.unread_sections() if isinstance(report, _CachedReport) else None
    if stored is None:
        return split_sections(plain_sections(report))
    return SectionParts(stored.outlines(), stored.findings, stored.data, marshal.dumps(stored.texts) if stored.texts else b"")


# What an entry may keep besides the sections' values: the sections as a format writes them, uncompressed
# (decompressing took longer than the rest of a hit), put into that format's output as they are:
# "json": as -f json writes them in a corpus's documents (UTF-8); "jsonl": as -f jsonl writes them
# (UTF-8); "sarif": each finding's SARIF result in the pieces that do not depend on the run
# (textkit.formats.ci.sarif_pieces, marshalled). Each is made from the report's dict.
def _sarif_text(report: dict[str, Any]) -> bytes:
    from .formats.ci import sarif_pieces

    return marshal.dumps(sarif_pieces(report))


TEXTS: dict[str, Callable[[dict[str, Any]], bytes]] = {
    "json": lambda report: json_format.nested_sections(report["sections"]).encode("utf-8"),
    "jsonl": lambda report: json_format.compact(report["sections"]).encode("utf-8"),
    "sarif": _sarif_text,
}


def _entry(report: Report, texts: Iterable[str] = ()) -> tuple[dict[str, Any], bytes, bytes, dict[str, bytes]]:
    from .corpus import count_tables

    sections = plain_sections(report)
    parts = split_sections(sections)
    head = {
        "tool_version": report.tool_version,
        "plugins": [p.to_dict() for p in report.plugins],
        "counts": dict(report.document.counts),
        "load_warnings": list(getattr(report.document, "load_warnings", ())),
        # Each section's outline (findings and data left as None) and the tables the corpus summary adds up.
        "sections": [{**outline, _COUNT_TABLES: count_tables(section)} for outline, section in zip(parts.outlines, report.sections)],
    }
    texts = list(texts)
    whole = {"document": dict(report.document.metadata), "sections": sections} if texts else {}
    return head, parts.findings, parts.data, {name: TEXTS[name](whole) for name in texts}


_COUNT_TABLES = "count_tables"  # kept in an entry's section outline, next to the report's own keys


def _restore(entry: tuple[dict[str, Any], bytes, bytes, dict[str, bytes]], identity: dict[str, Any], load: Callable[[], Document]) -> Report:
    head, findings, data, texts = entry
    if not isinstance(texts, dict):  # another layout's entry under this name: a miss, not a failure later
        raise ValueError("not an entry of this layout")
    document = _CachedDocument(identity, {k: int(v) for k, v in head["counts"].items()}, load)
    document.load_warnings = head["load_warnings"]
    stored = _StoredSections(head["sections"], findings, data, texts)
    sections = []
    for index, s in enumerate(head["sections"]):
        section = _CachedSection.__new__(_CachedSection)
        section.__dict__.update(
            id=s["id"], title=s["title"], plugin=PluginInfo(**s["plugin"]), status=s["status"], metrics=s["metrics"],
            warnings=s["warnings"], display=s["display"], error=s["error"], elapsed_ms=s["elapsed_ms"],
            skip_reason=s.get("skip_reason"), _stored=stored, _index=index, _count_tables=s[_COUNT_TABLES],
        )  # fmt: skip
        sections.append(section)
    report = _CachedReport(document, sections, head["tool_version"], [PluginInfo(**p) for p in head["plugins"]])
    report._stored = (stored, sections)
    return report


class _StoredSections:
    """A cached report's sections as stored: findings and data each decoded once, when first read."""

    def __init__(self, outlines: list[dict[str, Any]], findings: bytes, data: bytes, texts: dict[str, bytes]) -> None:
        self._outlines = outlines  # with the count tables of the entry's head
        self.findings = findings
        self.data = data
        self.texts = texts  # see TEXTS

    def outlines(self) -> list[dict[str, Any]]:
        """The section outlines as a report has them (fresh dicts: a reader may fill them in)."""
        return [{k: v for k, v in s.items() if k != _COUNT_TABLES} for s in self._outlines]

    @cached_property
    def decoded_findings(self) -> list[list[dict[str, Any]]]:
        return marshal.loads(self.findings)

    @cached_property
    def decoded_data(self) -> list[dict[str, Any]]:
        return marshal.loads(self.data)


class _CachedSection(Section):
    """A section restored from the cache: its findings and data are decoded on first use."""

    @property
    def findings(self) -> list[Finding]:
        if "_findings" not in self.__dict__:
            self.__dict__["_findings"] = [
                Finding(**f) for f in self.__dict__["_stored"].decoded_findings[self.__dict__["_index"]]
            ]
        return self.__dict__["_findings"]

    @findings.setter
    def findings(self, value: list[Finding]) -> None:
        self.__dict__["_findings"] = value

    @property
    def data(self) -> dict[str, Any]:
        if "_data" not in self.__dict__:
            self.__dict__["_data"] = self.__dict__["_stored"].decoded_data[self.__dict__["_index"]]
        return self.__dict__["_data"]

    @data.setter
    def data(self, value: dict[str, Any]) -> None:
        self.__dict__["_data"] = value

    def count_tables(self) -> dict[str, list[dict[str, Any]]]:
        """The displayed name/count tables, kept in the entry's head (see textkit.corpus.count_tables)."""
        known = self.__dict__.get("_count_tables")
        if known is None or "_data" in self.__dict__:
            from .corpus import tables_of_counts

            return tables_of_counts(self.display, self.data)
        return known

    def untouched(self) -> bool:
        return "_findings" not in self.__dict__ and "_data" not in self.__dict__


class _CachedReport(Report):
    """A report restored from the cache; while nothing read its findings or data, they stay encoded."""

    def unread_sections(self) -> _StoredSections | None:
        """The stored full sections, if they still are what the sections hold."""
        stored, sections = self.__dict__.get("_stored", (None, None))
        if stored is None or self.sections is not sections or not all(s.untouched() for s in sections):
            return None
        return stored

    def _section_dicts(self) -> list[dict[str, Any]]:
        stored = self.unread_sections()
        if stored is None:
            return super()._section_dicts()
        from .corpus import rejoined  # the spool puts a spooled report's findings and data back the same way

        return rejoined({"sections": stored.outlines()}, stored.findings, stored.data)["sections"]

    @property
    def encoded_sections(self) -> str | None:
        """The sections as ``-f jsonl`` writes them, if the entry kept them and nothing changed them since."""
        if "encoded_sections" in self.__dict__:
            return self.__dict__["encoded_sections"]
        stored = self.unread_sections()
        text = stored.texts.get("jsonl") if stored is not None else None
        return text.decode("utf-8") if text is not None else None

    @encoded_sections.setter
    def encoded_sections(self, value: str | None) -> None:
        self.__dict__["encoded_sections"] = value


class _CachedDocument(Document):
    """The document of a cached report: metadata and counts are known; the text is loaded when read.

    Loading (decoding, extracting prose from markup) and segmenting happen on
    first use, as for a fresh document, only when a format needs the text.
    """

    def __init__(self, identity: dict[str, Any], counts: dict[str, int], load: Callable[[], Document]) -> None:
        self.source, self.sha256 = identity["source"], identity["sha256"]
        self.size_bytes, self.encoding, self.input_format = identity["size_bytes"], identity["encoding"], identity["format"]
        self._known_counts = counts
        self._load = load
        self._memo = {}
        self._memo_lock = threading.RLock()

    @cached_property
    def _loaded(self) -> Document:
        return self._load()

    @property
    def text(self) -> str:
        return self._loaded.text

    @property
    def _source_map(self):
        return self._loaded._source_map

    @property
    def _source_text(self) -> str:
        return self._loaded._source_text

    @property
    def counts(self) -> _CallableDict:
        return _CallableDict(self._known_counts)
