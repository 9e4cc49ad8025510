"""run_analyzer keeps whatever an analyzer does inside its own section (in-process checks)."""

from __future__ import annotations

import math
import os
import signal
import time

import pytest

from textkit import Analyzer, Document, Result
from textkit.analysis import run_analyzer
from textkit.config import Config
from textkit.errors import Interrupted
from textkit.model import PluginInfo

DOC = Document("The committee met on Tuesday. It approved the plan.")
PLUGIN = PluginInfo("t", "1")


def run(analyze, budget=5.0):
    return run_analyzer(Analyzer(id="x", title="X", analyze=analyze), PLUGIN, DOC, Config(), budget)


def test_prints_go_to_stderr_escaped_never_to_stdout(capfd):
    def chatty(document, config):
        print("to stdout")
        os.write(1, b"below python\n")
        return Result(metrics={"n": 1})

    section = run(chatty)
    out, err = capfd.readouterr()
    assert section.status == "ok" and out == ""
    assert "textkit: analyzer 'x' printed: to stdout" in err and "below python" in err


@pytest.mark.parametrize("exc", [SystemExit(3), KeyboardInterrupt(), BaseException("odd"), GeneratorExit()])
def test_any_exception_is_the_sections_error(exc):
    def raises(document, config):
        raise exc

    section = run(raises)
    assert section.status == "error" and section.error["type"] == type(exc).__name__


def test_the_users_interrupt_ends_the_run():
    def interrupted(document, config):
        # Raised in this (the main) thread: os.kill may hand it to a thread an earlier test left behind,
        # and under heavy load the handler then ran late or not within the budget (flaky).
        signal.raise_signal(signal.SIGINT)
        for _ in range(600):
            time.sleep(0.05)

    with pytest.raises(Interrupted):
        run(interrupted, budget=60.0)


def test_an_overrunning_analyzer_gets_an_error_naming_the_budget():
    def sleeps(document, config):
        time.sleep(30)

    started = time.monotonic()
    section = run(sleeps, budget=0.3)
    assert time.monotonic() - started < 5
    assert section.error == {
        "type": "BudgetExceeded",
        "message": "the time budget of 0.3 s per analyzer per document was spent (setting time_budget)",
    }
    # The timer is off again: nothing fires later.
    time.sleep(0.5)


@pytest.mark.parametrize(
    "result, message",
    [
        (lambda d: Result(findings=[d.finding("k", 0, 3, "m", score=math.inf)]), "findings[0].data.score is not a finite"),
        (lambda d: Result(findings=[d.finding("k", 0, 3, "m", nested=[1.0, {"a": math.nan}])]), "findings[0].data.nested[1].a"),
        (lambda d: Result(metrics={"m": math.nan}), "not finite"),
    ],
)
def test_non_finite_numbers_anywhere_are_a_plugin_error(result, message):
    section = run(lambda document, config: result(document))
    assert section.status == "error" and section.error["type"] == "InvalidResult"
    assert message in section.error["message"]


@pytest.mark.parametrize(
    "value, path",
    [
        ({"arc": [0.5, -0.25, 3], "offsets": [0, 10**400]}, None),  # too large to sum as floats: still finite
        ({"arc": [0.5, math.inf, 1.0]}, "data.arc[1]"),
        ({"arc": [1e308, 1e308, -math.inf]}, "data.arc[2]"),  # the sum overflows first
        ({"rows": [{"a": 1.0}, "text", (2.0, [math.nan])]}, "data.rows[2][1][0]"),
        ({"rows": [True, 2, "x", {"b": [1e308, 1e308]}]}, None),
        ([math.inf, -math.inf], "data[1]"),  # the last item is looked at first, as before
        ([], None),
    ],
)
def test_non_finite_names_the_number(value, path):
    from textkit.isolation import non_finite

    assert non_finite(value, "data") == path


def test_a_finding_outside_the_text_is_a_plugin_error():
    from textkit.model import Finding

    section = run(lambda document, config: Result(findings=[Finding("k", "m", 40, 999, 1, 1, "x")]))
    assert section.status == "error" and "lies outside the text (0..51)" in section.error["message"]


def test_non_finite_reads_a_plugins_own_number_type_item_by_item():
    from textkit.isolation import non_finite

    class Odd:  # float() of it fails: the check must not, and looks at the floats beside it
        def __float__(self):
            raise RuntimeError("no float")

    assert non_finite({"values": [Odd(), 1.0]}, "data") is None
    assert non_finite({"values": [Odd(), math.nan]}, "data") == "data.values[1]"


def test_a_shield_installs_the_guards_once_for_many_analyzers_and_restores_them(capfd):
    """analyze_document runs a document's analyzers inside one shield: each still has its prints
    caught (fd 1 too), its own budget, and the user's Ctrl-C; afterwards all is as before."""
    from textkit.isolation import shielded

    def chatty(document, config):
        print("to stdout")
        os.write(1, b"below python\n")
        return Result(metrics={"n": 1})

    def sleeps(document, config):
        time.sleep(30)

    def interrupted(document, config):
        signal.raise_signal(signal.SIGINT)
        for _ in range(600):
            time.sleep(0.05)

    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGALRM)}
    started = time.monotonic()
    with shielded():
        assert signal.getsignal(signal.SIGINT) is not handlers[signal.SIGINT]
        first = run(chatty)
        overrun = run(sleeps, budget=0.3)
        after = run(chatty, budget=0.3)  # the spent budget does not carry over to the next analyzer
        time.sleep(0.5)  # nor does its timer fire later
        with pytest.raises(Interrupted):
            run(interrupted, budget=60.0)
    assert time.monotonic() - started < 10
    assert first.status == after.status == "ok"
    assert overrun.error["type"] == "BudgetExceeded"
    assert {s: signal.getsignal(s) for s in handlers} == handlers
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    os.write(1, b"stdout again\n")
    out, err = capfd.readouterr()
    assert out == "stdout again\n"
    assert err.count("textkit: analyzer 'x' printed: to stdout") == 2 and err.count("below python") == 2


def test_the_first_bad_finding_is_named_whether_its_position_or_its_data_is_wrong():
    from textkit.model import Finding

    def finding(start, end, **data):
        return Finding("k", "m", start, end, 1, 1, "x", data)

    cases = [
        ([finding(0, 3), finding(4, 5, w=float("nan")), finding(40, 999)], "findings[1].data.w is not a finite number"),
        ([finding(0, 3), finding(40, 999), finding(4, 5, w=float("nan"))], "finding 1 (40..999) lies outside the text"),
        # One finding wrong both ways: its position is checked first.
        ([finding(40, 999, w=[1.0, float("inf")])], "finding 0 (40..999) lies outside the text"),
        ([finding(0, 3, ok=1.5), finding(3, 4, deep={"list": [1, -float("inf")]})], "findings[1].data.deep.list[1] is not"),
    ]
    for findings, message in cases:
        section = run(lambda document, config: Result(findings=findings))
        assert section.status == "error" and message in section.error["message"], (message, section.error)
    clean = run(lambda document, config: Result(findings=[finding(0, 3, score=0.5, parts=[1, 2.5])]))
    assert clean.status == "ok"


def test_an_ignored_or_default_signal_keeps_its_disposition_inside_and_after_the_shield():
    """A pool worker ignores Ctrl-C and leaves SIGTERM at its default: the shield installs nothing for them."""
    from textkit.isolation import shielded

    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        with shielded():
            assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
            assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
        assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == (signal.SIG_IGN, signal.SIG_DFL)
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


def test_a_finding_whose_data_holds_itself_is_a_plugin_error_not_a_hang():
    """It once made the check walk for ever; JSON could not write it anyway. Shared values are fine."""
    from textkit.isolation import holds_itself, non_finite

    def holding_itself(document, config):
        data = {"a": 1}
        data["again"] = [data]
        return Result(findings=[document.finding("k", 0, 3, "m", ok=1), document.finding("k", 0, 3, "m", loop=data)])

    section = run(holding_itself)
    assert section.status == "error" and section.error["message"] == "findings[1].data holds itself"

    def sharing(document, config):
        shared = [1.5, {"x": 2}]
        return Result(findings=[document.finding("k", 0, 3, "m", a=shared, b=shared, c={"d": shared})])

    assert run(sharing).status == "ok"
    looped: dict = {"n": float("nan")}
    looped["me"] = looped
    assert non_finite(looped, "data") == "data.n" and holds_itself([1, [2, looped]])
    assert not holds_itself({"a": [1, 2], "b": [[3], {"c": None}]})
