"""``textkit new-plugin NAME``: write an installable plugin package that passes its own tests.

The package has one analyzer with a declared setting, its entry point, tests
that use the ``textkit.testing`` fixtures, and a README. Edit from there.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import UsageError

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

_PYPROJECT = '''\
[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "textkit-{dash}"
version = "0.1.0"
description = "{title} for textkit"
readme = "README.md"
requires-python = ">=3.10"
dependencies = ["textkit"]

# The whole registration: textkit loads every module named in its "textkit"
# entry-point group. "{name}" is the plugin's name in `textkit plugins`.
[project.entry-points.textkit]
{name} = "{module}"

[tool.setuptools]
py-modules = ["{module}"]

[tool.pytest.ini_options]
testpaths = ["tests"]
'''

_MODULE = '''\
"""{title} for textkit: sentences longer than a limit.

Replace the analysis with your own; keep the shape. Metrics: ``sentences``,
``long_sentences``, ``longest`` (words). Findings: ``long_sentence``
(severity warning) for each sentence over ``max_words``. Setting
``max_words`` (int, 25): set it in textkit.toml (``[{name}]`` table) or for
one run with ``--set {name}.max_words=30``.
"""

from __future__ import annotations

from textkit import Analyzer, Result, Setting, Skip, hookimpl

__version__ = "0.1.0"

ANALYZER_ID = "{name}"
SETTINGS = (Setting("max_words", int, 25, "A sentence with more words than this is a finding."),)


def analyze(document, config) -> Result:
    max_words = config.for_analyzer(ANALYZER_ID).get("max_words", 25)
    if not document.sentences:
        raise Skip("no sentences")
    lengths = [sentence.word_count for sentence in document.sentences]
    long = [(s, n) for s, n in zip(document.sentences, lengths) if n > max_words]
    return Result(
        metrics={{"sentences": len(lengths), "long_sentences": len(long), "longest": max(lengths)}},
        findings=[
            document.finding("long_sentence", s.start, s.end, f"{{n}} words (more than {{max_words}})", severity="warning", words=n)
            for s, n in long
        ],
    )


@hookimpl
def register_analyzers(register):
    register(Analyzer(id=ANALYZER_ID, title="{title}", analyze=analyze, settings=SETTINGS))
'''

_TESTS = '''\
"""Tests for {module}, with the fixtures of textkit.testing (installed with textkit)."""

TEXT = "One two three. One two three four five six."


def test_counts_and_findings(textkit_run, textkit_check):
    report = textkit_run(TEXT, plugins=["{name}"], options={{"{name}": {{"max_words": 4}}}})
    section = report["{name}"]
    assert [s.id for s in report] == ["{name}"]  # exactly the plugins named
    assert section.metrics == {{"sentences": 2, "long_sentences": 1, "longest": 6}}
    [finding] = section.findings
    assert (finding.kind, finding.text, finding.severity) == ("long_sentence", "One two three four five six.", "warning")
    textkit_check(section)


def test_default_setting(textkit_run):
    assert textkit_run(TEXT, plugins=["{name}"])["{name}"].metrics["long_sentences"] == 0


def test_from_markdown(textkit_document, textkit_run):
    document = textkit_document("# Title\\n\\nOne *two* three.", input_format="markdown")
    assert textkit_run(document, plugins=["{name}"])["{name}"].metrics["longest"] == 3


def test_command_line(textkit_cli):
    done = textkit_cli("analyze", "-f", "json", "--set", "{name}.max_words=2", "-", input=TEXT, plugins=["{name}"])
    assert done.exit_code == 0, done.stderr
    [section] = done.json["sections"]
    assert section["metrics"]["long_sentences"] == 2
'''

_README = '''\
# textkit-{dash}

{title} for [textkit](https://pypi.org/project/textkit/): a plugin made with `textkit new-plugin {name}`.

```sh
pip install -e .            # registers the plugin (entry point in pyproject.toml)
textkit plugins             # lists "{name}"
textkit analyze article.txt # the report has a "{name}" section
python -m pytest            # the tests use textkit's pytest fixtures
```

Setting: `max_words` (default 25), in textkit.toml as

```toml
[{name}]
max_words = 30
```

or for one run: `textkit analyze --set {name}.max_words=30 article.txt`.
'''


def write_plugin_template(name: str, directory: str | os.PathLike[str] | None = None) -> Path:
    """Write the package for plugin ``name`` into ``directory`` (default ``./textkit-NAME``); return the folder."""
    name = name.strip().lower().replace("-", "_")
    if not _NAME.match(name):
        raise UsageError(f"plugin name {name!r}: use lower-case letters, digits and '_', starting with a letter")
    dash = name.replace("_", "-")
    folder = Path(directory) if directory else Path(f"textkit-{dash}")
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder}: exists and is not empty")
    module = f"textkit_{name}"
    fields = {"name": name, "dash": dash, "module": module, "title": name.replace("_", " ").capitalize()}
    files = {
        "pyproject.toml": _PYPROJECT,
        f"{module}.py": _MODULE,
        f"tests/test_{module}.py": _TESTS,
        "README.md": _README,
    }
    for relative, template in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template.format(**fields), encoding="utf-8")
    return folder
