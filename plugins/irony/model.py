"""The document model: a logistic regression over the features, read from a JSON table.

``plugins/data/irony_model.json`` (trained by ``evaluation/train_irony.py`` with
scikit-learn; read here with the standard library) holds ``intercept``,
``weights`` ({feature: float}), ``threshold`` and ``source`` (the data and
licences it was trained on)::

    contribution(feature) = weight x value
    log_odds              = intercept + sum of contributions
    score                 = 1 / (1 + exp(-log_odds))

so every point of the score is the contribution of a named feature.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from .features import FEATURES
from .lexicon import read_json

TABLE_KEYS = ("intercept", "weights", "threshold")


def check_table(table: dict[str, Any]) -> None:
    missing = [k for k in TABLE_KEYS if k not in table] + sorted(set(FEATURES) - set(table.get("weights", {})))
    if missing:
        raise ValueError(f"irony model table lacks {missing}")


@lru_cache(maxsize=1)
def weight_table() -> dict[str, Any]:
    """The shipped document model (``plugins/data/irony_model.json``)."""
    table = read_json("irony_model.json")
    check_table(table)
    return table


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def contributions(values: dict[str, float], table: dict[str, Any]) -> dict[str, float]:
    weights = table["weights"]
    return {f: float(weights[f]) * values[f] for f in FEATURES}


def log_odds(values: dict[str, float], table: dict[str, Any]) -> float:
    return float(table["intercept"]) + sum(contributions(values, table).values())


def probability(values: dict[str, float], table: dict[str, Any]) -> float:
    return sigmoid(log_odds(values, table))
