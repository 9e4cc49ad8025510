"""Where the evaluation scripts and the quality guards look for the shared gold data."""

from __future__ import annotations

from pathlib import Path

from evaluation import common


def test_environment_variable_wins(monkeypatch, tmp_path):
    monkeypatch.setenv(common.DATA_ENV, str(tmp_path))
    assert common.find_gold_data() == tmp_path


def test_nearest_shared_data_above_the_checkout(monkeypatch, tmp_path):
    monkeypatch.delenv(common.DATA_ENV, raising=False)
    checkout = tmp_path / "ci" / "clone"
    (tmp_path / "shared" / "data").mkdir(parents=True)
    (checkout / "evaluation").mkdir(parents=True)
    monkeypatch.setattr(common, "__file__", str(checkout / "evaluation" / "common.py"))
    assert common.find_gold_data() == tmp_path / "shared" / "data"
    # Nothing above: the path beside the checkout, which callers report as missing.
    monkeypatch.setattr(common, "__file__", str(Path("/nonexistent-root/clone/evaluation/common.py")))
    assert common.find_gold_data() == Path("/nonexistent-root/shared/data")
