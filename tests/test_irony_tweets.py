"""evaluation/irony_tweets.py: the tweet-only ceiling study, on tweets written for these tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from evaluation import irony_tweets as M
from evaluation import train_irony as T

pytest.importorskip("sklearn")
ROOT = Path(__file__).resolve().parents[1]


def test_tone_marks_of_a_sarcastic_tweet():
    marks = M.tone_marks("Love how my train is late AGAIN 😒 #blessed")
    assert marks == {
        "emoji:unamused face": 1,
        "hashtags": 1,
        "hashtag at end": 1,
        "shouted words": 1,
        "praise": 1,
        "praise ... when/how/that": 1,
    }


def test_tone_marks_of_emoticons_stretching_and_punctuation():
    marks = M.tone_marks('@ann Sooo "nice" of them ;-) not!')
    assert marks == {
        "emoticon:;-)": 1,
        "mentions": 1,
        "stretched": 1,
        "!": 1,
        '"': 1,
        "praise": 1,
        "praise ... not/no/never": 1,
    }
    assert M.tone_marks("The bus leaves at noon.") == {}


def test_cue_words_leave_out_names_dates_and_numbers_while_every_token_keeps_them():
    text = "We met Obama in Leeds on 3 May and loved it"
    assert M.cue_words(text) == "we met in on and loved it"
    tokens = M.every_token(text)
    assert tokens["obama"] == 1 and tokens["3"] == 1 and tokens["3 may"] == 1


def _write_data(folder: Path) -> None:
    """Four tiny sets in the shared data layout: 30 ironic and 30 plain tweets, the others only for folds."""
    tweets = folder / "irony_semeval2018"
    tweets.mkdir(parents=True)
    praise = ["love", "adore", "enjoy"]
    chores = ["waiting for the bus", "sitting in traffic", "doing my taxes", "fixing the sink", "losing my keys"]
    lines = ["tweet_index\tlabel\ttext"]
    for i in range(30):
        # The ironic ones end with a space, as SemEval's do where a hashtag was cut out.
        lines.append(f"{2 * i}\t1\tI just {praise[i % 3]} {chores[i % 5]} oh great ")
        lines.append(f"{2 * i + 1}\t0\tThe report on {chores[i % 5]} is ready for the meeting")
    (tweets / "train_taskA.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    longform = folder / "irony_longform"
    longform.mkdir()
    rows = [{"id": i, "text": f"Story {i}.", "satire": i % 2, "ironic": i % 2} for i in range(10)]
    for name in ("satire_news_train.jsonl", "amazon_ironic_reviews_dev.jsonl"):
        (longform / name).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    forum = "class,id,text\n" + "".join(f"{'sarc' if i % 2 else 'notsarc'},{i},Post {i}\n" for i in range(10))
    (longform / "sarcasm_v2_GEN.csv").write_text(forum, encoding="utf-8")


def test_tweet_folds_are_the_evaluations_folds_of_the_tweets(tmp_path):
    _write_data(tmp_path)
    folds = M.tweet_folds(tmp_path)
    labels = T.load_semeval(tmp_path)[1]
    held_out = sorted(i for _, test in folds for i in test)
    assert held_out == list(range(60))  # every tweet held out exactly once
    for train, test in folds:
        assert not set(train) & set(test)
        assert sum(labels[i] for i in test) == 6  # 30 ironic tweets stratified over 5 folds
    # The same folds as evaluation/irony.py's pooled folds, read back within the tweets.
    texts, pooled_labels, groups = T.pooled({name: loader(tmp_path) for name, loader in T.LOADERS.items()})
    tweets = T.load_semeval(tmp_path)[0]
    assert [sorted(tweets[i] for i in test) for _, test in folds] == [
        sorted(texts[i] for i in test if groups[i] == "tweets") for _, test in T.folds(pooled_labels, groups, T.SEED)
    ]


def test_every_row_on_separable_tweets(tmp_path):
    _write_data(tmp_path)
    result = M.evaluate(tmp_path, cache=None)
    values = {row.metric: row.textkit for row in result.rows}
    assert len(values) == 8
    assert values["artefact: trailing white space alone"] == 1.0  # all 30 ironic end with a space, no plain one
    for metric, value in values.items():
        assert value > 0.9, metric  # "love", "oh great" against "report", "meeting": any representation sees it
    assert all(row.target == M.TARGET for row in result.rows if not row.metric.startswith("artefact"))


def test_command_line_without_data_says_so(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "evaluation.irony_tweets", "--data", str(tmp_path / "missing")],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0
    assert run.stdout.strip() == f"irony_tweets: skipped: no data folder at {tmp_path / 'missing'} (pass --data)"
