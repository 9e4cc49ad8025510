"""Script detection, for analyzers that read Latin-script languages only."""

import json

import pytest

from textkit import Skip
from textkit.script import dominant_script, require_script, script_shares


@pytest.mark.parametrize(
    "text, script",
    [
        ("The committee met on Tuesday.", "Latin"),
        ("Zażółć gęślą jaźń.", "Latin"),
        ("今天天气很好。我们去公园散步吧。", "Han"),
        ("Привет, как дела? Всё хорошо.", "Cyrillic"),
        ("مرحبا بكم في المدينة", "Arabic"),
        ("12345 !!! ...", None),
    ],
)
def test_dominant_script(text, script):
    assert dominant_script(text) == script


def test_shares_count_letters_only():
    shares = script_shares("abc 世界 123 !!")
    assert shares == {"Latin": 0.6, "Han": 0.4}


def test_require_script_skips_with_a_reason():
    require_script("Mostly English with one word 世界 in it.")
    with pytest.raises(Skip, match=r"mostly in Han script \(100% of letters\); readability reads Latin-script"):
        require_script("今天天气很好。" * 60, what="readability")


def test_a_skip_from_the_helper_becomes_a_skipped_section_with_its_reason():
    from textkit import Analyzer, Document, Result
    from textkit.model import PluginInfo
    from textkit.analysis import run_analyzer
    from textkit.config import Config

    def analyze(document, config):
        require_script(document.text, what="the counter")
        return Result(metrics={"letters": len(document.text)})

    counter = Analyzer(id="counter", title="Counter", analyze=analyze)
    section = run_analyzer(counter, PluginInfo("t", "1"), Document("今天天气很好。" * 60), Config())
    assert section.status == "skipped"
    assert section.warnings == ["the text is mostly in Han script (100% of letters); the counter reads Latin-script languages only"]
    assert run_analyzer(counter, PluginInfo("t", "1"), Document("Fine English."), Config()).metrics == {"letters": 13}


def test_the_built_in_analyzers_skip_a_chinese_text_with_a_reason(cli, tmp_path):
    # 60 Chinese sentences used to come out as one sentence of grade 35 with status ok.
    path = tmp_path / "zh.txt"
    path.write_text("今天天气很好，我们去公园散步。" * 60, encoding="utf-8")
    done = cli("analyze", str(path), "-f", "json")
    assert done.returncode == 0, done.stderr
    sections = {s["id"]: s for s in json.loads(done.stdout)["sections"]}
    assert set(sections) == {"readability", "sentiment", "irony", "entities"}
    for section in sections.values():
        assert section["status"] == "skipped"
        assert section["skip_reason"].startswith("the text is mostly in Han script (100% of letters)")


def test_english_with_a_few_foreign_words_is_still_analyzed(cli):
    done = cli("analyze", "-", "-f", "json", input="The café in Zürich sells 世界 tea. People like it a lot.")
    assert done.returncode == 0, done.stderr
    assert all(s["status"] == "ok" for s in json.loads(done.stdout)["sections"])
