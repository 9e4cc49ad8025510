"""The default terminal report, drawn with rich."""

from __future__ import annotations

import io

from ..model import ERROR, FINDINGS, OK, SKIPPED, RenderOptions
from . import _display as show

_STATUS_STYLE = {OK: "green", ERROR: "bold red", SKIPPED: "yellow"}
# Metric name/value pairs per row, so that 15 metrics take a few lines, not 15.
_METRIC_COLUMNS_WIDE = 3  # from 120 columns
_METRIC_COLUMNS = 2
_UNLIMITED_WIDTH = 100_000


def render(report, options: RenderOptions | None = None) -> str:
    from rich import box
    from rich.console import Console, Group
    from rich.panel import Panel
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
    counts = doc.counts
    header = Text()
    header.append(show.safe(doc.source), style="bold")
    header.append(
        f"\n{show.document_sizes(counts, doc.size_bytes, doc.encoding)} · sha256 {doc.sha256[:12]}",
        style="dim",
    )
    if report.baseline:
        header.append(f"\ncompared with {report.baseline}", style="dim")
    console.print(Panel(header, title=f"textkit {report.tool_version}", title_align="left", box=box.ROUNDED))
    if report.gates:
        lines = Text()
        for i, result in enumerate(report.gates):
            style = "green" if result.passed else "bold red"
            lines.append(("\n" if i else "") + f"{show.gate_mark(result)} {show.safe(result.describe())}", style=style)
        console.print(Panel(lines, title="Gates", title_align="left", box=box.ROUNDED))

    for section in report.sections:
        title = Text()
        title.append(show.safe(section.title), style="bold")
        title.append(f"  {section.status}", style=_STATUS_STYLE.get(section.status, ""))
        title.append(f"  {section.plugin.name} {section.plugin.version} · {section.elapsed_ms:.0f} ms", style="dim")
        body = []
        if section.error:
            body.append(Text(show.safe(f"{section.error['type']}: {section.error['message']}"), style="red"))
        if section.metrics:
            body.append(_metrics(report, section, _METRIC_COLUMNS_WIDE if options.width >= 120 else _METRIC_COLUMNS))
        for warning in section.warnings:
            body.append(Text(show.safe(f"! {warning}"), style="yellow"))
        for part in show.parts(section):
            body.extend(_findings(section) if part == FINDINGS else _data(section, part))
        console.print(
            Panel(Group(*body) if body else Text("(empty)", style="dim"), title=title, title_align="left", box=box.ROUNDED)
        )
    failed = [s.id for s in report.failed]
    if failed:
        console.print(Text(f"{show.plural(len(failed), 'section')} failed: {', '.join(failed)}", style="bold red"))
    return buffer.getvalue()


def _metrics(report, section, columns: int):
    from rich.table import Table

    grid = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 0), expand=False)
    columns = min(columns, len(section.metrics))
    for _ in range(columns):
        grid.add_column(style="cyan", no_wrap=True)
        grid.add_column(justify="right", no_wrap=True, min_width=8)
        grid.add_column(width=3)
    items = list(section.metrics.items())
    for row_start in range(0, len(items), columns):
        cells = []
        for name, value in items[row_start : row_start + columns]:
            cells += [show.label(name), show.metric_value(report, section.id, name, value), ""]
        grid.add_row(*cells)
    return grid


def _data(section, key: str) -> list:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    values = show.numbers(section, key)
    if values is not None:
        return [Text.assemble((f"{show.label(key)}  ", "cyan"), show.sparkline(values))]
    shaped = show.table(section, key)
    if shaped is None:
        return []
    columns, rows, total = shaped
    table = Table(title=show.label(key), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
    for column in columns:
        table.add_column(show.label(column), overflow="fold")
    for row in rows:
        table.add_row(*row)
    out = [table]
    if total > len(rows):
        out.append(Text(f"… {total - len(rows)} more in the JSON report", style="dim"))
    return out


def _findings(section) -> list:
    from rich.table import Table
    from rich.text import Text

    if not section.findings:
        return []
    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1, 0, 0))
    table.add_column(style="dim", no_wrap=True)
    table.add_column(style="magenta", no_wrap=True)
    table.add_column(ratio=1)
    for f in section.findings[: show.MAX_FINDINGS]:
        body = Text.assemble((f"“{show.excerpt(f.text, 60)}” ", "bold"), (show.excerpt(f.message, 90), ""))
        table.add_row(f"{f.line}:{f.column}", show.safe(f.kind), body)
    out = [table]
    if len(section.findings) > show.MAX_FINDINGS:
        out.append(Text(f"… {show.plural(len(section.findings) - show.MAX_FINDINGS, 'more finding')} in the JSON report", style="dim"))
    return out


def render_corpus(corpus, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    summary = corpus.summary
    columns = show.corpus_columns(summary)
    title = f"textkit {corpus.tool_version} · {show.corpus_caption(summary)}"
    headers = [("document", False, 16), ("status", False, 0), ("words", True, 0)]
    headers += [(header.replace(": ", "\n", 1), True, 0) for _, header in columns]
    rows = [
        [show.safe(row["source"]), row["status"], f"{row['words']:,}", *show.corpus_cells(row, columns)] for row in summary.rows
    ]
    totals = [
        (
            f"{summary.total_title(key)} across all documents",
            [(show.safe(r["name"]), str(r["count"]), str(r["documents"])) for r in records],
        )
        for key, records in summary.totals(show.MAX_TOTAL_ROWS).items()
    ]
    failed = [g for g in summary.gate_results if not g["passed"]]
    lines = [(show.safe(f"{row['source']}: {row['error']}"), "red") for row in summary.rows if row.get("error")]
    if summary.gate_results:
        lines.append((f"gates: {len(summary.gate_results) - len(failed)} passed, {len(failed)} failed", "bold red" if failed else "green"))
    lines += [(show.safe(f"✗ {g['document']}: {g['gate']} (value {g['value']})"), "red") for g in failed]
    if not (options.color or options.terminal):
        # A file or a pipe: what rich prints, written here (rich's tables took most of a cached run's time).
        plain = [plain_table(title, headers, rows), *(plain_line(text) for text, _ in lines)]
        plain += [plain_table(caption, _TOTALS_COLUMNS, records) for caption, records in totals]
        if all(part is not None for part in plain):
            return "".join(plain)
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    # Fitted to the width on a terminal only; a file or a pipe gets every column in full.
    console = Console(
        file=buffer, width=options.width if options.terminal else _UNLIMITED_WIDTH, force_terminal=options.color, no_color=not options.color,
        color_system="auto" if options.color else None, highlight=False, emoji=False, markup=False,
    )
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    table.add_column("document", overflow="fold", min_width=16)
    table.add_column("status", no_wrap=True)
    for name, _, _ in headers[2:]:
        table.add_column(name, justify="right")
    for cells in rows:
        status = Text(cells[1], style="green" if cells[1] == OK else "bold red")
        table.add_row(cells[0], status, *cells[2:])
    console.print(table)
    for text, style in lines:
        console.print(Text(text, style=style))
    for caption, records in totals:
        table = Table(title=caption, title_justify="left", box=box.SIMPLE_HEAD)
        for name, right, _ in _TOTALS_COLUMNS:
            table.add_column(name, justify="right" if right else "left")
        for record in records:
            table.add_row(*record)
        console.print(table)
    return buffer.getvalue()


def plain_line(text: str) -> str | None:
    """A line of text as rich prints it on an unlimited width, if it is one printable line; else None."""
    from rich.cells import cell_len

    return text + "\n" if text.isprintable() and cell_len(text) <= _UNLIMITED_WIDTH else None


# (header, right-aligned, minimum width) of the totals tables' columns.
_TOTALS_COLUMNS = [("name", False, 0), ("count", True, 0), ("documents", True, 0)]


def plain_table(title: str, columns: list[tuple[str, bool, int]], rows: list) -> str | None:
    """A titled table exactly as rich prints it uncoloured with ``box.SIMPLE_HEAD`` on an unlimited width,
    for the text it can draw without rich: single-line printable cells (headers may hold line breaks),
    none with spaces at an end; else None.

    Each column is as wide as its widest line plus a space each side (at least ``minimum width``);
    the title is left-aligned over the table's width; the header is aligned to its bottom line.
    """
    from rich.cells import cell_len

    header_lines = [name.split("\n") for name, _, _ in columns]
    texts = [title, *(line for lines in header_lines for line in lines), *(cell for row in rows for cell in row)]
    if not all(text.isprintable() and text == text.strip(" ") for text in texts):
        return None
    widths = []
    for index, (lines, (_, _, minimum)) in enumerate(zip(header_lines, columns)):
        widest = max([*map(cell_len, lines), *(cell_len(row[index]) for row in rows)])
        widths.append(max(widest, minimum) + 2)
    table_width = sum(widths) + len(widths) + 1
    if cell_len(title) > table_width or table_width > _UNLIMITED_WIDTH:
        return None  # rich would wrap the title (or the table)

    def line(cells) -> str:
        padded = []
        for cell, width, (_, right, _) in zip(cells, widths, columns):
            room = " " * (width - 2 - cell_len(cell))
            padded.append(f" {room}{cell} " if right else f" {cell}{room} ")
        return " " + " ".join(padded) + " \n"

    height = max(map(len, header_lines))
    out = [title + " " * (table_width - cell_len(title)) + "\n", " " * table_width + "\n"]
    out += [line([([""] * (height - len(lines)) + lines)[n] for lines in header_lines]) for n in range(height)]
    out.append(" " + "─" * (table_width - 2) + " \n")
    out += [line(row) for row in rows]
    out.append(" " * table_width + "\n")
    return "".join(out)
