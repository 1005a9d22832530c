"""The Mjölby action plan's PDF export: the register's own work against WeasyPrint's.

    python -m bench.pdf_export [--rounds N] [--check] [--sizes 200,400,800]

Each round times, in an order that alternates from round to round (forwards, then
backwards), on a throwaway SQLite database holding the Mjölby seed, with DEBUG off:

  own     html_for(plan): the register's queries and template, timed directly
  render  render_pdf(html): WeasyPrint's single layout (the "(forts.)" under a page's header
          is a named string in it, pdf.css) and the PDF/UA additions, in this process
  bare    WeasyPrint alone: laid_out(html).write_pdf() on the same final HTML
  apart   render_apart(html): render_pdf in a child process, as downloads and the archive
          run it (pdf/process.py), with the child's start

The register's cost is (own + render) / bare per round; its spread over the rounds (the
quartiles and the extremes) says how much of a difference is noise. The target: the
register adds under 20 % to WeasyPrint's render. --check exits 1 only when even the lower
quartile of the per-round ratios is over the target, that is when the miss is larger than
the noise.

--sizes builds draft plans of that many measures and prints their pages, the time of the
queries and template, of the render in this process (and a page of it) and in a child
process, to see how it grows with the pages: one layout whatever the length, so the time a
page should stay about the same.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

TARGET = 0.20
PLAN_TITLE = "Handlingsplan för 2018-2020"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        return values[0], values[0], values[0]
    low, median, high = statistics.quantiles(values, n=4, method="inclusive")
    return low, median, high


def measure(rounds: int) -> dict[str, list[float]]:
    from actionplans.models import ActionPlan
    from safety_partnership.pdf.base import VARIANT, laid_out, render_pdf
    from safety_partnership.pdf.process import render_apart
    from safety_partnership.pdf.render import html_for

    plan = ActionPlan.objects.get(title=PLAN_TITLE)
    html = html_for(plan)
    steps = {
        "own": lambda: html_for(plan),
        "render": lambda: render_pdf(html),
        "bare": lambda: laid_out(html).write_pdf(pdf_variant=VARIANT),
        "apart": lambda: render_apart(html),
    }
    for step in steps.values():  # warm-up: fonts, stylesheets, templates, the fork server
        step()
    times: dict[str, list[float]] = {name: [] for name in steps}
    order = list(steps)
    for number in range(rounds):
        for name in order if number % 2 == 0 else reversed(order):
            times[name].append(timed(steps[name]))
    return times


def report(times: dict[str, list[float]], rounds: int) -> bool:
    own, render, bare, apart = (times[n] for n in ("own", "render", "bare", "apart"))
    register = [(o + r) / b for o, r, b in zip(own, render, bare, strict=True)]
    served = [(o + a) / b for o, a, b in zip(own, apart, bare, strict=True)]
    own_share = [o / b for o, b in zip(own, bare, strict=True)]

    print(f"Mjölby action plan PDF export, {rounds} rounds, order alternating, DEBUG off")
    print(f"{'':44}{'median':>9}{'q1':>9}{'q3':>9}{'min':>9}{'max':>9}  ms")
    lines = [
        ("own     html_for: queries and template", own),
        ("render  render_pdf, in this process", render),
        ("bare    WeasyPrint alone: write_pdf", bare),
        ("apart   render_apart, in a child process", apart),
    ]
    for label, values in lines:
        low, median, high = quartiles(values)
        print(f"{label:44}{median:9.1f}{low:9.1f}{high:9.1f}{min(values):9.1f}{max(values):9.1f}")
    print()
    print(f"{'per-round ratio':44}{'median':>9}{'q1':>9}{'q3':>9}{'min':>9}{'max':>9}")
    for label, values in [
        ("own / bare", own_share),
        ("(own + render) / bare: the register", register),
        ("(own + apart) / bare: as served", served),
    ]:
        low, median, high = quartiles(values)
        print(f"{label:44}{median:9.3f}{low:9.3f}{high:9.3f}{min(values):9.3f}{max(values):9.3f}")
    low, median, high = quartiles(register)
    print()
    print(
        f"The register adds {median - 1:+.1%} to WeasyPrint's render "
        f"(middle half of the rounds {low - 1:+.1%} to {high - 1:+.1%}); "
        f"its queries and template alone {statistics.median(own_share):.1%}."
    )
    if low - 1 > TARGET:
        print(f"Target under {TARGET:.0%}: NOT met, beyond the noise.")
        return False
    if high - 1 > TARGET:
        print(f"Target under {TARGET:.0%}: met by the median, not beyond the noise.")
    else:
        print(f"Target under {TARGET:.0%}: met.")
    return True


def scaling(sizes: list[int]) -> None:
    """Draft plans of each size: pages and ms per page of the export as served."""
    from pypdf import PdfReader

    from actionplans.models import ActionPlan, Measure
    from safety_partnership.pdf.base import render_pdf
    from safety_partnership.pdf.process import RenderTooSlow, render_apart
    from safety_partnership.pdf.render import html_for
    from safety_partnership.services import copy_document

    signed = ActionPlan.objects.get(title=PLAN_TITLE)
    template = list(Measure.objects.filter(focus_area__plan=signed).order_by("pk"))
    print()
    print(f"{'measures':>9}{'pages':>7}{'own ms':>9}{'render ms':>11}{'a page':>8}{'apart ms':>10}")
    for size in sizes:
        plan = copy_document(original=signed, title=f"Handlingsplan {size} åtgärder")
        areas = list(plan.focus_areas.order_by("position"))
        Measure.objects.filter(focus_area__plan=plan).delete()
        Measure.objects.bulk_create(
            Measure(
                focus_area=areas[number % len(areas)],
                position=number // len(areas),
                description=template[number % len(template)].description,
                responsible=template[number % len(template)].responsible,
                other_parties=template[number % len(template)].other_parties,
            )
            for number in range(size)
        )
        start = time.perf_counter()
        html = html_for(plan)
        own = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        pdf = render_pdf(html)
        render = (time.perf_counter() - start) * 1000
        pages = len(PdfReader(BytesIO(pdf)).pages)
        start = time.perf_counter()
        try:
            render_apart(html)
        except RenderTooSlow:
            print(f"{size:9}{pages:7}{own:9.0f}{render:11.0f}{render / pages:8.0f}   stopped")
            continue
        apart = (time.perf_counter() - start) * 1000
        print(f"{size:9}{pages:7}{own:9.0f}{render:11.0f}{render / pages:8.0f}{apart:10.0f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds (default 15)")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when over the target beyond the noise"
    )
    parser.add_argument("--sizes", default="", help="measures per plan, e.g. 200,400,800")
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "safety_partnership.settings"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"

        import django
        from django.core.management import call_command
        from django.db import connections

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        from safety_partnership.seed import load_fixture

        load_fixture("mjolby")
        try:
            met = report(measure(args.rounds), args.rounds)
            if args.sizes:
                scaling([int(size) for size in args.sizes.split(",")])
        finally:
            connections.close_all()
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
