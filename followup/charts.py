"""Charts drawn on the server as SVG, for the pages and the PDFs alike: no JavaScript.

Each function takes plain data (no ORM) and returns a Chart: its SVG and a table of the same
numbers, shown beside it (templates/followup/chart.html). Readable without colour: every
status has its own pattern, segments carry their number as text, and a legend shows the
patterns. Each segment or marker has data-row and data-count/data-value, so a test can check
that the picture says what the table says.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import MeasureStatus

UNREPORTED = ""
# The order of the segments, the legend and the table's columns.
STATUSES = [*(s.value for s in MeasureStatus), UNREPORTED]
WIDTH = 640
FONT = "'Register Sans', 'DejaVu Sans', Arial, sans-serif"
INK = "#1a1a1a"  # outlines and text: 17:1 on white

# Each status's fill: a pattern and a dark colour (at least 3:1 on white), so that the
# pattern, not the colour, tells them apart.
PATTERNS = {
    MeasureStatus.NOT_STARTED.value: (
        '<rect width="8" height="8" fill="#fff"/><circle cx="4" cy="4" r="1.8" fill="#7a4a00"/>'
    ),
    MeasureStatus.ONGOING.value: (
        '<rect width="8" height="8" fill="#fff"/>'
        '<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="#0b4f8a" stroke-width="2.2"/>'
    ),
    MeasureStatus.DONE.value: '<rect width="8" height="8" fill="#1b5e20"/>',
    MeasureStatus.STOPPED.value: (
        '<rect width="8" height="8" fill="#fff"/>'
        '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#8b1a1a" stroke-width="1.6"/>'
    ),
    UNREPORTED: '<rect width="8" height="8" fill="#fff"/>',
}


@dataclass(frozen=True)
class Chart:
    key: str  # unique on the page: the prefix of the SVG's ids
    title: str
    svg: SafeString
    headers: list[str]  # the table's column headings, the rows' heading first
    rows: list[list[str]]  # each: the row's heading, then its numbers as shown


def status_label(status: str) -> str:
    return str(MeasureStatus(status).label) if status else _("Ej rapporterad")


def number(value: int | float | Decimal | None) -> str:
    """A number as a Swedish reader writes it: '1 234,5'; '–' for none."""
    if value is None:
        return "–"
    exact = Decimal(str(value))
    if exact == exact.to_integral_value():
        exact = exact.quantize(Decimal(1))
    else:  # no trailing zeros: 75.5000 is 75,5
        exact = Decimal(format(exact, "f").rstrip("0"))
    return number_format(exact, force_grouping=True)


def defs(key: str) -> SafeString:
    return format_html_join(
        "",
        '<pattern id="{}-{}" width="8" height="8" patternUnits="userSpaceOnUse">{}</pattern>',
        ((key, status or "none", mark_safe(PATTERNS[status])) for status in STATUSES),
    )


def fill(key: str, status: str) -> str:
    return f"url(#{key}-{status or 'none'})"


def svg_frame(key: str, title: str, description: str, height: int, body: SafeString) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart__svg"'
        ' aria-labelledby="{key}-title {key}-desc" viewBox="0 0 {w} {h}" width="{w}"'
        ' height="{h}" font-family="{font}" font-size="12">'
        '<title id="{key}-title">{title}</title><desc id="{key}-desc">{desc}</desc>'
        "<defs>{defs}</defs>{body}</svg>",
        key=key,
        w=WIDTH,
        h=height,
        font=FONT,
        title=title,
        desc=description,
        defs=defs(key),
        body=body,
    )


def legend(key: str, y: int) -> SafeString:
    """One swatch and name per status, in one line."""
    step = WIDTH // len(STATUSES)
    return format_html_join(
        "",
        '<rect x="{}" y="{}" width="16" height="16" fill="{}" stroke="{}"/>'
        '<text x="{}" y="{}" fill="{}">{}</text>',
        (
            (i * step, y, fill(key, s), INK, i * step + 21, y + 13, INK, status_label(s))
            for i, s in enumerate(STATUSES)
        ),
    )


def segment_label(x: float, y: int, width: float, height: int, count: int) -> SafeString:
    """The count on a white patch in the segment's middle, where it fits."""
    text = str(count)
    patch = 8 * len(text) + 8
    if width < patch + 4:
        return mark_safe("")
    middle = x + width / 2
    return format_html(
        '<rect x="{}" y="{}" width="{}" height="16" fill="#fff" stroke="{}" stroke-width="0.5"/>'
        '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-weight="bold">{}</text>',
        f"{middle - patch / 2:.1f}",
        y + (height - 16) // 2,
        patch,
        INK,
        f"{middle:.1f}",
        y + (height - 16) // 2 + 12,
        INK,
        text,
    )


def status_bars(
    key: str, title: str, row_heading: str, rows: Sequence[tuple[str, Mapping[str, int]]]
) -> Chart:
    """Stacked horizontal bars, one per row (a focus area, a tertial), of how many measures
    stand at each status ("" the unreported); bars on one scale, the longest full width."""
    label_h, bar_h, gap, top = 16, 24, 12, 30
    longest = max((sum(counts.values()) for _label, counts in rows), default=0) or 1
    parts = [legend(key, 0)]
    y = top
    for label, counts in rows:
        total = sum(counts.get(s, 0) for s in STATUSES)
        parts.append(
            format_html(
                '<text x="0" y="{}" fill="{}">{} ({})</text>',
                y + 12,
                INK,
                label,
                _("%(n)s åtgärder") % {"n": total},
            )
        )
        bar_y, x = y + label_h + 2, 0.0
        for status in STATUSES:
            count = counts.get(status, 0)
            if not count:
                continue
            width = count / longest * (WIDTH - 2)
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" stroke="{}"'
                    ' data-row="{}" data-status="{}" data-count="{}"/>',
                    f"{x + 1:.1f}",
                    bar_y,
                    f"{width:.1f}",
                    bar_h,
                    fill(key, status),
                    INK,
                    label,
                    status_label(status),
                    count,
                )
            )
            parts.append(segment_label(x + 1, bar_y, width, bar_h, count))
            x += width
        y = bar_y + bar_h + gap
    description = _(
        "Staplat stapeldiagram: antal åtgärder per status för varje rad. "
        "Varje status har ett eget mönster. Siffrorna står i tabellen."
    )
    headers = [row_heading, *(status_label(s) for s in STATUSES), _("Totalt")]
    table = [
        [label, *(str(counts.get(s, 0)) for s in STATUSES), str(sum(counts.values()))]
        for label, counts in rows
    ]
    svg = svg_frame(key, title, description, y, mark_safe("".join(parts)))
    return Chart(key, title, svg, headers, table)


Target = tuple[
    str, str, int | float | Decimal | None, int | float | Decimal, int | float | Decimal | None
]


def target_bars(key: str, title: str, targets: Sequence[Target]) -> Chart:
    """Per target (indicator, unit, baseline or None, target, measured or None): the measured
    value as a bar, the baseline as a dashed line, the target as a thick line with a
    triangle; each row on its own scale, since the units differ."""
    label_h, bar_h, gap, top = 24, 20, 30, 30
    parts = [target_legend(key)]
    y = top
    for label, unit, baseline, target, measured in targets:
        values = [float(v) for v in (baseline, target, measured) if v is not None]
        scale = (WIDTH - 20) / (max(values) * 1.1 or 1)
        heading = f"{label} ({unit})" if unit else label
        parts.append(format_html('<text x="0" y="{}" fill="{}">{}</text>', y + 12, INK, heading))
        bar_y = y + label_h + 2
        parts.append(
            format_html(
                '<rect x="1" y="{}" width="{}" height="{}" fill="#fff" stroke="#767676"/>',
                bar_y,
                WIDTH - 2,
                bar_h,
            )
        )
        if measured is not None:
            parts.append(
                format_html(
                    '<rect x="1" y="{}" width="{}" height="{}" fill="{}" stroke="{}"'
                    ' data-row="{}" data-kind="measured" data-value="{}"/>',
                    bar_y + 4,
                    f"{float(measured) * scale:.1f}",
                    bar_h - 8,
                    fill(key, MeasureStatus.DONE.value),
                    INK,
                    label,
                    number(measured),
                )
            )
        if baseline is not None:
            x = 1 + float(baseline) * scale
            parts.append(
                format_html(
                    '<line x1="{x}" x2="{x}" y1="{}" y2="{}" stroke="{}" stroke-width="2"'
                    ' stroke-dasharray="4 3" data-row="{}" data-kind="baseline"'
                    ' data-value="{}"/>',
                    bar_y - 2,
                    bar_y + bar_h + 2,
                    INK,
                    label,
                    number(baseline),
                    x=f"{x:.1f}",
                )
            )
        x = 1 + float(target) * scale
        parts.append(
            format_html(
                '<line x1="{x}" x2="{x}" y1="{}" y2="{}" stroke="{}" stroke-width="4"'
                ' data-row="{}" data-kind="target" data-value="{}"/>'
                '<path d="M{x},{} l-5,-7 h10 z" fill="{}"/>',
                bar_y - 2,
                bar_y + bar_h + 2,
                INK,
                label,
                number(target),
                bar_y - 2,
                INK,
                x=f"{x:.1f}",
            )
        )
        said = _("Utgångsläge %(b)s · Mål %(t)s · Uppmätt %(m)s") % {
            "b": number(baseline),
            "t": number(target),
            "m": number(measured),
        }
        parts.append(
            format_html(
                '<text x="0" y="{}" fill="{}" font-size="11">{}</text>',
                bar_y + bar_h + 16,
                INK,
                said,
            )
        )
        y = bar_y + bar_h + gap
    description = _(
        "För varje mål: uppmätt värde som stapel, utgångsläget som streckad linje och "
        "målvärdet som tjock linje med triangel. Varje rad har sin egen skala. "
        "Siffrorna står i tabellen."
    )
    headers = [_("Indikator"), _("Enhet"), _("Utgångsläge"), _("Mål"), _("Uppmätt")]
    table = [
        [label, unit, number(baseline), number(target), number(measured)]
        for label, unit, baseline, target, measured in targets
    ]
    svg = svg_frame(key, title, description, y, mark_safe("".join(parts)))
    return Chart(key, title, svg, headers, table)


def target_legend(key: str) -> SafeString:
    return format_html(
        '<rect x="0" y="3" width="24" height="10" fill="{}" stroke="{ink}"/>'
        '<text x="30" y="13" fill="{ink}">{}</text>'
        '<line x1="180" x2="180" y1="0" y2="16" stroke="{ink}" stroke-width="2"'
        ' stroke-dasharray="4 3"/>'
        '<text x="188" y="13" fill="{ink}">{}</text>'
        '<line x1="340" x2="340" y1="2" y2="16" stroke="{ink}" stroke-width="4"/>'
        '<path d="M340,2 l-5,-7 h10 z" fill="{ink}" transform="translate(0 7)"/>'
        '<text x="350" y="13" fill="{ink}">{}</text>',
        fill(key, MeasureStatus.DONE.value),
        _("Uppmätt värde"),
        _("Utgångsläge"),
        _("Målvärde"),
        ink=INK,
    )
