"""Configuration files: discovery, precedence, and `textkit config`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from textkit import UsageError
from textkit.config import find_config_file, resolve_settings

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "article.txt"


def test_nearest_file_wins_and_pyproject_needs_its_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.textkit]\nformat = "json"\n')
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "no textkit table"\n')
    path, table = find_config_file(inner)
    assert path == tmp_path / "pyproject.toml" and table == {"format": "json"}
    (tmp_path / "a" / "textkit.toml").write_text('format = "markdown"\n')
    path, table = find_config_file(inner)
    assert path == tmp_path / "a" / "textkit.toml" and table == {"format": "markdown"}


def test_precedence_default_file_command_line(tmp_path):
    (tmp_path / "textkit.toml").write_text(
        'format = "markdown"\nexclude = "drafts/*"\nfail-if = ["irony.score > 0.5"]\n[readability]\nwords_per_minute = 100\n'
    )
    settings = resolve_settings({"format": "json", "exclude": [], "encoding": None}, start=tmp_path)
    assert settings.values["format"] == "json" and settings.sources["format"] == "command line"
    assert settings.values["exclude"] == ["drafts/*"] and settings.sources["exclude"] == str(tmp_path / "textkit.toml")
    assert settings.values["fail_if"] == ["irony.score > 0.5"]
    assert settings.values["encoding"] is None and settings.sources["encoding"] == "default"
    assert settings.config().for_analyzer("readability") == {"words_per_minute": 100}


@pytest.mark.parametrize(
    "content, message",
    [
        ("colour = 'red'\n", "unknown textkit option 'colour'"),
        ("max_bytes = -1\n", "max_bytes must be a positive whole number"),
        ("only = [1, 2]\n", "only must be a string or a list of strings"),
        ("format = [\n", "cannot read configuration"),
    ],
)
def test_bad_configuration_is_a_usage_error(tmp_path, content, message):
    (tmp_path / "textkit.toml").write_text(content)
    with pytest.raises(UsageError, match=message):
        resolve_settings({}, start=tmp_path)


def test_cli_uses_the_file_and_config_command_shows_sources(tmp_path):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.textkit]\nonly = ["readability"]\nformat = "json"\n[tool.textkit.readability]\nwords_per_minute = 100\n'
    )
    run = subprocess.run([sys.executable, "-m", "textkit", "analyze", str(ARTICLE)], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert [s["id"] for s in report["sections"]] == ["readability"]
    assert report["sections"][0]["metrics"]["reading_time_seconds"] == 299.4  # 499 words at 100 per minute
    shown = subprocess.run([sys.executable, "-m", "textkit", "config", "-f", "json"], capture_output=True, text=True, cwd=tmp_path)
    data = json.loads(shown.stdout)
    assert data["options"]["only"] == {"value": ["readability"], "source": str(tmp_path / "pyproject.toml")}
    assert data["options"]["exclude"] == {"value": [], "source": "default"}
    assert data["analyzers"] == {"readability": {"words_per_minute": 100}}


def test_example_ci_configuration_is_valid_and_the_article_passes_its_gates():
    from textkit.gates import parse_gates

    folder = ARTICLE.parent / "ci"
    settings = resolve_settings({}, start=folder)
    assert settings.file == str(folder / "textkit.toml")
    assert len(parse_gates(settings.values["fail_if"])) == 3
    run = subprocess.run(
        [sys.executable, "-m", "textkit", "analyze", str(ARTICLE), "-f", "markdown"],
        capture_output=True, text=True, cwd=folder,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.count("| ✓ |") == 3


# --- discovery stops at the project; mistakes are usage errors naming the key -------------------


def test_discovery_stops_at_the_repository_root(tmp_path):
    (tmp_path / "textkit.toml").write_text('plugins = ["evil_module"]\n')
    project = tmp_path / "checkout"
    (project / ".git").mkdir(parents=True)
    (project / "docs").mkdir()
    assert find_config_file(project / "docs") is None
    (project / "textkit.toml").write_text('format = "json"\n')
    assert find_config_file(project / "docs")[0] == project / "textkit.toml"


def test_discovery_stops_at_the_home_folder(tmp_path, monkeypatch):
    (tmp_path / "textkit.toml").write_text('format = "json"\n')
    home = tmp_path / "home"
    (home / "work").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    assert find_config_file(home / "work") is None


@pytest.mark.parametrize(
    "content, named",
    [
        ("[tool]\ntextkit = 3\n", "[tool.textkit] must be a table"),
        ('encoding = "no-such-codec"\n', "encoding"),
        ('encoding = "rot13"\n', "not a text encoding"),
        ("max_bytes = true\n", "max_bytes"),
        ("max_bytes = 1e400\n", "max_bytes"),
        ('time_budget = "soon"\n', "time_budget"),
        ("time_budget = nan\n", "time_budget"),
    ],
)
def test_settings_of_the_wrong_type_are_usage_errors_naming_the_key(tmp_path, content, named):
    (tmp_path / "textkit.toml").write_text(content)
    with pytest.raises(Exception) as caught:
        resolve_settings({}, start=tmp_path)
    assert caught.value.exit_code == 2 and named in str(caught.value)


def test_plugins_named_in_a_configuration_file_are_listed_when_loaded(tmp_path):
    (tmp_path / "textkit.toml").write_text('plugins = ["tkfix_hostile"]\nonly = ["printer"]\n')
    (tmp_path / "doc.txt").write_text("A short text. Another sentence.\n")
    from conftest import run_textkit

    done = run_textkit("analyze", "doc.txt", "-f", "json", cwd=tmp_path, pythonpath=[Path(__file__).parent / "fixtures"])
    assert done.returncode == 0, done.stderr
    assert f"textkit: loading plugins named in {tmp_path / 'textkit.toml'}: tkfix_hostile" in done.stderr
