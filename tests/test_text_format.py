"""The text format's corpus summary: drawn without rich for a file or a pipe, exactly as rich draws it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textkit.corpus import Corpus, CorpusSummary
from textkit.formats import text
from textkit.model import RenderOptions


def summary(rows, totals=None, gates=()) -> CorpusSummary:
    counts = {}
    for key, records in (totals or {}).items():
        counts[key] = {name: {"name": name, "count": count, "documents": docs} for name, count, docs in records}
    return CorpusSummary(
        rows=rows, words=sum(r["words"] for r in rows), gate_results=list(gates), _counts=counts,
        _titles={"readability": "Readability", "entities": "Entities"},
    )  # fmt: skip


def row(source, words, grade=None, status="ok", **extra):
    headline = {} if grade is None else {"readability": {"metric": "flesch_kincaid_grade", "value": grade}}
    return {"source": source, "status": status, "words": words, "headline": headline, **extra}


def with_rich(corpus, options=None) -> str:
    """The output as rich alone draws it."""
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(text, "plain_table", lambda *args: None)
        return text.render_corpus(corpus, options)


def test_a_small_corpus_is_drawn_as_written_by_hand():
    corpus = Corpus(summary([row("a.txt", 1234, 7.5), row("長い名前.md", 5, None, "gate failed")],
                            {"entities.entities": [("Geneva", 3, 2)]}), "9.9")  # fmt: skip
    # document: "長い名前.md" is 11 cells wide (four wide characters), below the column's minimum of 16;
    # the headline's header is two lines, aligned to the bottom; every column has a space each side.
    expected = (
        "textkit 9.9 · 2 documents · 1,239 words                          \n"
        "                                                                 \n"
        "                                                    Readability  \n"
        "  document           status        words   flesch kincaid grade  \n"
        " ─────────────────────────────────────────────────────────────── \n"
        "  a.txt              ok            1,234                   7.50  \n"
        "  長い名前.md        gate failed       5                         \n"
        "                                                                 \n"
        "Entities across all documents \n"
        "                              \n"
        "  name     count   documents  \n"
        " ──────────────────────────── \n"
        "  Geneva       3           2  \n"
        "                              \n"
    )
    assert text.render_corpus(corpus) == expected
    assert with_rich(corpus) == expected


def test_gate_lines_and_unreadable_inputs_are_printed_as_rich_prints_them():
    gates = [{"document": "b.txt", "gate": "readability.words < 10", "value": 5, "passed": False},
             {"document": "a.txt", "gate": "readability.words < 10", "value": 12, "passed": True}]  # fmt: skip
    rows = [row("a.txt", 12, 3.0), row("b.txt", 5, 1.0, "gate failed"), row("c.txt", 0, status="input error", error="empty file")]
    corpus = Corpus(summary(rows, gates=gates), "1.0")
    output = text.render_corpus(corpus)
    assert output == with_rich(corpus)
    assert output.splitlines()[-3:] == ["c.txt: empty file", "gates: 1 passed, 1 failed", "✗ b.txt: readability.words < 10 (value 5)"]


def test_what_it_cannot_draw_goes_to_rich():
    # A tab (rich expands it), a line break, a name with a space at its end, a title wider than the table.
    for source in ("a\tb.txt", "a\nb.txt", "a.txt ", "x"):
        corpus = Corpus(summary([row(source, 1, 1.0)]), "1.0" if source != "x" else "1.0 " + "long " * 30)
        assert text.plain_table("t", [("document", False, 0)], [[source]]) is None or source == "x"
        assert text.render_corpus(corpus) == with_rich(corpus)
    # Colour and a terminal's width are rich's.
    corpus = Corpus(summary([row("a.txt", 1, 1.0)]), "1.0")
    assert "\x1b[" in text.render_corpus(corpus, RenderOptions(color=True))


names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(["中", "é", "\u0301", "👍", " ", "\u200d", "\u2028", "\t"]),
    min_size=1, max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(names, st.integers(0, 10**7), st.none() | st.floats(-50, 1e6, allow_nan=False)), min_size=1, max_size=6),
    st.lists(st.tuples(names, st.integers(1, 10**6), st.integers(1, 99)), max_size=4),
    st.sampled_from(["ok", "gate failed", "error"]),
)
def test_drawn_without_rich_is_what_rich_draws(documents, entities, status):
    corpus = Corpus(summary([row(name, words, grade, status) for name, words, grade in documents],
                            {"entities.entities": entities} if entities else None), "0.1")  # fmt: skip
    assert text.render_corpus(corpus) == with_rich(corpus)
