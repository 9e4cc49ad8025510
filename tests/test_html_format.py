"""The HTML format: structure, charts, highlights, escaping, the corpus page, and a real browser."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from textkit import RenderOptions, analyze_path, analyze_text, load_plugins
from textkit.document import Document
from textkit.formats import html as html_format
from textkit.gates import evaluate, parse_gates
from textkit.model import ERROR, OK, SKIPPED, PluginInfo, Section
from textkit.report import Report

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "article.txt"
ARTIFACTS = ROOT / "tests" / "artifacts"

# Payloads that, if they ever ran, leave a trace in the DOM that --dump-dom shows.
SCRIPT = "<script>window.__pwned=1;document.documentElement.setAttribute('data-pwned','script')</script>"
IMG = "<img src=x onerror=\"window.__pwned=1;document.documentElement.setAttribute('data-pwned','img')\">"
HOSTILE_TEXT = (
    "Oh, how ironic: the release notes say the page is perfectly safe (again). "
    f"The reviewer pasted {SCRIPT} into the comment box, and the preview showed it as plain text. "
    f"Then she tried {IMG} as well, because a careful reviewer always tries more than one trick when a team "
    "promises that every single field of the report is escaped before it ever reaches a browser window. "
    "Period. The team at Acme was pleased. Acme shipped it on Monday, and Acme said nothing broke."
)
HOSTILE_SOURCE = '<img src=x onerror="alert(1)">.txt'

# What the page may contain: anything else (script, img, iframe, link, object...) is a leak.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "section", "div", "span", "a", "h1", "h2",
    "h3", "h4", "p", "figure", "figcaption", "svg", "rect", "line", "text", "circle", "polyline", "g", "i", "b",
    "mark", "aside", "table", "thead", "tbody", "tr", "th", "td", "code", "details", "summary", "dl", "dt", "dd",
}


class Page(HTMLParser):
    """The page parsed: every start tag with its attributes, and the text content."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "mark":
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag == "mark":
            assert self.open, "a </mark> without its <mark>"
            self.open.pop()

    def handle_data(self, data):
        self.text.append(data)

    @property
    def all_text(self) -> str:
        return "".join(self.text)

    def find(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]

    def with_class(self, tag: str, css: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and css in a.get("class", "").split()]


def assert_inert(page: Page) -> None:
    """Nothing but our own tags, no event handlers, nothing fetched from anywhere."""
    tags = {t for t, _ in page.tags}
    assert tags <= ALLOWED_TAGS, f"unexpected elements: {tags - ALLOWED_TAGS}"
    for tag, attrs in page.tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        for key in ("src", "href", "srcset", "action", "formaction", "data"):
            assert key not in attrs or attrs[key].startswith("#"), (tag, attrs)


@pytest.fixture(scope="module")
def html_fmt():
    return load_plugins().formats["html"][0]


@pytest.fixture(scope="module")
def article(html_fmt):
    report = analyze_path(ARTICLE)
    return report, html_fmt.render(report, RenderOptions())


@pytest.fixture(scope="module")
def hostile(html_fmt):
    report = analyze_text(HOSTILE_TEXT, source=HOSTILE_SOURCE)
    return report, html_fmt.render(report, RenderOptions())


# --- registration and structure ------------------------------------------------------------------


def test_registered_as_a_built_in_format(html_fmt):
    assert html_fmt.extension == "html"
    # Registered renderers are wrappers (imported on first use, failures named): compare what they write.
    assert html_fmt.corpus_needs_reports
    from textkit import Corpus, CorpusSummary

    corpus = Corpus(CorpusSummary(), "0.1.0")
    assert html_fmt.render_corpus(corpus, RenderOptions()) == html_format.render_corpus(corpus, RenderOptions())


def test_article_page_has_summary_charts_text_and_sections(article):
    report, markup = article
    page = Page(markup)
    assert markup.startswith("<!DOCTYPE html>")
    figures = {a["id"] for a in page.find("figure")}
    assert figures == {"chart-sentiment", "chart-readability", "chart-entities", "chart-irony"}
    # arc, grades, reading ease, entities, irony families, sentence grades, irony sentence scores
    assert len(page.find("svg")) == 7
    cards = [a["href"] for a in page.with_class("a", "summary-card")]
    assert cards == ["#s-readability", "#s-sentiment", "#s-irony", "#s-entities"]
    assert [a["id"] for a in page.with_class("section", "section")] == [c[1:] for c in cards]
    assert page.find("section", id="text")
    # the text is all there, verbatim once the markup is gone
    text_start = markup.index('<div class="doc-text">') + len('<div class="doc-text">')
    text_html = markup[text_start : markup.index("</div>", text_start)]
    assert "".join(Page(text_html).text) == report.document.text


def test_page_is_self_contained(article):
    _, markup = article
    page = Page(markup)
    assert_inert(page)
    assert not re.search(r"<(script|link|iframe|img|object|embed)\b", markup, re.IGNORECASE)
    assert not re.search(r"(src|href)\s*=\s*[\"']?\s*(https?:)?//", markup, re.IGNORECASE)
    assert not re.search(r"@import|url\(", markup)
    csp = page.find("meta", **{"http-equiv": "Content-Security-Policy"})
    assert csp and "default-src 'none'" in csp[0]["content"] and "script-src" not in csp[0]["content"]


def test_sentiment_arc_has_a_dot_per_sentence_with_its_text(article):
    report, markup = article
    arc = report["sentiment"].data["arc"]
    figure = markup[markup.index('id="chart-sentiment"') : markup.index("</figure>", markup.index('id="chart-sentiment"'))]
    assert figure.count('<circle class="dot') == len(arc) == 27
    assert figure.count('class="arc-smooth"') == 1
    first = report["sentiment"].data["offsets"][0]  # start of the first counted sentence
    assert f"Sentence 1 of 27: compound {arc[0]:+.3f}" in Page(figure).all_text
    assert report.document.text[first : first + 30] in Page(figure).all_text
    # a negative sentence is drawn below the zero line (y of 0 is 12 + 198/2 = 111)
    i = next(i for i, v in enumerate(arc) if v < -0.5)
    dots = re.findall(r'<circle class="dot (\w+)" cx="[\d.]+" cy="([\d.]+)"', figure)
    assert dots[i][0] == "neg" and float(dots[i][1]) > 111


def test_entity_bars_follow_the_entities_table(article):
    report, markup = article
    entities = report["entities"].data["entities"]
    figure = markup[markup.index('id="chart-entities"') : markup.index("</figure>", markup.index('id="chart-entities"'))]
    assert figure.count('<rect class="bar"') == min(len(entities), html_format.MAX_BARS) == 15
    labels = re.findall(r'<text class="row-label"[^>]*>([^<]*)</text>', figure)
    assert labels[:3] == ["China", "DeepSeek", "TikTok"] == [e["name"] for e in entities[:3]]
    widths = [float(w) for w in re.findall(r'<rect class="bar"[^>]*width="([\d.]+)"', figure)]
    assert widths[0] == pytest.approx(480 - 170 - 44)  # the most mentioned fills the track
    assert widths[1] == pytest.approx(widths[0] * 8 / 9, abs=0.1)  # DeepSeek 8 against China 9


def test_range_chart_places_a_grade_on_its_scale():
    bands = [(0, 10, "low"), (10, 20, "high")]
    svg = html_format._range_chart([("A", 10.0, False), ("B", 25.0, True)], bands, ["#fff", "#eee"], 0, 20, [0, 20], "x")
    # the track runs from x=190 to x=960-64=896: 10 of 0..20 is the middle, 25 is clamped to the end
    assert re.findall(r'<circle class="marker" cx="([\d.]+)"', svg) == ["543.0", "896.0"]
    assert "A: 10.00 (high)" in svg and "B: 25.00 (high)" in svg and ">25.0</text>" in svg


def test_article_highlights_irony_markers_and_long_sentences(article):
    report, markup = article
    text_html = markup[markup.index('<section class="card text-part"') :]
    page = Page(text_html)
    marks = page.find("mark")
    irony = report["irony"].findings
    long = [f for f in report["readability"].findings if f.kind == "long_sentence"]
    for f in irony + long:
        kind_class = f"kind-{html_format._slug(f.kind)}"
        pieces = [m for m in marks if kind_class in m["class"].split() and f.message in m.get("title", "")]
        assert pieces, f"no highlight for {f.kind} {f.text!r}"
    assert not [m for m in marks if "kind-hard_sentence" in m["class"]]  # only long sentences, by design
    assert "long sentence" in page.all_text and "a sentence longer than 30 words" in page.all_text
    assert not page.open  # every <mark> closed


# --- highlights: overlaps ------------------------------------------------------------------------


def span(start, end, css, title):
    return html_format._Span(start, end, css, title)


def test_overlapping_spans_are_split_and_nested():
    out = html_format.highlight("abcdefghij", [span(0, 6, "a", "A"), span(4, 9, "b", "B")])
    assert out == (
        '<mark class="a" title="A">abcd</mark>'
        '<mark class="a" title="A"><mark class="b" title="A\nB">ef</mark></mark>'
        '<mark class="b" title="B">ghi</mark>j'
    )


def test_a_span_inside_another_is_nested_in_it():
    out = html_format.highlight("one two three", [span(4, 7, "in", "inner"), span(0, 13, "out", "outer")])
    assert out == (
        '<mark class="out" title="outer">one </mark>'
        '<mark class="out" title="outer"><mark class="in" title="outer\ninner">two</mark></mark>'
        '<mark class="out" title="outer"> three</mark>'
    )


def test_highlight_escapes_text_and_titles_and_skips_empty_spans():
    out = html_format.highlight('a<b>"c', [span(1, 4, "x", '<i onclick="x">'), span(5, 5, "y", "empty")])
    assert out == 'a<mark class="x" title="&lt;i onclick=&quot;x&quot;&gt;">&lt;b&gt;</mark>&quot;c'


# --- escaping everywhere -------------------------------------------------------------------------


def payload(place: str) -> str:
    return f"<img src=x onerror=alert('{place}')><script>alert('{place}')</script>"


def hostile_report() -> Report:
    """A report whose every string (text, source, titles, messages, names, errors) is markup."""
    text = f"First {payload('text')} sentence here. Second sentence is here."
    doc = Document(text, source=payload("source"))
    plugin = PluginInfo(payload("plugin"), "1.0")
    finding = doc.finding("long_sentence", 0, 20, payload("message"))
    sections = [
        Section("readability", payload("title"), plugin, OK, metrics={"consensus_grade": 9.0, payload("metric"): 1.0},
                findings=[finding], warnings=[payload("warning")], display=["findings"]),
        Section("irony", "Irony", plugin, OK, metrics={"score": 0.5},
                findings=[doc.finding(payload("kind"), 6, 12, payload("irony"))],
                data={"families": {payload("family"): {"count": 1, "weight": 1.0, "contribution": 0.5}}}),
        Section("entities", "Entities", plugin, OK, metrics={"distinct": 1},
                data={"entities": [{"name": payload("entity"), "count": 3, "aliases": [payload("alias")],
                                    "type": payload("type")}]}, display=["entities"]),
        Section("thirdparty", payload("third"), plugin, OK, metrics={"n": 1},
                data={"rows": [{payload("column"): payload("cell")}]}, display=["rows", "findings"]),
        Section("broken", payload("broken"), plugin, ERROR, error={"type": payload("type"), "message": payload("error")}),
    ]
    return Report(doc, sections, "0.0")


def test_every_string_from_the_document_or_a_plugin_is_escaped():
    markup = html_format.render(hostile_report())
    page = Page(markup)
    assert_inert(page)
    visible = page.all_text + "".join(a.get("title", "") for _, a in page.tags)
    for place in ("text", "source", "plugin", "message", "title", "metric", "warning", "kind", "irony", "family",
                  "entity", "alias", "third", "column", "cell", "broken", "type", "error"):
        assert payload(place) in visible, place
    assert payload("source") in "".join(Page(markup[markup.index("<title>") : markup.index("</title>")]).text)


def test_hostile_document_through_the_analyzers(hostile):
    _, markup = hostile
    page = Page(markup)
    assert_inert(page)
    assert SCRIPT in page.all_text and IMG in page.all_text
    assert HOSTILE_SOURCE in page.all_text
    # the long sentence holding the <img> payload is highlighted, its title says why
    assert re.search(r'<mark class="hl long kind-long_sentence" title="[^"]*47 words \(more than 30\)[^"]*">'
                     r"Then she tried &lt;img src=x onerror=", markup)


# --- sections that failed, were skipped, or are missing ------------------------------------------


def test_a_failed_or_skipped_section_loses_its_chart_and_says_why(article):
    report, _ = article
    doc, plugin = report.document, PluginInfo("x", "1")
    sections = [
        report["readability"],
        Section("sentiment", "Sentiment", plugin, ERROR, error={"type": "ValueError", "message": "VADER exploded"}),
        Section("entities", "Entities", plugin, SKIPPED, warnings=["no prose sentences"]),
        report["irony"],
    ]
    page = Page(html_format.render(Report(doc, sections, "0.0")))
    assert {a["id"] for a in page.find("figure")} == {"chart-readability", "chart-irony"}
    assert page.with_class("a", "status-error") and page.with_class("a", "status-skipped")
    assert "ValueError: VADER exploded" in page.all_text and "no prose sentences" in page.all_text
    assert page.with_class("div", "error-box")
    assert page.with_class("mark", "kind-long_sentence")  # the other sections still highlight


def test_a_report_with_one_section_draws_only_its_chart():
    report = analyze_text("A short text. It has two sentences, and nobody is named here.", only=["readability"])
    page = Page(html_format.render(report))
    assert {a["id"] for a in page.find("figure")} == {"chart-readability"}
    assert "Nothing to highlight." in page.all_text


def test_gates_and_baseline_changes_are_shown(article):
    report, _ = article
    report = Report(report.document, report.sections, report.tool_version, report.plugins)
    report.gates = evaluate(parse_gates(["readability.flesch_kincaid_grade > 12", "irony.score > 0.1"]), report)
    report.baseline = "old.json"
    report.changes = {"readability": {"flesch_kincaid_grade": {"baseline": 9.54, "change": 0.5}}}
    page = Page(html_format.render(report))
    rows = [a["class"] for a in page.find("tr") if a.get("class") in ("pass", "fail")]
    assert rows == ["pass", "fail"]
    text = page.all_text
    assert "✓" in text and "✗" in text and "FAILED" in text and "1 passed, 1 failed" in text
    assert "compared with old.json" in text and "10.04 (+0.50)" in text


# --- several documents ---------------------------------------------------------------------------


def test_corpus_page(cli, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "<b>odd.txt").write_text("Acme met Globex in Paris. Acme was pleased, and Globex said so.", encoding="utf-8")
    out = tmp_path / "corpus.html"
    done = cli("analyze", str(folder / "a.txt"), str(folder / "<b>odd.txt"), str(folder / "missing.txt"),
               "-f", "html", "-o", str(out))
    assert done.returncode == 2, done.stderr  # the missing file is an input error
    markup = out.read_text(encoding="utf-8")
    page = Page(markup)
    assert_inert(page)
    rows = [r for r in page.find("tr")]
    assert len(rows) >= 4  # header + three documents
    assert [a["href"] for a in page.find("a") if re.fullmatch(r"#doc-\d+", a.get("href", ""))] == ["#doc-0", "#doc-1"]
    assert [a["id"] for a in page.with_class("section", "document")] == ["doc-0", "doc-1"]
    assert str(folder / "<b>odd.txt") in page.all_text and "input error" in page.all_text
    figures = [a["id"] for a in page.find("figure")]
    assert "chart-total-entities-entities" in figures
    assert figures.count("chart-sentiment") == 2 and figures.count("chart-readability") == 2
    assert 'id="text"' not in markup  # no highlighted text on the corpus page, by design
    assert "Acme" in page.all_text and "DeepSeek" in page.all_text  # the totals chart names both documents' entities


# --- a real browser ------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)")
def test_in_chromium_nothing_from_the_document_runs_and_the_page_draws(tmp_path, hostile, article):
    # The control: the same payloads unescaped do run in this browser and leave their trace.
    control = tmp_path / "control.html"
    control.write_text(f"<!DOCTYPE html><html><body><p>{SCRIPT}{IMG}</p></body></html>", encoding="utf-8")
    dom = Page(chromium("--dump-dom", control.as_uri(), profile=tmp_path / "p0").stdout)
    assert "data-pwned" in dom.find("html")[0], "the browser check is blind: the unescaped control did not run"

    page_file = tmp_path / "hostile.html"
    page_file.write_text(hostile[1], encoding="utf-8")
    done = chromium("--dump-dom", page_file.as_uri(), profile=tmp_path / "p1")
    assert done.returncode == 0, done.stderr
    dom = Page(done.stdout)
    assert not [attrs for _, attrs in dom.tags if "data-pwned" in attrs]
    assert not dom.find("img") and not dom.find("script")
    assert SCRIPT in dom.all_text and IMG in dom.all_text
    assert len(dom.find("svg")) >= 4
    assert dom.with_class("mark", "kind-long_sentence") and dom.with_class("mark", "kind-explicit")
    assert all(m.get("title") for m in dom.find("mark") if "hl" in m.get("class", "").split())

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, markup in (("html-report-hostile", hostile[1]), ("html-report-article", article[1])):
        source = tmp_path / f"{name}.html"
        source.write_text(markup, encoding="utf-8")
        png = ARTIFACTS / f"{name}.png"
        png.unlink(missing_ok=True)
        shot = chromium(f"--screenshot={png}", "--window-size=1280,2000", source.as_uri(), profile=tmp_path / name)
        assert shot.returncode == 0, shot.stderr
        data = png.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
