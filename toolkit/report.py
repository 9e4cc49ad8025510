"""The combined report of one document: metadata plus one section per analyzer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterator

from .document import Document
from .errors import EXIT_GATE_FAILED, EXIT_OK, EXIT_PLUGIN_FAILED
from .model import ERROR, OK, PluginInfo, Section

# Bump the major part when a key is removed or changes meaning; the minor part
# when keys are added. Consumers should check the major part only.
SCHEMA_VERSION = "2.0"


@dataclass
class Report:
    document: Document
    sections: list[Section]
    tool_version: str
    plugins: list[PluginInfo] = field(default_factory=list)
    # Filled by a run with --fail-if / --baseline (see textkit.gates).
    gates: list[Any] = field(default_factory=list)
    baseline: str | None = None
    changes: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError if the run had none."""
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def __getitem__(self, section_id: str) -> Section:
        return self.section(section_id)

    def __contains__(self, section_id: object) -> bool:
        """``"readability" in report``: the run has a section of that id."""
        return any(section.id == section_id for section in self.sections)

    def __iter__(self) -> Iterator[Section]:
        """``for section in report``: the sections, in report order."""
        return iter(self.sections)

    def __len__(self) -> int:
        return len(self.sections)

    def __repr__(self) -> str:
        """One short line, whatever the size of the document."""
        states = [s.id if s.status == OK else f"{s.id} {s.status}" for s in self.sections]
        listed = ", ".join(states[:6]) + (f", … {len(states) - 6} more" if len(states) > 6 else "")
        words = self.document.counts["words"]
        return f"<Report {self.document.source!r}: {words:,} words; {listed or 'no sections'}>"

    def _repr_html_(self) -> str:
        """Jupyter: the HTML report's section cards and charts, in a frame so its styles stay its own."""
        import html

        from .formats import html as html_format

        page = html_format.render(self)
        return (
            f'<iframe srcdoc="{html.escape(page, quote=True)}" style="width:100%;height:640px;border:0" '
            f'title="textkit report: {html.escape(self.document.source)}"></iframe>'
        )

    def _repr_markdown_(self) -> str:
        """Jupyter (and other Markdown front ends): the Markdown format."""
        from .formats import markdown

        return markdown.render(self)

    def findings_frame(self):
        """A pandas DataFrame with a row per finding (needs the ``pandas`` extra)."""
        from .frames import findings_frame

        return findings_frame([self])

    @property
    def failed(self) -> list[Section]:
        return [s for s in self.sections if s.status == ERROR]

    @property
    def failed_gates(self) -> list[Any]:
        return [g for g in self.gates if not g.passed]

    @property
    def exit_code(self) -> int:
        if self.failed:
            return EXIT_PLUGIN_FAILED
        return EXIT_GATE_FAILED if self.failed_gates else EXIT_OK

    def to_dict(self, *, sections: bool = True) -> dict[str, Any]:
        """The report as the JSON format writes it (see docs/json-report.md).

        ``sections=False`` leaves the sections list empty, for a caller that
        keeps them apart (the corpus spool).
        """
        return {
            "schema_version": SCHEMA_VERSION,
            "tool": {
                "name": "textkit",
                "version": self.tool_version,
                "plugins": [p.to_dict() for p in self.plugins],
            },
            "document": dict(self.document.metadata),
            "sections": self._section_dicts() if sections else [],
            "gates": [g.to_dict() for g in self.gates],
            "baseline": {"source": self.baseline, "changes": self.changes} if self.baseline else None,
        }

    def _section_dicts(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self.sections]


def json_schema() -> dict[str, Any]:
    """The JSON Schema that every ``Report.to_dict()`` validates against."""
    import json
    from importlib import resources

    return json.loads(resources.files("textkit").joinpath("schema/report.schema.json").read_text("utf-8"))
