"""`textkit new-plugin NAME`: the package it writes installs, passes its own tests and shows in `textkit plugins`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def generated(tmp_path_factory, cli):
    work = tmp_path_factory.mktemp("template")
    done = cli("new-plugin", "passive_voice", cwd=work)
    assert done.returncode == 0, done.stderr
    folder = work / "textkit-passive-voice"
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    site = work / "site"
    pip = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "--no-input", "--quiet", "--target", str(site), str(folder)],
        capture_output=True, text=True, timeout=300,
    )
    assert pip.returncode == 0, pip.stdout + pip.stderr
    return folder, site, written


def test_it_writes_an_installable_package(generated):
    folder, site, written = generated
    assert written == [
        "README.md", "pyproject.toml", "tests/test_textkit_passive_voice.py", "textkit_passive_voice.py",
    ]
    assert '[project.entry-points.textkit]\npassive_voice = "textkit_passive_voice"' in (folder / "pyproject.toml").read_text()
    assert (site / "textkit_passive_voice.py").is_file()


def test_its_tests_pass_as_generated(generated):
    folder, site, _ = generated
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTKIT_")}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder / "tests")],
        capture_output=True, text=True, cwd=folder.parent, env=env, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "4 passed" in done.stdout


def test_it_shows_in_textkit_plugins(generated, cli):
    _, site, _ = generated
    env = {"TEXTKIT_DISABLE_PLUGIN_AUTOLOAD": "0"}
    listing = {r["name"]: r for r in json.loads(cli("plugins", "-f", "json", pythonpath=[site], env=env).stdout)}
    assert listing["passive_voice"]["source"] == "entry point" and listing["passive_voice"]["version"] == "0.1.0"
    checked = {r["name"]: r for r in json.loads(cli("plugins", "--check", "-f", "json", pythonpath=[site], env=env).stdout)}
    assert checked["passive_voice"]["analyzers"] == ["passive_voice"]
    report = json.loads(cli("analyze", "-f", "json", "-", input="One two.", pythonpath=[site], env=env).stdout)
    assert "passive_voice" in [s["id"] for s in report["sections"]]


def test_refuses_a_bad_name_or_a_full_folder(cli, tmp_path):
    bad = cli("new-plugin", "9lives", cwd=tmp_path)
    assert bad.returncode == 2 and "plugin name '9lives'" in bad.stderr
    (tmp_path / "textkit-x").mkdir()
    (tmp_path / "textkit-x" / "keep.txt").write_text("mine")
    full = cli("new-plugin", "x", cwd=tmp_path)
    assert full.returncode == 2 and "exists and is not empty" in full.stderr
    assert (tmp_path / "textkit-x" / "keep.txt").read_text() == "mine"
