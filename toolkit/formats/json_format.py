"""The JSON format: exactly ``Report.to_dict()``."""

from __future__ import annotations

import json


def render(report, options=None) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, allow_nan=False) + "\n"
