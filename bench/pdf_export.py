"""The Mjölby action plan's PDF export: the register against WeasyPrint alone.

    python -m bench.pdf_export [--rounds N] [--check]

A is a fresh export through the register, render_pdf(html_for(plan)): the queries, the
template, the layout passes that place "(forts.)" rows, the PDF/UA additions and WeasyPrint.
B is WeasyPrint alone, HTML(string=html).write_pdf(pdf_variant="pdf/a-3a") on the same final
HTML, computed once beforehand. Each round times A and B back to back, on a throwaway SQLite
database holding the Mjölby seed; the ratio of the medians shows what the register's own
work adds. The target is under 20 %. --check exits 1 when it is missed.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TARGET = 0.20
PLAN_TITLE = "Handlingsplan för 2018-2020"


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(rounds: int) -> tuple[list[float], list[float]]:
    from actionplans.models import ActionPlan
    from safety_partnership.pdf.base import VARIANT, laid_out, render_pdf
    from safety_partnership.pdf.render import html_for

    plan = ActionPlan.objects.get(title=PLAN_TITLE)
    html = html_for(plan)
    render_pdf(html)  # warm-up: fonts, stylesheets, templates, query compilation
    register, weasyprint = [], []
    for _ in range(rounds):
        register.append(timed(lambda: render_pdf(html_for(plan))))
        weasyprint.append(timed(lambda: laid_out(html).write_pdf(pdf_variant=VARIANT)))
    return register, weasyprint


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds of A and B (default 15)")
    parser.add_argument("--check", action="store_true", help="exit 1 when over the target")
    args = parser.parse_args(argv)

    os.environ["DJANGO_SETTINGS_MODULE"] = "safety_partnership.settings"
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
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
            register, weasyprint = measure(args.rounds)
        finally:
            connections.close_all()

    a, b = statistics.median(register), statistics.median(weasyprint)
    ratio = a / b
    overhead = ratio - 1
    print(f"Mjölby action plan PDF export, {args.rounds} rounds")
    print(f"{'':34}{'median ms':>11}{'min ms':>9}")
    print(f"{'A  register: render_pdf(html_for)':34}{a:11.1f}{min(register):9.1f}")
    print(f"{'B  WeasyPrint alone: write_pdf':34}{b:11.1f}{min(weasyprint):9.1f}")
    print(f"ratio A/B {ratio:.3f}: the register adds {overhead:+.1%} to WeasyPrint's render")
    met = overhead < TARGET
    print(f"target under {TARGET:.0%}: {'met' if met else 'NOT met'}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
