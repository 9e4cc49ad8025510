"""The run's configuration, as analyzers receive it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True)
class Config:
    """Options for one run.

    ``options`` maps an analyzer id to that analyzer's own settings, so a
    plugin reads ``config.for_analyzer("readability").get("words_per_minute", 238)``
    and never sees another plugin's keys.
    """

    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def for_analyzer(self, analyzer_id: str) -> Mapping[str, Any]:
        return self.options.get(analyzer_id, {})
