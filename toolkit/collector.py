"""Building many small objects without the cyclic garbage collector walking them."""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def bulk() -> Iterator[None]:
    """No cyclic garbage collection while one object per word or sentence is built.

    Such objects (spans, per-sentence records) hold numbers and strings and
    no reference cycles, so the collector has nothing to find in them; but
    on a text of a million words it walks the growing pile of live objects
    again and again (30-40 % of segmenting it, measured). It is switched
    back on afterwards, and left alone if it was already off.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# A corpus run frees each document's objects by reference counting once its report is written; the
# young generation's collections (every 700 new objects by default) meanwhile walk the live
# document's thousands of Words, sentences and per-word records again and again and find nothing
# (about 0.25 ms of a news article's 9 ms). With room for one such document the young generation is
# mostly empty again before it is due: 200 news articles in a row, no collection at all.
CORPUS_YOUNG_GENERATION = 50_000


@contextlib.contextmanager
def corpus_collection() -> Iterator[None]:
    """Cyclic garbage collection suited to many documents in a row (see CORPUS_YOUNG_GENERATION);
    as before afterwards. A collector switched off or tuned higher by the caller is left alone."""
    before = gc.get_threshold()
    raised = 0 < before[0] < CORPUS_YOUNG_GENERATION
    if raised:
        gc.set_threshold(CORPUS_YOUNG_GENERATION, *before[1:])
    try:
        yield
    finally:
        if raised and gc.get_threshold()[0] == CORPUS_YOUNG_GENERATION:
            gc.set_threshold(*before)
