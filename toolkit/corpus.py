"""Many documents: finding the inputs, and the summary across their reports.

The summary is built one report at a time and keeps only a row per document
and running totals, so a corpus streamed as JSON Lines never sits in memory.
"""

from __future__ import annotations

import fnmatch
import glob
import io
import json
import marshal
import os
import stat
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Iterable, Iterator

from .errors import InputError
from .escape import display_name
from .model import ERROR

_GLOB_CHARS = set("*?[")


def expand_inputs(args: Iterable[str], extensions: Iterable[str], exclude: Iterable[str] = ()) -> list[str]:
    """The files named by paths, folders (searched recursively) and glob patterns.

    A folder contributes the regular files whose extension a loader knows
    (``extensions``), following symlinks but visiting each folder once, so a
    symlink loop ends; a glob takes the regular files it matches; a path that
    exists is taken as itself even if it holds glob characters
    (``notes[1].txt``). ``exclude`` patterns are matched (fnmatch) against each
    path and its file name. Order: as given, each folder or glob sorted; a
    file named twice, under any spelling, counts once.
    """
    known = {e.lower() for e in extensions}
    exclude = list(exclude)
    found: list[str] = []
    for arg in args:
        if arg == "-" or (os.path.lexists(arg) and not os.path.isdir(arg)):
            found.append(arg)  # named explicitly: read (or refused) as it is
        elif os.path.isdir(arg):
            found += _walk(arg, known)
        elif _GLOB_CHARS & set(arg):
            matches = sorted(p for p in glob.glob(arg, recursive=True) if _regular(p))
            if not matches:
                raise InputError(f"{display_name(arg)}: no files match this pattern")
            found += matches
        else:
            found.append(arg)  # a missing file is reported when it is read
    return [p for p in _once(found) if not _excluded(p, exclude)]


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _walk(top: str, known: set[str]) -> list[str]:
    """Regular files with a known extension under ``top``, not hidden; each folder entered once."""
    files, seen = [], set()
    for folder, subfolders, names in os.walk(top, followlinks=True):
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:
            subfolders[:] = []  # a symlink loop, or a second way into a folder already read
            continue
        seen.add((st.st_dev, st.st_ino))
        relative = Path(folder).relative_to(top)
        subfolders[:] = [d for d in subfolders if not d.startswith(".")]
        if _hidden(relative):
            continue
        for name in names:
            path = os.path.join(folder, name)
            if not name.startswith(".") and Path(name).suffix[1:].lower() in known and _regular(path):
                files.append(path)
    return sorted(files)


def _once(paths: list[str]) -> list[str]:
    """``paths`` without repeats: the same file (device and inode) under two spellings counts once."""
    unique, seen = [], set()
    for path in paths:
        try:
            st = os.stat(path)
            key: object = (st.st_dev, st.st_ino) if path != "-" else path
        except OSError:
            key = path
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _excluded(path: str, patterns: list[str]) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(name, p) for p in patterns)


@dataclass
class CorpusSummary:
    """A row per document (its headline metrics) and totals across documents.

    A section's headline is its first metric. Totals add up, by ``name``,
    every displayed table of ``{name, count}`` records (the entities table,
    say), which gives "entities across all documents" for any plugin that
    reports counts in that shape.
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    words: int = 0
    failed_inputs: int = 0
    failed_sections: int = 0
    gate_results: list[dict[str, Any]] = field(default_factory=list)
    _counts: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    _titles: dict[str, str] = field(default_factory=dict)

    def add(self, report) -> None:
        headline = {}
        for section in report.sections:
            self._titles.setdefault(section.id, section.title)
            if section.status == ERROR:
                self.failed_sections += 1
            if section.metrics:
                name, value = next(iter(section.metrics.items()))
                headline[section.id] = {"metric": name, "value": value}
            self._add_counts(section)
        self.words += report.document.counts()["words"]
        self.gate_results += [g.to_dict() for g in report.gates]
        status = "error" if report.failed else "gate failed" if report.failed_gates else "ok"
        self.rows.append(
            {
                "source": report.document.source,
                "status": status,
                "words": report.document.counts()["words"],
                "headline": headline,
            }
        )

    def add_failure(self, source: str, message: str) -> None:
        self.failed_inputs += 1
        message = message.removeprefix(f"{source}: ")
        self.rows.append({"source": source, "status": "input error", "error": message, "words": 0, "headline": {}})

    def _add_counts(self, section) -> None:
        for key, records in count_tables(section).items():
            table = self._counts.setdefault(f"{section.id}.{key}", {})
            for record in records:
                entry = table.setdefault(record["name"], {"name": record["name"], "count": 0, "documents": 0})
                entry["count"] += record["count"]
                entry["documents"] += 1

    @property
    def section_ids(self) -> list[str]:
        return list(self._titles)

    def title(self, section_id: str) -> str:
        return self._titles.get(section_id, section_id)

    def total_title(self, key: str) -> str:
        """A heading for a totals table: "Entities", or "Entities: terms" when the data key differs."""
        section_id, _, data_key = key.partition(".")
        title = self.title(section_id)
        return title if data_key == section_id else f"{title}: {data_key.replace('_', ' ')}"

    def totals(self, limit: int | None = None) -> dict[str, list[dict[str, Any]]]:
        """Each summed table, largest count first (then by name)."""
        return {
            key: sorted(table.values(), key=lambda r: (-r["count"], r["name"]))[:limit]
            for key, table in self._counts.items()
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": len(self.rows),
            "words": self.words,
            "failed_inputs": self.failed_inputs,
            "failed_sections": self.failed_sections,
            "gates": self.gate_results,
            "rows": self.rows,
            "totals": self.totals(),
        }


def count_tables(section) -> dict[str, list[dict[str, Any]]]:
    """A section's displayed tables of ``{name, count}`` records, by data key: what the summary adds up.

    A section restored from the cache has them at hand (its data need not be decoded).
    """
    known = getattr(section, "count_tables", None)
    return known() if callable(known) else tables_of_counts(section.display, section.data)


def tables_of_counts(display: Iterable[str], data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    tables = {}
    for key in display:
        value = data.get(key)
        if isinstance(value, list) and all(
            isinstance(r, dict) and isinstance(r.get("name"), str) and isinstance(r.get("count"), int) for r in value
        ):
            tables[key] = value
    return tables


class ReportSpool:
    """The reports of a run, kept compact in a temporary file rather than as dicts in memory.

    A report's dict takes 10-20 times the memory of its JSON (2.5 MiB for a
    3 KB document), so holding every report of a corpus for ``-f json`` grew
    without bound. Each report is kept in ``marshal`` form as its values
    would come back from JSON (lists, string keys), its sections' findings and
    data apart (:class:`textkit.cache.SectionParts`): a report reused from the
    cache (see :mod:`textkit.cache`) brings them as it stored them, so they
    are not decoded and encoded again, and a format that reads no data (or no
    findings) does not decode them at all (:meth:`iter_reports`). Iterating
    decodes one report at a time; it can be repeated.
    """

    _LENGTHS = struct.Struct("<IIII")

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile()  # removed by the OS however the run ends
        self._count = 0

    def append(self, report: dict[str, Any]) -> None:
        """Keep a report given as a dict (``Report.to_dict()``)."""
        from .cache import split_sections

        plain = _plain(report)
        parts = split_sections(plain["sections"])
        plain["sections"] = parts.outlines
        self._write(marshal.dumps(plain), parts.findings, parts.data, b"")

    def append_report(self, report) -> None:
        """Keep a :class:`textkit.Report`."""
        from .cache import from_cache, section_parts

        head = report.to_dict(sections=False)
        if not from_cache(report) or head["gates"] or head["baseline"]:
            head = _plain(head)  # a cached report's own values are JSON's already
        parts = section_parts(report)
        head["sections"] = parts.outlines
        self._write(marshal.dumps(head), parts.findings, parts.data, parts.texts)

    def _write(self, *parts: bytes) -> None:
        self._file.seek(0, os.SEEK_END)
        self._file.write(self._LENGTHS.pack(*map(len, parts)) + b"".join(parts))
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def _records(self, wanted: tuple[Any, Any, Any, bool]) -> Iterator[list[Any]]:
        """(head, findings, data, texts) of each report; None for a part not ``wanted`` (skipped, not read);
        the texts decoded (a dict by format name; empty when not wanted).

        A part may also be wanted only where a report has no text of the format named (see
        :meth:`iter_reports_with_text`): ``wanted`` then holds that name in its place.
        """
        self._file.seek(0)
        file, size = self._file, self._LENGTHS.size
        for _ in range(self._count):
            lengths = self._LENGTHS.unpack(file.read(size))
            record: list[Any] = [file.read(lengths[0]), None, None, None]
            texts = {}
            if lengths[3] and (wanted[3] or isinstance(wanted[1], str) or isinstance(wanted[2], str)):
                # The texts (last) first: whether findings and data are needed may depend on them.
                file.seek(lengths[1] + lengths[2], os.SEEK_CUR)
                texts = marshal.loads(file.read(lengths[3]))
                file.seek(-(lengths[1] + lengths[2] + lengths[3]), os.SEEK_CUR)
            for index in (1, 2):
                want = wanted[index]
                if want is True or (isinstance(want, str) and want not in texts):
                    record[index] = file.read(lengths[index])
                else:
                    file.seek(lengths[index], os.SEEK_CUR)
            file.seek(lengths[3], os.SEEK_CUR)
            record[3] = texts
            yield record

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return self.iter_reports()

    def iter_reports(self, *, findings: bool = True, data: bool = True) -> Iterator[dict[str, Any]]:
        """The reports' dicts; with ``findings=False`` or ``data=False`` their sections lack that key.

        A format that reads no section data (SARIF, GitHub) or no findings
        either (JUnit) says so, and what it does not read is not decoded.
        """
        for head, found, values, _ in self._records((True, findings, data, False)):
            yield rejoined(marshal.loads(head), found, values)

    def iter_reports_with_text(self, name: str, *, findings: bool = True, data: bool = True) -> Iterator[tuple[dict[str, Any], bytes | None]]:
        """``(report, text)``: the text of format ``name`` the cache kept for the report (else None), and
        the report's dict as :meth:`iter_reports` gives it, but without findings or data where there is
        a text (the text holds what the format would read of them)."""
        for head, found, values, texts in self._records((True, name if findings else False, name if data else False, True)):
            text = texts.get(name)
            report = marshal.loads(head)
            if text is not None:
                found = values = None
            yield rejoined(report, found, values), text

    def nested_json(self) -> Iterator[bytes]:
        """Each report as it stands in the documents of ``-f json``'s corpus output, UTF-8.

        Sections the cache kept in that layout are put in as they are (their
        findings and data are not even read): at that size, laying out JSON
        is most of what writing ``-f json`` costs.
        """
        from .formats.json_format import INDENT, NESTED, dumps, key_text, nested

        tools: dict[bytes, str] = {}  # the "tool" part is the same in every report of a run: laid out once
        for report, text in self.iter_reports_with_text("json"):
            if text is None:
                yield (INDENT * 2 + nested(dumps(report))).encode("utf-8")
                continue
            # As dumps(report) lays it out (a report is never flat), but with the sections' text put in.
            parts, sections_at = [], None
            for name, value in report.items():
                if name == "sections":
                    sections_at = len(parts)
                    continue
                if name == "tool":
                    memo = marshal.dumps(value)
                    laid = tools.get(memo) or tools.setdefault(memo, dumps(value, 1))
                else:
                    laid = dumps(value, 1)
                parts.append(f"{key_text(name)}: {laid}")
            if sections_at is None:
                raise ValueError("a spooled report's outline has no sections")  # not a report's to_dict()
            start = "{" + "".join(f"{NESTED}{INDENT}{nested(part)}," for part in parts[:sections_at])
            end = "".join(f",{NESTED}{INDENT}{nested(part)}" for part in parts[sections_at:]) + NESTED + "}"
            yield b"".join((f'{INDENT * 2}{start}{NESTED}{INDENT}"sections": '.encode("utf-8"), text, end.encode("utf-8")))


def rejoined(report: dict[str, Any], findings: bytes | None, data: bytes | None) -> dict[str, Any]:
    """A spooled report's dict with its sections' findings and data put back (in their places), or left out."""
    found = marshal.loads(findings) if findings is not None else None
    values = marshal.loads(data) if data is not None else None
    for index, section in enumerate(report["sections"]):
        if found is None:
            del section["findings"]
        else:
            section["findings"] = found[index]
        if values is None:
            del section["data"]
        else:
            section["data"] = values[index]
    return report


def _plain(value: Any) -> Any:
    """``value`` as JSON gives it back; NaN and infinities are refused, as in every textkit output."""
    return json.loads(json.dumps(value, ensure_ascii=False, allow_nan=False))


@dataclass
class Corpus:
    """What a format's ``render_corpus`` receives for a run over several documents.

    ``reports`` (filled only if the format asks) iterates the reports' dicts;
    :meth:`iter_reports` leaves out what a format does not read.
    """

    summary: CorpusSummary
    tool_version: str
    reports: ReportSpool | list[dict[str, Any]] = field(default_factory=ReportSpool)

    def iter_reports(self, *, findings: bool = True, data: bool = True) -> Iterable[dict[str, Any]]:
        """The reports' dicts; their sections may lack ``findings`` or ``data`` if those are not wanted.

        Only a spool leaves them out (not decoding them is the point); a list of dicts is given as it is.
        """
        if isinstance(self.reports, ReportSpool):
            return self.reports.iter_reports(findings=findings, data=data)
        return self.reports

    def iter_reports_with_text(self, name: str, *, findings: bool = True, data: bool = True) -> Iterable[tuple[dict[str, Any], bytes | None]]:
        """``(report, text)``: see :meth:`ReportSpool.iter_reports_with_text`; a list of dicts has no texts."""
        if isinstance(self.reports, ReportSpool):
            return self.reports.iter_reports_with_text(name, findings=findings, data=data)
        return ((report, None) for report in self.reports)

    def _head(self) -> dict[str, Any]:
        from .report import SCHEMA_VERSION

        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {"name": "textkit", "version": self.tool_version},
            "summary": self.summary.to_dict(),
        }

    def to_dict(self) -> dict[str, Any]:
        return {**self._head(), "documents": list(self.reports)}

    def to_json(self) -> str:
        """``to_dict()`` as ``-f json`` lays out a report, without ever holding more than one report as a dict."""
        buffer = io.BytesIO()
        self.write_json(buffer)
        return buffer.getvalue().decode("utf-8")

    def write_json(self, stream: BinaryIO) -> None:
        """:meth:`to_json` as UTF-8, written to ``stream`` one report at a time."""
        from .formats.json_format import INDENT, dumps, nested

        stream.write(dumps(self._head())[:-2].encode("utf-8"))
        if isinstance(self.reports, ReportSpool):
            documents: Iterable[bytes] = self.reports.nested_json()
        else:
            documents = ((INDENT * 2 + nested(dumps(r))).encode("utf-8") for r in self.reports)
        separator = b',\n  "documents": [\n'
        for document in documents:
            stream.write(separator)
            stream.write(document)
            separator = b",\n"
        stream.write(b',\n  "documents": []\n}' if separator != b",\n" else b"\n  ]\n}")


def corpus_json_schema() -> dict[str, Any]:
    """The JSON Schema of the multi-document ``-f json`` output (``Corpus.to_dict()``), reports included."""
    from importlib import resources

    from .report import json_schema

    schema = json.loads(resources.files("textkit").joinpath("schema/corpus.schema.json").read_text("utf-8"))
    report = {k: v for k, v in json_schema().items() if k not in ("$schema", "$id", "$defs")}
    # The report schema's own references ("#/$defs/section") resolve at this root.
    schema["$defs"] = {**json_schema().get("$defs", {}), "report": report}
    return schema
