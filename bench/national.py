"""National scale: the pages on the Mjölby data alone and on all of Sweden's municipalities.

    python -m bench.national [--scale 1.0] [--rounds 15]    (or: make bench-national)

On a throwaway SQLite file (or the PostgreSQL database DATABASE_URL names, which it empties
first), it loads the Mjölby seed with its demo logins and keeps a copy of that database (SQLite:
a file beside it; PostgreSQL: a database made from it, dropped afterwards). Then it seeds
the other 289 municipalities of bench/data/municipalities.csv in their police regions and
areas (--scale 0.1: a tenth of them), each with ten years of agreements, plans, pledges,
edits and tertial reports. It times each page (the dashboards of the coordinator, of the
police area chief and of a superuser, the plan, its history, the plan as it was, the search
and the public pages) on both databases side by side: round after round, every page once on
one and once on the other, the first side alternating, so that a slow spell of a shared
machine falls on both. It prints a table: each page's queries, its least and median time on
Mjölby alone ("before") and on the full register ("after"), the ratio of the least times
(target under 1.5; the admin list is held to its queries only), and the query plan of the
slowest query of each page on the full register. The least of a page's requests is its own
cost: what a shared machine adds only ever adds time. Mjölby's own documents are left as
they are, so that each page shows the same thing before and after.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

TARGET = 1.5
# The admin's change lists are held to the same number of queries at national scale; the
# time ratio is the target of the pages coordinators, chiefs and citizens read. Their time
# is printed, not judged.
QUERIES_ONLY = {"admin: handlingsplaner"}
DATA = Path(__file__).resolve().parent / "data" / "municipalities.csv"
MJOLBY_CODE = "0586"
YEARS = range(2015, 2025)  # ten years of pledges; plans and agreements over the same span
PLAN_PERIODS = [(2015, 2017), (2018, 2020), (2021, 2023), (2024, 2026)]
AGREEMENT_PERIODS = [(2015, 2018), (2019, 2022), (2023, 2026)]
EDITS = 2  # each row of a plan or pledge is edited this many times while a draft


def municipalities(scale: float) -> list[dict[str, str]]:
    with DATA.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(line for line in stream if not line.startswith("#")))
    others = [row for row in rows if row["code"] != MJOLBY_CODE]
    # A smaller run keeps every police area the Mjölby chief has (Östergötland) and a
    # spread of the rest.
    count = max(1, round(len(others) * scale))
    own = [row for row in others if row["code"].startswith("05")]
    step = max(1, len(others) // count)
    chosen = own + [row for row in others[::step] if row not in own]
    return chosen[: max(count, len(own))]


def full_name(short: str) -> str:
    """'Linköping' -> 'Linköpings kommun'; 'Mjölby' -> 'Mjölby kommun'."""
    if short == "Gotland":
        return "Region Gotland"
    genitive = short if short[-1] in "aeiouyåäös" else f"{short}s"
    return f"{genitive} kommun"


def at(year: int, month: int = 1, day: int = 1) -> datetime:
    from django.utils import timezone

    return timezone.make_aware(datetime(year, month, day, 9))


def seed(scale: float) -> int:
    """The other municipalities, ten years each, written level by level in bulk (each with
    its history); returns how many municipalities were seeded."""
    from django.db import transaction
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    from actionplans.models import ActionPlan, FocusArea, Measure
    from agreements.models import Agreement
    from followup.models import MeasureReport, MeasureStatus, ReportingParty
    from pledges.models import Pledge, Promise
    from safety_partnership.models import (
        DocumentStatus,
        Municipality,
        Partnership,
        Person,
        PoliceArea,
        Role,
    )
    from safety_partnership.models.documents import rows_of_one_write
    from safety_partnership.services import clone

    chosen = municipalities(scale)
    agreement0 = Agreement.objects.get()
    plan0 = ActionPlan.objects.get()
    areas0 = list(plan0.focus_areas.order_by("position"))
    measures0 = {area.pk: list(area.measures.order_by("position")) for area in areas0}
    pledge0 = Pledge.objects.get()
    promises0 = list(pledge0.promises.order_by("position"))

    def create(objs: list, model, when: datetime) -> list:
        return bulk_create_with_history(objs, model, batch_size=500, default_date=when)

    with transaction.atomic(), rows_of_one_write():
        known = set(PoliceArea.objects.values_list("name", flat=True))
        new_areas: dict[str, Any] = {}
        for row in chosen:
            name = f"Lokalpolisområde {row['police_area']}"
            if name not in known and name not in new_areas:
                new_areas[name] = PoliceArea(name=name, region=row["region"])
        create(list(new_areas.values()), PoliceArea, at(2014))
        areas = {area.name: area for area in PoliceArea.objects.all()}
        create(
            [Municipality(name=full_name(row["name"]), code=row["code"]) for row in chosen],
            Municipality,
            at(2014),
        )
        places = {
            m.code: m for m in Municipality.objects.filter(code__in=[r["code"] for r in chosen])
        }
        create(
            [
                Partnership(
                    municipality=places[row["code"]],
                    police_area=areas[f"Lokalpolisområde {row['police_area']}"],
                )
                for row in chosen
            ],
            Partnership,
            at(2014),
        )
        partnerships = list(
            Partnership.objects.filter(municipality__in=places.values()).select_related(
                "municipality"
            )
        )
        create(
            [
                Person(
                    name=f"Samordnare i {p.municipality.name}",
                    role=Role.COORDINATOR,
                    municipality=p.municipality,
                )
                for p in partnerships
            ],
            Person,
            at(2014),
        )
        coordinators = {
            person.municipality_id: person
            for person in Person.objects.filter(
                municipality__in=places.values(), role=Role.COORDINATOR
            )
        }

        def document(template, partnership, number: int, first: int, last: int, **fields):
            start, end = date(first, 1, 1), date(last, 12, 31)
            draft = last >= 2024 and template is not agreement0
            return clone(
                template,
                partnership=partnership,
                status=DocumentStatus.DRAFT,
                diary_number="" if draft else f"KS/{first - 1}:{number}",
                period_start=start,
                period_end=end,
                **fields,
            )

        # Agreements, plans and pledges, all drafts at first: their rows go in while they are.
        agreements = []
        for p in partnerships:
            for number, (first, last) in enumerate(AGREEMENT_PERIODS, 100):
                agreements.append(
                    document(
                        agreement0,
                        p,
                        number,
                        first,
                        last,
                        title=f"Samverkansöverenskommelse {p.municipality.name} {first}–{last}",
                    )
                )
        create(agreements, Agreement, at(2014, 10))
        agreements = list(Agreement.objects.filter(partnership__in=partnerships))
        agreement_of = {(a.partnership_id, a.period_start.year): a for a in agreements}

        def agreement_for(partnership_id: int, year: int):
            starts = [first for first, _last in AGREEMENT_PERIODS if first <= year]
            return agreement_of[partnership_id, max(starts)]

        plans = [
            document(
                plan0,
                p,
                number,
                first,
                last,
                title=f"Handlingsplan för {first}-{last}",
                agreement=agreement_for(p.pk, first),
            )
            for p in partnerships
            for number, (first, last) in enumerate(PLAN_PERIODS, 200)
        ]
        create(plans, ActionPlan, at(2014, 11))
        plans = list(ActionPlan.objects.filter(partnership__in=partnerships))
        focus_areas = [clone(area, plan=plan) for plan in plans for area in areas0]
        create(focus_areas, FocusArea, at(2014, 11, 2))
        focus_areas = list(FocusArea.objects.filter(plan__in=plans).order_by("plan", "position"))
        template_of = {}
        for index, area in enumerate(focus_areas):
            template_of[area.pk] = areas0[index % len(areas0)].pk
        measures = [
            clone(measure, focus_area=area)
            for area in focus_areas
            for measure in measures0[template_of[area.pk]]
        ]
        create(measures, Measure, at(2014, 11, 3))
        pledges = [
            document(
                pledge0,
                p,
                300 + year - YEARS[0],
                year,
                year,
                title=f"Medborgarlöfte i {p.municipality.name} {year}",
            )
            for p in partnerships
            for year in YEARS
        ]
        create(pledges, Pledge, at(2014, 11))
        pledges = list(Pledge.objects.filter(partnership__in=partnerships))
        promises = [clone(promise, pledge=pledge) for pledge in pledges for promise in promises0]
        create(promises, Promise, at(2014, 11, 3))

        # Edits while they are drafts: each row of every plan and pledge, EDITS times.
        rows = [
            (FocusArea, list(FocusArea.objects.filter(plan__in=plans)), "sub_goal"),
            (Measure, list(Measure.objects.filter(focus_area__plan__in=plans)), "description"),
            (Promise, list(Promise.objects.filter(pledge__in=pledges)), "text"),
        ]
        for edit in range(1, EDITS + 1):
            for model, objs, field in rows:
                for obj in objs:
                    setattr(obj, field, f"{getattr(obj, field)} (reviderad {edit})")
                bulk_update_with_history(
                    objs, model, [field], batch_size=500, default_date=at(2014, 12, edit)
                )

        # Signed, all but the last plan and pledge of each partnership, with the history
        # record a signature leaves.
        for model, documents in ((Agreement, agreements), (ActionPlan, plans), (Pledge, pledges)):
            signed = [d for d in documents if d.diary_number]
            model.objects.filter(pk__in=[d.pk for d in signed]).update(status=DocumentStatus.SIGNED)
            for each in signed:
                each.status = DocumentStatus.SIGNED
            model.history.bulk_history_create(
                signed, batch_size=500, update=True, default_date=at(2014, 12, 20)
            )

        # Every party's report on every measure of a signed plan, each tertial up to 2025.
        reports = []
        reporter = {p.pk: coordinators[p.municipality_id] for p in partnerships}
        signed_plans = {plan.pk: plan for plan in plans if plan.diary_number}
        for measure in Measure.objects.filter(focus_area__plan__in=signed_plans).select_related(
            "focus_area"
        ):
            plan = signed_plans[measure.focus_area.plan_id]
            party = (
                ReportingParty.POLICE
                if measure.responsible == "police"
                else ReportingParty.MUNICIPALITY
            )
            for year in range(plan.period_start.year, min(plan.period_end.year, 2025) + 1):
                for tertial in (1, 2, 3):
                    reports.append(
                        MeasureReport(
                            measure=measure,
                            year=year,
                            tertial=tertial,
                            party=party,
                            status=MeasureStatus.ONGOING if tertial < 3 else MeasureStatus.DONE,
                            comment="Arbetet pågår enligt plan.",
                            reported_by=reporter[plan.partnership_id],
                            reported_at=at(year, 4 * tertial, 28),
                        )
                    )
        create(reports, MeasureReport, at(2025, 12, 31))
    return len(chosen)


# (what, login or None for a visitor, address): resolved once the Mjölby data is in.
def pages() -> list[tuple[str, str | None, str]]:
    from django.urls import reverse
    from django.utils import timezone

    from actionplans.models import ActionPlan
    from public import selection
    from safety_partnership.models import Municipality

    plan = ActionPlan.objects.get(partnership__municipality__code=MJOLBY_CODE)
    mjolby = Municipality.objects.get(code=MJOLBY_CODE)
    now = quote(timezone.now().isoformat())
    public = reverse("public:municipality", args=[selection.municipality_slug(mjolby)])
    return [
        ("start, samordnare", "samordnare", "/"),
        ("start, polischef", "polischef", "/"),
        ("start, superanvändare", "admin", "/"),
        ("handlingsplan", "samordnare", plan.get_absolute_url()),
        ("historik", "samordnare", reverse("actionplans:history", args=[plan.pk])),
        ("som den var", "samordnare", f"{reverse('actionplans:as_of', args=[plan.pk])}?tid={now}"),
        ("sök", "samordnare", "/sok/?q=trygghet"),
        ("admin: handlingsplaner", "admin", "/admin/actionplans/actionplan/"),
        ("offentlig: kommuner", None, reverse("public:municipalities")),
        ("offentlig: kommunsida", None, public),
        ("offentlig: sök", None, f"{reverse('public:search')}?q=trygghet"),
    ]


Query = tuple[float, str, Any]  # seconds, SQL, its parameters


class Timing:
    def __init__(self, queries: int, times: list[float], slowest: Query) -> None:
        self.queries, self.slowest = queries, slowest
        self.least, self.median = min(times), statistics.median(times)


class QueryClock:
    """Each query of a request with its time to the microsecond, as a connection's
    execute_wrapper: Django's own record of queries keeps whole milliseconds, which made every
    query of a fast page 0.0 ms and its first (the session's) the "slowest". It times the
    execution, as Django's record does: on SQLite, rows a query streams without sorting are
    found as they are read, after it."""

    def __init__(self) -> None:
        self.queries: list[Query] = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - start, sql, params))


def analyse() -> None:
    """On PostgreSQL, the planner's statistics and the visibility map as autovacuum keeps them
    on a server in use: right after a bulk load (or an emptying) they describe other data."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def use_database(name: str) -> None:
    """Point Django's connection at another database of the same server (or SQLite file):
    the next query connects to it."""
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = name


def time_side_by_side(addresses, rounds: int, names: dict[str, str]) -> dict[str, dict]:
    """Each page on each database (names: side → database), a round at a time: in each
    round every page is asked once of one side, then of the other, and the side that goes
    first alternates. A slow spell of the machine then falls on both sides alike, not on
    whichever was being timed. {side: {page: Timing}}."""
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    clients: dict[tuple[str, str], Client] = {}
    times: dict[tuple[str, str], list[float]] = {}
    queries: dict[tuple[str, str], list[Query]] = {}
    for number in range(rounds):
        for side in list(names) if number % 2 == 0 else list(reversed(names)):
            use_database(names[side])
            connection.ensure_connection()
            for what, login, url in addresses:
                key = (side, what)
                if key not in clients:  # logged in on this side's database, then warmed up
                    clients[key] = Client(HTTP_HOST="localhost")
                    if login:
                        clients[key].force_login(get_user_model().objects.get(username=login))
                    assert clients[key].get(url).status_code == 200, url
                    # Its queries are counted once, apart: recording them is not timed.
                    clock = QueryClock()
                    with connection.execute_wrapper(clock):
                        clients[key].get(url)
                    queries[key] = clock.queries
                start = time.perf_counter()
                response = clients[key].get(url)
                elapsed = (time.perf_counter() - start) * 1000
                assert response.status_code == 200, url
                times.setdefault(key, []).append(elapsed)
    found: dict[str, dict] = {side: {} for side in names}
    for (side, what), asked in queries.items():
        found[side][what] = Timing(len(asked), times[side, what], max(asked, key=lambda q: q[0]))
    return found


def copy_database(name: str) -> tuple[str, Callable[[], None]]:
    """A copy of the database as it is now, and how to remove it: for SQLite a file beside
    it (VACUUM INTO), for PostgreSQL a database made from it as a template."""
    from django.db import connection

    if connection.vendor == "sqlite":
        copy = str(Path(name).with_name("mjolby-alone.sqlite3"))
        Path(copy).unlink(missing_ok=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [copy])
        return copy, lambda: Path(copy).unlink(missing_ok=True)
    import psycopg

    copy = f"{name}_mjolby_alone"
    params = connection.get_connection_params()
    connection.close()
    server = psycopg.connect(**{**params, "dbname": "postgres"}, autocommit=True)
    server.execute(f'DROP DATABASE IF EXISTS "{copy}"')
    server.execute(f'CREATE DATABASE "{copy}" TEMPLATE "{name}"')

    def remove() -> None:
        server.execute(f'DROP DATABASE IF EXISTS "{copy}" WITH (FORCE)')
        server.close()

    return copy, remove


def explain(sql: str, params: Any) -> str:
    from django.db import connection

    prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
    try:
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql, params)
            rows = cursor.fetchall()
    except Exception as error:
        return f"    (no plan: {error})"
    lines = ["    " + " ".join(str(col) for col in row) for row in rows]
    more = [f"    … {len(lines) - 12} more lines"] if len(lines) > 12 else []
    return "\n".join(lines[:12] + more)


def history_rows() -> int:
    from django.apps import apps

    return sum(
        model.objects.count()
        for model in apps.get_models()
        if model.__name__.startswith("Historical")
    )


def report(before: dict[str, Timing], after: dict[str, Timing]) -> bool:
    print(f"{'':40}{'least ms':>21}{'median ms':>18}")
    print(
        f"{'page':26}{'queries':>14}{'before':>9}{'after':>8}{'ratio':>7}{'before':>9}{'after':>9}"
    )
    met = True
    for what, old in before.items():
        new = after[what]
        ratio = new.least / old.least
        held = what not in QUERIES_ONLY
        met &= (ratio < TARGET or not held) and new.queries == old.queries
        flag = "  (queries only)" if not held else "" if ratio < TARGET else "  over"
        queries = f"{old.queries} -> {new.queries}"
        print(
            f"{what:26}{queries:>14}{old.least:9.1f}{new.least:8.1f}{ratio:7.2f}"
            f"{old.median:9.1f}{new.median:9.1f}{flag}"
        )
    print()
    for what, new in after.items():
        seconds, sql, params = new.slowest
        print(f"{what}: slowest query {seconds * 1000:.2f} ms")
        print(f"    {sql[:300]}{'…' if len(sql) > 300 else ''}")
        print(explain(sql, params))
    return met


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="share of the municipalities")
    parser.add_argument("--rounds", type=int, default=15, help="requests a page, each side")
    parser.add_argument("--check", action="store_true", help="exit 1 when the target is missed")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-national-") as folder:
        # As in production: DEBUG off (templates and static files as deployed), on plain
        # http to the test client.
        os.environ.update(
            DJANGO_SETTINGS_MODULE="bench.settings",
            DEBUG="false",
            HTTPS="false",
            SITE_URL="http://localhost",
            ALLOWED_HOSTS="localhost",
            BENCH_STATIC_ROOT=str(Path(folder) / "static"),
        )
        os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(folder) / 'national.sqlite3'}")

        import django
        from django.core.management import call_command
        from django.db import connection, connections

        django.setup()
        if connection.vendor != "sqlite":
            call_command("flush", verbosity=0, interactive=False)
        call_command("migrate", verbosity=0, interactive=False)
        call_command("demo", verbosity=0)
        call_command("collectstatic", verbosity=0, interactive=False)
        name = connection.settings_dict["NAME"]
        remove_copy: Callable[[], None] = lambda: None  # noqa: E731 - until there is a copy
        try:
            addresses = pages()
            rows_before = history_rows()
            analyse()
            # Mjölby alone is kept as it is in a copy, to be timed beside the full register.
            alone, remove_copy = copy_database(name)
            use_database(name)
            start = time.perf_counter()
            seeded = seed(args.scale)
            seconds = time.perf_counter() - start
            analyse()
            rows_after = history_rows()
            timed = time_side_by_side(addresses, args.rounds, {"before": alone, "after": name})
            print(
                f"{connection.vendor}: Mjölby alone, and with {seeded} more municipalities seeded "
                f"in {seconds:.0f} s; history rows {rows_before} -> {rows_after}; each page "
                f"asked {args.rounds} times of each, the two in turn"
            )
            use_database(name)  # the query plans are those of the full register
            met = report(timed["before"], timed["after"])
        finally:
            connections.close_all()
            remove_copy()
    print(
        f"target: ratio under {TARGET} (admin lists: queries only) and the same queries: "
        f"{'met' if met else 'NOT met'}"
    )
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
