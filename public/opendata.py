"""Open data under /oppna-data/: the public content as JSON, CSV and an Atom feed.

Everything comes from selection.open_register, so the files hold exactly what the public
pages may show. The views are public pages (views.public_page): no session, cacheable.

Identifiers are stable: "se-<municipality code>-<kind>-<primary key>", e.g.
"se-0586-plan-12", "se-0586-measure-40"; a row's key never changes and is never reused.
"""

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, FocusArea
from agreements.models import Agreement
from pledges.models import Pledge
from safety_partnership.exchange import export as exchange
from safety_partnership.exchange.export import plain
from safety_partnership.exchange.schema import SCHEMA_FILE
from safety_partnership.models import DocumentStatus, Municipality

from . import selection
from .views import page, public_municipality, public_page

LICENCE = {
    "name": "CC0 1.0 Universell (Public Domain Dedication)",
    "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.sv",
}
FEED_SIZE = 50
KINDS = {Agreement: "agreement", ActionPlan: "plan", Pledge: "pledge"}  # in the ids


def identifier(municipality: Municipality, kind: str, pk: int) -> str:
    return f"se-{municipality.code}-{kind}-{pk}"


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


class PublicFile:
    """The public content of municipalities in the register's exchange format, version 2
    (safety_partnership/exchange/register-2.schema.json): the fields of selection.PUBLIC_FIELDS,
    the rows the public pages show, each with its stable id, and a pledge's finalised
    reports."""

    def __init__(self, absolute: Callable[[str], str]) -> None:
        self.absolute = absolute

    def file(self, register: list[selection.OpenMunicipality]) -> dict:
        return {
            "format": exchange.FORMAT,
            "version": exchange.VERSION,
            "licence": LICENCE,
            "source": self.absolute(reverse("public:open_data")),
            "partnerships": [entry for opened in register for entry in self.partnerships(opened)],
        }

    def partnerships(self, opened: selection.OpenMunicipality) -> list[dict]:
        """One entry per partnership of the municipality (one per police area)."""
        m = opened.municipality
        slug = selection.municipality_slug(m)
        documents: dict[int, list[dict]] = {p.pk: [] for p in m.partnerships.all()}
        for agreement, people in opened.agreements:
            documents[agreement.partnership_id].append(self.document(m, agreement, people, {}))
        for plan in opened.plans:
            rows = {"focus_areas": [self.focus_area(m, area) for area in plan.focus_areas]}
            documents[plan.plan.partnership_id].append(
                self.document(m, plan.plan, plan.signatories, rows)
            )
        for signed in opened.pledges:
            documents[signed.pledge.partnership_id].append(self.pledge(m, slug, signed))
        return [
            {
                "municipality": {
                    "id": f"se-{m.code}",
                    "url": self.absolute(reverse("public:municipality", args=[slug])),
                    "name": m.name,
                    "code": m.code,
                },
                "police_area": (
                    {"name": p.police_area.name, "region": p.police_area.region}
                    if p.police_area
                    else None
                ),
                "documents": documents[p.pk],
            }
            for p in m.partnerships.all()
            if documents[p.pk]
        ]

    @staticmethod
    def fields(obj: Model) -> dict:
        return {name: plain(getattr(obj, name)) for name in selection.PUBLIC_FIELDS[type(obj)]}

    def row(self, m: Municipality, kind: str, obj: Model, rows: dict | None = None) -> dict:
        entry = {"id": identifier(m, kind, obj.pk), "fields": self.fields(obj)}
        if rows := {name: found for name, found in (rows or {}).items() if found}:
            entry["rows"] = rows
        return entry

    def focus_area(self, m: Municipality, area: FocusArea) -> dict:
        measures = [self.row(m, "measure", measure) for measure in area.measure_list]
        return self.row(m, "focusarea", area, {"measures": measures})

    def document(self, m: Municipality, document, people, rows: dict, url: str = "") -> dict:
        kind = KINDS[type(document)]
        return {
            **({"url": url} if url else {}),
            "kind": document._meta.model_name,
            "status": "signed",
            "superseded": document.status == DocumentStatus.SUPERSEDED,
            **self.row(m, kind, document, rows),
            "signatures": [
                {"name": p.name, "title": p.title, "signed_on": _day(p.signed_on)} for p in people
            ],
        }

    def pledge(self, m: Municipality, slug: str, signed: selection.PublicPledge) -> dict:
        promises = [
            self.row(
                m,
                "promise",
                promise,
                {"points": [{"fields": self.fields(point)} for point in promise.point_list]},
            )
            for promise in signed.promises
        ]
        rows = {"promises": promises, "targets": [self.row(m, "target", t) for t in signed.targets]}
        url = self.absolute(reverse("public:pledge", args=[slug, signed.pledge.pk]))
        entry = self.document(m, signed.pledge, signed.signatories, rows, url)
        entry["reports"] = [
            {
                "id": identifier(m, "report", report.pk),
                "label": report.label,
                "finalised_on": report.finalised_on.isoformat(),
                "promises": [
                    {
                        "promise": identifier(m, "promise", promise.pk),
                        "status": status,
                        "citizen_text": text,
                    }
                    for promise, status, text in report.promises
                ],
                "targets": [
                    {"target": identifier(m, "target", target.pk), "measured": value}
                    for target, value in report.targets
                ],
            }
            for report in signed.reports
        ]
        return entry


def _register(slug: str | None) -> list[selection.OpenMunicipality]:
    if slug is None:
        return selection.open_register(list(selection.public_municipalities()))
    return selection.open_register([public_municipality(slug)])


@public_page
def index(request: HttpRequest) -> HttpResponse:
    rows = [(m, selection.municipality_slug(m)) for m in selection.public_municipalities()]
    context = {
        "municipalities": rows,
        "format": exchange.FORMAT,
        "version": exchange.VERSION,
        "schema": SCHEMA_FILE.name,
        "licence": LICENCE,
    }
    return page("public/open_data.html", context)


@public_page
def schema(request: HttpRequest) -> HttpResponse:
    """The JSON Schema the files follow: the register's exchange format."""
    return HttpResponse(
        SCHEMA_FILE.read_bytes(), content_type="application/schema+json; charset=utf-8"
    )


@public_page
def register_json(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    data = PublicFile(request.build_absolute_uri).file(_register(slug))
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


def _csv(name: str, header: list[str], rows: list[list]) -> HttpResponse:
    out = io.StringIO()
    out.write("\ufeff")  # the BOM: Excel then reads UTF-8
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@public_page
def measures_csv(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    header = [
        _("id"),
        _("kommunkod"),
        _("kommun"),
        _("handlingsplan_id"),
        _("handlingsplan"),
        _("status"),
        _("gäller_från"),
        _("gäller_till"),
        _("fokusområde"),
        _("åtgärd"),
        _("ansvar"),
    ]
    rows = []
    for opened in _register(slug):
        m = opened.municipality
        for plan in opened.plans:
            for area in plan.focus_areas:
                for measure in area.measure_list:
                    rows.append(
                        [
                            identifier(m, "measure", measure.pk),
                            m.code,
                            m.name,
                            identifier(m, "plan", plan.plan.pk),
                            plan.plan.title,
                            plan.plan.get_status_display(),
                            _day(plan.plan.period_start),
                            _day(plan.plan.period_end),
                            area.title,
                            measure.description,
                            measure.get_responsible_display(),
                        ]
                    )
    return _csv("atgarder.csv", header, rows)


@public_page
def promises_csv(request: HttpRequest, slug: str | None = None) -> HttpResponse:
    header = [
        _("id"),
        _("kommunkod"),
        _("kommun"),
        _("medborgarlöfte_id"),
        _("medborgarlöfte"),
        _("status"),
        _("gäller_från"),
        _("gäller_till"),
        _("löfte"),
        _("ansvar"),
        _("senaste_rapport"),
        _("status_enligt_rapporten"),
        _("text_till_medborgarna"),
    ]
    rows = []
    for opened in _register(slug):
        m = opened.municipality
        for signed in opened.pledges:
            latest = {}  # promise pk -> (report label, status, citizen text), the last wins
            for report in signed.reports:
                for promise, status, text in report.promises:
                    latest[promise.pk] = (report.label, status, text)
            for promise in signed.promises:
                rows.append(
                    [
                        identifier(m, "promise", promise.pk),
                        m.code,
                        m.name,
                        identifier(m, "pledge", signed.pledge.pk),
                        signed.pledge.title,
                        signed.pledge.get_status_display(),
                        _day(signed.pledge.period_start),
                        _day(signed.pledge.ends_on),
                        promise.text,
                        promise.get_responsible_display(),
                        *latest.get(promise.pk, ("", "", "")),
                    ]
                )
    return _csv("loften.csv", header, rows)


class NewsFeed(Feed):
    """Newly signed pledges and finalised pledge reports, newest first."""

    feed_type = Atom1Feed

    def title(self) -> str:
        return _("Trygghetsregistret – nya medborgarlöften och rapporter")

    def subtitle(self) -> str:
        return _("Undertecknade medborgarlöften och fastställda rapporter om dem.")

    def link(self) -> str:
        return reverse("public:open_data")

    def items(self) -> list[dict]:
        entries = []
        for opened in _register(None):
            m = opened.municipality
            slug = selection.municipality_slug(m)
            for signed in opened.pledges:
                url = reverse("public:pledge", args=[slug, signed.pledge.pk])
                # A pledge registered as signed without dates counts from its start.
                days = [p.signed_on for p in signed.signatories if p.signed_on]
                day = max(days) if days else signed.pledge.period_start
                entries.append(
                    {
                        "id": identifier(m, "pledge", signed.pledge.pk),
                        "title": _("%(municipality)s: %(title)s undertecknat")
                        % {"municipality": m.name, "title": signed.pledge.title},
                        "text": _("Medborgarlöftet gäller %(period)s.")
                        % {"period": signed.pledge.period},
                        "day": day,
                        "url": url,
                    }
                )
                for report in signed.reports:
                    entries.append(
                        {
                            "id": identifier(m, "report", report.pk),
                            "title": _("%(municipality)s: %(report)s för %(title)s")
                            % {
                                "municipality": m.name,
                                "report": report.label,
                                "title": signed.pledge.title,
                            },
                            "text": " ".join(text for _p, _s, text in report.promises if text),
                            "day": report.finalised_on,
                            "url": url,
                        }
                    )
        entries.sort(key=lambda e: (e["day"], e["id"]), reverse=True)
        return entries[:FEED_SIZE]

    def item_title(self, item: dict) -> str:
        return item["title"]

    def item_description(self, item: dict) -> str:
        return item["text"]

    def item_link(self, item: dict) -> str:
        return item["url"]

    def item_guid(self, item: dict) -> str:
        return item["id"]

    item_guid_is_permalink = False

    def item_updateddate(self, item: dict) -> datetime:
        return timezone.make_aware(datetime.combine(item["day"], time()))

    item_pubdate = item_updateddate


feed = public_page(NewsFeed())
