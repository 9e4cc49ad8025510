"""The default terminal report, drawn with rich."""

from __future__ import annotations

import io

from ..model import ERROR, OK, SKIPPED, RenderOptions
from . import _display as show

_STATUS_STYLE = {OK: "green", ERROR: "bold red", SKIPPED: "yellow"}


def render(report, options: RenderOptions | None = None) -> str:
    from rich import box
    from rich.console import Console, Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    options = options or RenderOptions()
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="auto" if options.color else None,
        highlight=False,
        emoji=False,
        markup=False,
    )
    doc = report.document
    counts = doc.counts()
    header = Text()
    header.append(doc.source, style="bold")
    header.append(
        f"\n{counts['words']:,} words · {counts['sentences']} sentences · "
        f"{counts['paragraphs']} paragraphs · {doc.size_bytes:,} bytes ({doc.encoding}) · sha256 {doc.sha256[:12]}",
        style="dim",
    )
    console.print(Panel(header, title=f"textkit {report.tool_version}", title_align="left", box=box.ROUNDED))

    for section in report.sections:
        title = Text()
        title.append(section.title, style="bold")
        title.append(f"  {section.status}", style=_STATUS_STYLE.get(section.status, ""))
        title.append(f"  {section.plugin.name} {section.plugin.version} · {section.elapsed_ms:.0f} ms", style="dim")
        parts = []
        if section.error:
            parts.append(Text(f"{section.error['type']}: {section.error['message']}", style="red"))
        if section.metrics:
            metrics = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
            metrics.add_column(style="cyan")
            metrics.add_column(justify="right")
            for name, value in section.metrics.items():
                metrics.add_row(show.label(name), show.number(value))
            parts.append(metrics)
        for key, values in show.series(section):
            parts.append(Text.assemble((f"{show.label(key)}  ", "cyan"), show.sparkline(values)))
        for key, columns, rows, total in show.tables(section):
            table = Table(title=show.label(key), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
            for column in columns:
                table.add_column(show.label(column), overflow="fold")
            for row in rows:
                table.add_row(*row)
            parts.append(table)
            if total > len(rows):
                parts.append(Text(f"… {total - len(rows)} more in the JSON report", style="dim"))
        for warning in section.warnings:
            parts.append(Text(f"! {warning}", style="yellow"))
        if section.findings:
            findings = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 0))
            findings.add_column(style="dim", no_wrap=True)
            findings.add_column(style="magenta", no_wrap=True)
            findings.add_column(ratio=1)
            for f in section.findings[: show.MAX_FINDINGS]:
                body = Text.assemble((f"“{show.excerpt(f.text, 60)}” ", "bold"), (show.excerpt(f.message, 90), ""))
                findings.add_row(f"{f.line}:{f.column}", f.kind, body)
            parts.append(findings)
            if len(section.findings) > show.MAX_FINDINGS:
                parts.append(Text(f"… {len(section.findings) - show.MAX_FINDINGS} more findings in the JSON report", style="dim"))
        console.print(Panel(Group(*parts) if parts else Text("(empty)", style="dim"), title=title, title_align="left", box=box.ROUNDED))
    failed = [s.id for s in report.failed]
    if failed:
        console.print(Text(f"{len(failed)} section(s) failed: {', '.join(failed)}", style="bold red"))
    return buffer.getvalue()
