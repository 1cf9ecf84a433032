"""The brief as one self-contained HTML page: inline CSS and SVG, no scripts, no fonts or
images fetched, printable on one A4 or Letter page.

Every piece of text from the dossier goes through `html.escape`, in text and in attributes
alike, and only http and https addresses (checked when the brief is made) become links: a
headline, quote or note can say `<script>` and it is shown as those characters.
"""

from __future__ import annotations

import html

from briefing.views.document import (
    Block,
    BriefDocument,
    BulletList,
    Citations,
    Code,
    CoverageChart,
    Inline,
    Line,
    Link,
    NumberedList,
    Paragraph,
    Section,
    SectionKind,
    Strong,
    Table,
    Words,
    tight_citations,
    without_controls,
)

# Colours that stay apart for readers with colour-blindness (Okabe and Ito) and in greyscale print.
_PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999")

_STYLE = """
:root { color-scheme: light; }
body { font: 10.5pt/1.4 Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff;
  max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font: bold 17pt/1.2 system-ui, "Helvetica Neue", Arial, sans-serif; margin: 0 0 .2rem; }
h2 { font: bold 11pt/1.2 system-ui, "Helvetica Neue", Arial, sans-serif; text-transform: uppercase;
  letter-spacing: .04em; color: #333; border-bottom: 1px solid #ccc; margin: 1rem 0 .35rem; padding-bottom: .1rem; }
p, ul, ol { margin: .3rem 0; }
ul, ol { padding-left: 1.4rem; }
li { margin: .1rem 0; }
.coverage { font-style: italic; color: #444; margin-bottom: .4rem; }
.more, .left-out { color: #555; font-size: 9.5pt; }
a { color: #0b57a4; text-decoration: none; }
a.cite { font-size: 8pt; vertical-align: super; line-height: 0; }
.cites { white-space: nowrap; }
code { font: .9em ui-monospace, "DejaVu Sans Mono", monospace; background: #f2f2f2; padding: 0 .2em; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: .3rem 0; }
th, td { border: 1px solid #ccc; padding: .2rem .35rem; text-align: left; vertical-align: top; }
th { background: #f2f2f2; font-family: system-ui, Arial, sans-serif; }
figure { margin: .4rem 0 .2rem; }
figcaption { font-size: 9pt; color: #444; }
.legend { font: 8.5pt system-ui, Arial, sans-serif; color: #333; }
.legend span { display: inline-block; margin-right: .8rem; }
.legend i { display: inline-block; width: .7rem; height: .7rem; margin-right: .25rem; vertical-align: -.05rem; }
.sources { font-size: 9pt; }
.sources .url { word-break: break-all; color: #555; }
@media print {
  @page { margin: 10mm 11mm; }
  body { font-size: 8.5pt; line-height: 1.25; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 13pt; }
  h2 { font-size: 8.5pt; margin: .45rem 0 .15rem; break-after: avoid; }
  p, ul, ol { margin: .15rem 0; }
  li { margin: 0; }
  table, .more, .left-out, .legend, figcaption { font-size: 7.5pt; }
  th, td { padding: .1rem .25rem; }
  .sources { font-size: 7pt; }
  figure { margin: .2rem 0 0; }
  figure svg { height: 22mm; width: auto; max-width: 100%; }
  a { color: inherit; }
  tr, li { break-inside: avoid; }
}
"""


def _text(text: str) -> str:
    """Dossier text as HTML text or an attribute value: escaped, with no control characters."""
    return html.escape(without_controls(text), quote=True)


def _citations(citations: Citations, brief: BriefDocument) -> str:
    links = []
    for number in citations.numbers:
        label = brief.sources.get(number)
        hover = f' title="{_text(f"{label.outlet}, {label.date}")}"' if label else ""
        links.append(f'<a class="cite" href="#source-{number}"{hover}>[{number}]</a>')
    more = f" +{citations.more} more" if citations.more else ""
    # Kept on one line: a citation split over two lines reads as two.
    return '<span class="cites">' + "".join(links) + more + "</span>"


def _inline(piece: Inline, brief: BriefDocument) -> str:
    if isinstance(piece, Words):
        return _text(piece.text)
    if isinstance(piece, Strong):
        return f"<strong>{_text(piece.text)}</strong>"
    if isinstance(piece, Code):
        return f"<code>{_text(piece.text)}</code>"
    if isinstance(piece, Citations):
        return _citations(piece, brief)
    if isinstance(piece, Link):
        return f'<a class="url" href="{_text(piece.url)}">{_text(piece.url)}</a>'
    raise TypeError(f"not a piece of a brief: {piece!r}")


def _line(line: Line, brief: BriefDocument) -> str:
    return "".join(_inline(piece, brief) for piece in tight_citations(line))


def _block(block: Block, brief: BriefDocument, kind: SectionKind, first: bool) -> str:
    if isinstance(block, Paragraph):
        # A paragraph after a section's list says what the list left out.
        css = ' class="more"' if not first else ' class="left-out"' if kind is SectionKind.LEFT_OUT else ""
        return f"<p{css}>" + " ".join(_line(line, brief) for line in block.lines) + "</p>"
    if isinstance(block, BulletList):
        return "<ul>" + "".join(f"<li>{_line(item, brief)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, NumberedList):
        items = []
        for number, item in block.items:
            anchor = f' id="source-{number}"' if kind is SectionKind.SOURCES else ""
            items.append(f'<li value="{number}"{anchor}>{_line(item, brief)}</li>')
        return "<ol>" + "".join(items) + "</ol>"
    if isinstance(block, Table):
        head = "".join(f"<th>{_text(name)}</th>" for name in block.header)
        rows = "".join(
            "<tr>" + "".join(f"<td>{_line(cell, brief)}</td>" for cell in row) + "</tr>" for row in block.rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    raise TypeError(f"not a block of a brief: {block!r}")


def _section(section: Section, brief: BriefDocument) -> str:
    css = section.kind.value
    parts = [f'<section class="{css}">']
    if section.heading:
        parts.append(f"<h2>{_text(section.heading)}</h2>")
    parts += [_block(block, brief, section.kind, n == 0) for n, block in enumerate(section.blocks)]
    parts.append("</section>")
    return "\n".join(parts)


def chart_svg(chart: CoverageChart) -> str:
    """Stacked bars of articles per day (week, month) by outlet, with the key events marked."""
    width, height, left, bottom, top = 640, 120, 26, 16, 14
    bars = len(chart.starts)
    step = (width - left - 4) / bars
    totals = [sum(counts[n] for _, counts in chart.series) for n in range(bars)]
    peak = max(totals) or 1
    scale = (height - bottom - top) / peak
    label = f"Articles per {chart.unit} by outlet, {chart.labels[0]} to {chart.labels[-1]}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{_text(label)}" font-family="system-ui, Arial, sans-serif" font-size="9">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 2}" y2="{height - bottom}" stroke="#999"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" fill="#555">{peak}</text>',
        f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end" fill="#555">0</text>',
    ]
    # A bar is at most a finger wide: a day of coverage should not look like a wall.
    bar_width = min(step * 0.8, 24.0)
    for n in range(bars):
        y: float = height - bottom
        x = left + n * step + (step - bar_width) / 2
        for colour, (outlet, counts) in zip(_PALETTE, chart.series, strict=False):
            if not counts[n]:
                continue
            tall = counts[n] * scale
            y -= tall
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" height="{tall:.1f}" fill="{colour}">'
                f"<title>{_text(f'{chart.labels[n]}: {counts[n]} from {outlet}')}</title></rect>"
            )
    # The first and last bars' dates, and one between when there is room.
    ticks = sorted({0, bars - 1} | ({bars // 2} if bars >= 5 else set()))
    for n in ticks:
        anchor = "start" if n == 0 else "end" if n == bars - 1 else "middle"
        x = left + n * step + (0 if n == 0 else step if n == bars - 1 else step / 2)
        parts.append(
            f'<text x="{x:.1f}" y="{height - 4}" text-anchor="{anchor}" fill="#555">{_text(chart.labels[n])}</text>'
        )
    for number, event in enumerate(chart.events, start=1):
        x = left + event.bin * step + step / 2
        parts.append(
            f"<g><title>{_text(f'{event.date}: {event.summary}')}</title>"
            f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{height - bottom}" stroke="#333" '
            f'stroke-dasharray="2,2" stroke-width="0.8"/>'
            f'<circle cx="{x:.1f}" cy="{top - 6}" r="5.5" fill="#fff" stroke="#333" stroke-width="0.8"/>'
            f'<text x="{x:.1f}" y="{top - 3}" text-anchor="middle" font-size="7.5">{number}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _figure(chart: CoverageChart) -> str:
    legend = "".join(
        f'<span><i style="background:{colour}"></i>{_text(outlet)}</span>'
        for colour, (outlet, _) in zip(_PALETTE, chart.series, strict=False)
    )
    caption = f"Coverage per {chart.unit} by outlet"
    if chart.events:
        caption += "; numbered marks are key events: " + "; ".join(
            f"{n} {event.date}" for n, event in enumerate(chart.events, start=1)
        )
    if chart.undated:
        caption += f"; {chart.undated} undated article{'s' if chart.undated != 1 else ''} not shown"
    return (
        f'<figure class="chart">{chart_svg(chart)}<div class="legend">{legend}</div>'
        f"<figcaption>{_text(caption)}.</figcaption></figure>"
    )


def to_html(brief: BriefDocument, chart: bool = True) -> str:
    """The brief as a self-contained HTML page; `chart` draws coverage over time under the title."""
    coverage = " ".join(_line(line, brief) for line in brief.coverage.lines)
    body = [f"<h1>{_text(brief.title)}</h1>", f'<p class="coverage">{coverage}</p>']
    if chart and brief.chart is not None:
        body.append(_figure(brief.chart))
    body += [_section(section, brief) for section in brief.sections]
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        # No script, style or image from anywhere but this file, whatever a browser finds in it.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
        'img-src data:">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(brief.title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
