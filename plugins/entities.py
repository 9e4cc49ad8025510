"""Entity frequency: who and what the text names, and how often.

A rule-based recogniser that needs no model: capitalisation, the document's
own evidence about how a word is written, and small word lists. Two separate
steps, each usable alone:

- :func:`find_mentions` (``textkit.plugins._entity_mentions``) finds the spans
  that name something. Its rules are documented there: possessives,
  hyphenated and glued words, titles, sentence-initial ordinary words,
  capitals-only headlines. Web-page chrome is never read.
- :func:`merge_mentions` (``textkit.plugins._entity_merge``) joins mentions
  of the same entity (acronym and long form, short and full name, "U.S." and
  "US") and gives each row a type.

A model-based recogniser can be another plugin that produces
:class:`Mention` objects and calls :func:`entity_result`, so its report has
the same shape.

Result
------
metrics
    ``distinct``: number of entity rows; ``mentions``: total mentions.
findings
    One per entity, kind ``entity``, at its first mention, message "NAME: N
    mentions", data ``{"others": [start, end, start, end, ...]}``: the
    spans of its other mentions in text order, flat, two offsets each; and
    ``"entity": NAME`` when the first mention is spelt otherwise than the
    entity's name (so the entity is ``data.get("entity", text)``; its type is
    in the entities table). A span is the name itself: for "China’s" it is "China" (the
    possessive is not part of the name), for "byTikTok" it is "TikTok", for
    "DeepSeek-inspired" it is "DeepSeek", for "President Trump" it is
    "Trump". (Before schema 1.4 there was one finding per mention, kind
    ``mention``.)
data
    ``{"entities": [{"name": str, "count": int, "aliases": [str, ...],
    "type": "person" | "organisation" | "place" | "nationality" | null},
    ...]}``, most mentioned first, ties by name. ``name`` is the longest
    spelling in the row; ``aliases`` are the spellings seen in the text,
    sorted. A document with prose but no names gives an empty list.

Skipped when the document has no prose sentences.
"""

from __future__ import annotations

from itertools import chain
from operator import attrgetter

from textkit import Analyzer, Result, Skip, hookimpl, require_script

from ._entity_mentions import Mention, find_mentions
from ._entity_merge import Entity, merge_mentions

__all__ = ["Entity", "Mention", "analyze", "entity_result", "find_mentions", "mention_spans", "merge_mentions"]


_SPAN = attrgetter("start", "end")


def entity_result(document, mentions: list[Mention]) -> Result:
    """The entities section for ``mentions`` found in ``document`` by any recogniser."""
    entities = merge_mentions(mentions)
    findings = []
    for entity in entities:
        mentions = entity.mentions
        first = mentions[0]  # mentions are in text order
        count = len(mentions)
        data = {"others": list(chain.from_iterable(map(_SPAN, mentions[1:]))) if count > 1 else []}
        if first.text != entity.name:  # "SCMP" first, "South China Morning Post" later
            data["entity"] = entity.name
        findings.append(
            document.finding(
                "entity",
                first.start,
                first.end,
                f"{entity.name}: {count} mention{'' if count == 1 else 's'}",
                **data,
            )
        )
    findings.sort(key=_SPAN)
    return Result(
        metrics={"distinct": len(entities), "mentions": sum(len(e.mentions) for e in entities)},
        findings=findings,
        data={"entities": [e.to_dict() for e in entities]},
        display=["entities"],
    )


def mention_spans(section) -> list[tuple[int, int, str, str | None]]:
    """Every mention of a section (or Result) as ``(start, end, entity name, type)``, in text order.

    The findings hold one entity each, its other mentions in ``data["others"]``;
    this unfolds them again, with each entity's type from the entities table.
    """
    types = {row["name"]: row["type"] for row in section.data.get("entities", [])}
    spans = []
    for finding in section.findings:
        name = finding.data.get("entity", finding.text)
        others = finding.data.get("others", [])
        spans.append((finding.start, finding.end, name, types.get(name)))
        spans += [(others[i], others[i + 1], name, types.get(name)) for i in range(0, len(others) - 1, 2)]
    return sorted(spans)


def analyze(document, config) -> Result:
    require_script(document.text, what="entities (English capitalisation and word lists)")
    if not document.prose_sentences:
        raise Skip("no prose sentences")
    return entity_result(document, find_mentions(document))


@hookimpl
def register_analyzers(register):
    register(
        Analyzer(
            id="entities",
            title="Entities",
            analyze=analyze,
            description="Named entities (people, organisations, places, nationalities) with mention counts",
            order=40,
        )
    )
