"""The JSON formats: one report is exactly ``Report.to_dict()``; JSON Lines is one report per line.

``-f json`` is laid out for people and for ``diff``: the report's outline
(top-level keys, sections, a section's keys, its findings list and data
keys) is indented, and everything below that outline — a finding, a data
value, a list of numbers — is written on one line. Indenting every level
would make the report several times larger than the text it describes (a
finding took 14 lines); one line per finding keeps it small and still reads
and diffs one finding at a time. JSON Lines is written as compactly as JSON
allows: it is for programs.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import compact_json as compact  # JSON Lines and everything below -f json's outline

# Containers this deep (the report is depth 0, a section 2, a finding 4) go on one line.
_ONE_LINE_DEPTH = 4
INDENT = "  "


def _acyclic_encoder():
    """``compact`` without its check for cycles, json's C encoder made once rather than at every call.

    For many small values (a SARIF log's finding data) making the encoder
    was half of the cost. Where the C encoder is missing or is not called
    as in CPython 3.9-3.13, ``compact`` itself.
    """
    try:
        from json.encoder import c_make_encoder, encode_basestring

        base = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
        encode = c_make_encoder(None, base.default, encode_basestring, None, ":", ",", False, False, False)
        sample = {"a": [1, 2.5, None, True, "é\n\"", {"1": []}]}
        if "".join(encode(sample, 0)) == compact(sample):
            return lambda value: "".join(encode(value, 0))
    except Exception:  # another Python's json: the plain way
        pass
    return compact


# ``compact`` for values that cannot hold themselves (data decoded from JSON or marshal): a cycle is a
# RecursionError, not compact's ValueError.
compact_acyclic = _acyclic_encoder()


def render(report, options=None) -> str:
    return dumps(report.to_dict()) + "\n"


def render_corpus(corpus, options=None) -> str:
    """Several documents: ``{"schema_version", "tool", "summary", "documents": [report, ...]}``."""
    return corpus.to_json() + "\n"  # one report held as a dict at a time, not all of them


def write_corpus(corpus, options, stream) -> None:
    """``render_corpus`` as UTF-8 to a binary stream: a large corpus's JSON never exists as one string."""
    corpus.write_json(stream)
    stream.write(b"\n")


def write_pieces(stream, pieces: list[str], chunk: int = 2000) -> None:
    """``"".join(pieces)`` written to a binary stream as UTF-8, a few thousand pieces at a time: a log of
    tens of megabytes is never one string (nor, encoded, one bytes object)."""
    for start in range(0, len(pieces), chunk):
        stream.write("".join(pieces[start : start + chunk]).encode("utf-8"))


# In a corpus's "documents" list, a report's lines are indented two levels more than on their own.
NESTED = "\n" + INDENT * 2


def nested(text: str) -> str:
    """A report's :func:`dumps` as it stands in the documents of a corpus (after the first line's indent)."""
    return text.replace("\n", NESTED)


def nested_sections(sections: list) -> str:
    """A report's sections list as ``-f json`` writes it in the documents of a corpus."""
    return nested(dumps(sections, 1))


def render_line(report, options=None) -> str:
    encoded = getattr(report, "encoded_sections", None)
    if encoded is None:
        return compact(report.to_dict()) + "\n"
    # Sections a worker process encoded already (textkit.parallel): spliced in
    # where they belong, the same bytes as encoding the whole report here. No
    # string value can hold '"sections":null' unescaped, so the first one is the key's.
    outline = report.to_dict(sections=False)
    outline["sections"] = None
    return compact(outline).replace('"sections":null', '"sections":' + encoded, 1) + "\n"


def encode_sections(report, data_texts: list[str | None] | None = None) -> str:
    """The report's ``sections`` as ``render_line`` writes them.

    ``data_texts`` holds, for each section, its ``data`` as :func:`compact` wrote it (None: not
    written yet); it is put in as it is rather than encoded again.
    """
    if data_texts is None:
        return compact([section.to_dict() for section in report.sections])
    pieces = []
    for section, data_text in zip(report.sections, data_texts):
        outline = section.to_dict()
        if data_text is None:
            pieces.append(compact(outline))
            continue
        outline["data"] = None
        # The last '"data":null' is the section's own key: no string can hold it unescaped, and what
        # follows the key (warnings, display: strings; error, skip_reason: null; elapsed_ms) cannot
        # hold it at all, whereas a finding's data before it may.
        head, key, tail = compact(outline).rpartition('"data":null')
        pieces.append(head + '"data":' + data_text + tail)
    return "[" + ",".join(pieces) + "]"


class EncodedItems(list):
    """A list whose items are JSON texts already, each as compact as :func:`dumps` writes it below the outline.

    :func:`dumps` puts them in as they are, laid out as the list of their
    values would be: for a long list of records (SARIF results) that a caller
    encodes faster than one dict at a time through ``json``. Such a list must
    sit where its items are below the outline (ValueError otherwise).
    """


def dumps(value: Any, depth: int = 0) -> str:
    """``value`` as JSON, its outline indented and each container below it on one line.

    ``json.loads(dumps(v)) == v``, as for ``json.dumps``; NaN and infinities
    are refused (ValueError).
    """
    pieces: list[str] = []
    lay_out(value, pieces, depth)
    return "".join(pieces)


def lay_out(value: Any, pieces: list[str], depth: int = 0) -> None:
    """:func:`dumps` of ``value``, appended to ``pieces``: joined once, a large log is not copied at every level."""
    if isinstance(value, EncodedItems):
        _encoded_items(value, pieces, depth)
        return
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, (list, tuple)):
        items = None
    else:
        pieces.append(compact(value))
        return
    if not value or depth >= _ONE_LINE_DEPTH or _flat(value):
        pieces.append(compact(value))
        return
    inner = INDENT * (depth + 1)
    if items is not None:
        separator = "{\n" + inner
        for key, item in items:
            pieces.append(separator + key_text(key) + ": ")
            lay_out(item, pieces, depth + 1)
            separator = ",\n" + inner
        pieces.append("\n" + INDENT * depth + "}")
    else:
        separator = "[\n" + inner
        for item in value:
            pieces.append(separator)
            lay_out(item, pieces, depth + 1)
            separator = ",\n" + inner
        pieces.append("\n" + INDENT * depth + "]")


def _encoded_items(items: EncodedItems, pieces: list[str], depth: int) -> None:
    if not items:
        pieces.append("[]")
        return
    if depth + 1 < _ONE_LINE_DEPTH:
        raise ValueError(f"encoded items belong at depth {_ONE_LINE_DEPTH} or below, not {depth + 1}")
    if depth >= _ONE_LINE_DEPTH or not any(item[0] in "{[" for item in items):
        pieces.append("[" + ",".join(items) + "]")
        return
    inner = INDENT * (depth + 1)
    separator = "[\n" + inner
    for item in items:
        pieces += (separator, item)
        separator = ",\n" + inner
    pieces.append("\n" + INDENT * depth + "]")


def key_text(key: Any) -> str:
    """A key as :func:`dumps` writes it; a key that is not a string as json.dumps does: True as "true", 1 as "1"."""
    return compact(key if isinstance(key, str) else compact(key))


def _flat(value: dict | list | tuple) -> bool:
    """Holds no container: a record of plain values or a list of numbers fits one line."""
    values = value.values() if isinstance(value, dict) else value
    return not any(isinstance(v, (dict, list, tuple)) for v in values)
