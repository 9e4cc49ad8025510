"""Fixtures shared by the end-to-end tests: running the CLI, and installing the example plugin."""

from __future__ import annotations

import re

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LEXICAL_SOURCE = ROOT / "examples" / "textkit-lexical"

# Variables that change what the CLI does; a developer's shell must not leak them into a test.
_TEXTKIT_VARIABLES = ("TEXTKIT_DISABLE_PLUGIN_AUTOLOAD", "TEXTKIT_DEBUG", "NO_COLOR", "PYTHONPATH")


def run_textkit(*args, input=None, pythonpath=(), env=None, cwd=None, command=None):
    """Run ``python -m textkit ARGS`` (or ``command``) in a subprocess; stdout/stderr come back as str.

    Third-party plugins are not autoloaded unless ``env`` turns it back on
    (``{"TEXTKIT_DISABLE_PLUGIN_AUTOLOAD": "0"}``): a developer who followed
    the tutorial and installed examples/textkit-lexical must still see the
    reports these tests expect. textkit's built-ins load either way.
    """
    environment = {k: v for k, v in os.environ.items() if k not in _TEXTKIT_VARIABLES}
    environment["PYTHONIOENCODING"] = "utf-8"
    environment["TEXTKIT_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    if pythonpath:
        environment["PYTHONPATH"] = os.pathsep.join(str(p) for p in pythonpath)
    environment.update(env or {})
    done = subprocess.run(
        [*(command or [sys.executable, "-m", "textkit"]), *map(str, args)],
        input=input.encode("utf-8") if isinstance(input, str) else input,
        capture_output=True,
        env=environment,
        cwd=cwd or ROOT,
        timeout=120,
    )
    done.stdout = done.stdout.decode("utf-8")
    done.stderr = done.stderr.decode("utf-8")
    return done


@pytest.fixture(scope="session")
def cli():
    """run_textkit, for tests and session fixtures."""
    return run_textkit


@pytest.fixture(scope="session")
def lexical_site(tmp_path_factory) -> Path:
    """A folder holding textkit-lexical installed by pip; put it on PYTHONPATH to 'install' the plugin.

    pip installs into a private --target folder, so the shared environment is
    never changed, and builds from a copy, because setuptools builds in the
    source tree and would leave build/ and *.egg-info behind in examples/.
    --no-build-isolation uses the setuptools (and, before setuptools 70.1,
    wheel) that textkit's test extra installs, so no network is needed.
    """
    work = tmp_path_factory.mktemp("lexical")
    source = work / "src"
    shutil.copytree(LEXICAL_SOURCE, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    site = work / "site"
    pip = subprocess.run(
        [
            sys.executable, "-m", "pip", "install", "--no-deps", "--no-build-isolation",
            "--no-index", "--disable-pip-version-check", "--no-input", "--quiet",
            "--target", str(site), str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if pip.returncode != 0:
        pytest.fail(
            "pip could not install examples/textkit-lexical (the test extra provides setuptools and wheel:"
            f" pip install '.[test]'):\n{pip.stdout}\n{pip.stderr}",
            pytrace=False,
        )
    return site


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def modules_after():
    """``modules_after(code, names)``: which of ``names`` a fresh interpreter has imported after running ``code``.

    Start-up cost and the no-heavy-import rule are checked this way, in a
    process of its own, since this one has imported everything already.
    """

    def check(code: str, names) -> list[str]:
        probe = f"import sys\n{code}\nprint(sorted(m for m in {tuple(names)!r} if m in sys.modules))"
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
        return eval(out.strip())  # a list of the given names, printed by the probe above

    return check


_TIMINGS = re.compile(r'"elapsed_ms": ?[0-9.e+-]+')


def without_timings(text: str) -> str:
    """JSON text with every section's elapsed_ms set to 0: runs of the same input differ only there."""
    return _TIMINGS.sub('"elapsed_ms": 0', text)


def write_mixed_corpus(folder: Path, documents: int, first: int, step: int) -> Path:
    """``documents`` growing excerpts of the example article (doc0.txt …), then one whose text trips the
    fixture plugin tkfix_raises_on_marker ("EXPLODE") and an empty file (an input error)."""
    sentences = (ROOT / "examples" / "article.txt").read_text(encoding="utf-8").split(". ")
    for i in range(documents):
        (folder / f"doc{i}.txt").write_text(". ".join(sentences[: first + step * i]) + ".", encoding="utf-8")
    (folder / f"doc{documents}.txt").write_text("It went well. Then EXPLODE happened.", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder

