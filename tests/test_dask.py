"""textkit on a Dask cluster: a LocalCluster of two worker processes gives the output of --jobs 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import without_timings, write_mixed_corpus

pytest.importorskip("dask.bag", reason="the dask extra is not installed")
distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")

import textkit  # noqa: E402
import textkit.dask  # noqa: E402

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_mixed_corpus(tmp_path_factory.mktemp("dask-corpus"), 4, first=2, step=5)


@pytest.fixture(scope="module")
def cluster():
    # The workers are new processes: the fixture plugin must be importable there too.
    mp = pytest.MonkeyPatch()
    mp.setenv("PYTHONPATH", str(FIXTURES))
    mp.syspath_prepend(str(FIXTURES))
    local = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    yield local
    local.close()
    mp.undo()


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_cli_on_the_cluster_writes_what_one_job_writes(cli, corpus, cluster, fmt):
    args = ["analyze", corpus, "-f", fmt, "-p", "tkfix_raises_on_marker", "--disable", "irony", "--color", "never"]
    local = cli(*args, "-j", "1", pythonpath=[FIXTURES])
    remote = cli(*args, "--scheduler", cluster.scheduler_address, pythonpath=[FIXTURES])
    assert remote.returncode == local.returncode == 2  # the empty file
    assert without_timings(remote.stdout) == without_timings(local.stdout)
    assert remote.stderr == local.stderr
    if fmt == "jsonl":
        reports = [json.loads(line) for line in remote.stdout.splitlines()]
        assert [Path(r["document"]["source"]).name for r in reports] == [f"doc{i}.txt" for i in range(5)]
        sections = {s["id"] for s in reports[0]["sections"]}
        assert "marker" in sections and "irony" not in sections  # -p and --disable reached the workers


def test_bag_of_report_dicts(corpus, cluster):
    paths = sorted(str(p) for p in corpus.iterdir())
    with distributed.Client(cluster):
        got = textkit.dask.analyze(paths, only=["readability"]).compute()
    assert len(got) == len(paths)
    assert got[-1] == {"source": paths[-1], "error": {"type": "InputError", "message": got[-1]["error"]["message"]}}
    assert "empty" in got[-1]["error"]["message"]
    for (_, report), remote in zip(textkit.analyze_paths(paths[:-1], only=["readability"]), got):
        assert without_timings(json.dumps(remote)) == without_timings(json.dumps(report.to_dict()))


def test_an_unreachable_scheduler_is_a_usage_error(cli, corpus):
    done = cli("analyze", corpus, "--scheduler", "tcp://127.0.0.1:9")
    assert done.returncode == 2
    assert done.stderr.startswith("textkit: error: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert "Traceback" not in done.stderr
