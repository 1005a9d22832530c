"""Open data under /oppna-data/: the public content only, as JSON, CSV and an Atom feed."""

import csv
import io
import json
import re
from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionPlan, FocusArea
from pledges.models import Pledge
from public.selection import PUBLIC_FIELDS
from safety_partnership.exchange.export import export_register
from safety_partnership.exchange.importing import schema_errors
from safety_partnership.exchange.schema import SCHEMA_FILE
from safety_partnership.models import Partnership
from tests.conftest import make_municipality
from tests.public.test_public_pages import MARK, crawl, marker, public_client

MJOLBY = "0586-mjolby-kommun"
MARKERINGE = "9901-markeringe-kommun"
FILES = [
    "/oppna-data/",
    "/oppna-data/register.json",
    "/oppna-data/atgarder.csv",
    "/oppna-data/loften.csv",
    "/oppna-data/flode.atom",
    "/oppna-data/register-2.schema.json",
    f"/oppna-data/kommuner/{MJOLBY}.json",
    f"/oppna-data/kommuner/{MJOLBY}/atgarder.csv",
    f"/oppna-data/kommuner/{MJOLBY}/loften.csv",
]


def rows(response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # the BOM, for Excel
    return list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))


def mark_hidden_internal(marked) -> None:
    coordinator = Client()
    coordinator.force_login(marked["coordinator"])
    url = f"/intern-markering/atgard/{marked['hidden'].pk}/"
    assert coordinator.post(url, {"internal": "1"}).status_code == 302


@pytest.mark.django_db
def test_the_page_lists_the_files_the_licence_and_the_format(mjolby):
    html = public_client().get("/oppna-data/").content.decode()

    assert "CC0 1.0 Universell" in html
    assert "https://creativecommons.org/publicdomain/zero/1.0/deed.sv" in html
    assert "utbytesformat <code>trygghetsregistret</code>, version 2" in html
    assert 'href="/oppna-data/register-2.schema.json"' in html
    assert "se-0586-plan-12" in html  # how identifiers look
    for url in FILES[1:]:
        assert f'href="{url}"' in html, url


def documents(data: dict, kind: str) -> list[dict]:
    return [d for p in data["partnerships"] for d in p["documents"] if d["kind"] == kind]


@pytest.mark.django_db
def test_the_json_is_the_exchange_format_with_mjolbys_signed_plan_and_pledge(mjolby):
    response = public_client().get(f"/oppna-data/kommuner/{MJOLBY}.json")
    data = json.loads(response.content)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert schema_errors(data) == []  # the register's own exchange schema, version 2
    assert data["format"] == "trygghetsregistret" and data["version"] == 2
    assert data["licence"]["name"].startswith("CC0 1.0")
    assert data["source"] == "http://testserver/oppna-data/"
    [partnership] = data["partnerships"]
    assert partnership["municipality"]["id"] == "se-0586"
    assert partnership["municipality"]["name"] == "Mjölby kommun"
    assert partnership["police_area"]["name"] == "Lokalpolisområde Motala"
    [agreement] = documents(data, "agreement")
    assert re.fullmatch(r"se-0586-agreement-\d+", agreement["id"])
    [plan] = documents(data, "actionplan")
    assert re.fullmatch(r"se-0586-plan-\d+", plan["id"]) and plan["status"] == "signed"
    areas = plan["rows"]["focus_areas"]
    assert re.fullmatch(r"se-0586-focusarea-\d+", areas[0]["id"])
    measures = [m["fields"]["description"] for a in areas for m in a["rows"].get("measures", [])]
    assert any("Se över vegetation" in m for m in measures)
    [pledge] = documents(data, "pledge")
    pk = pledge["id"].rsplit("-", 1)[1]
    assert pledge["url"] == f"http://testserver/kommuner/{MJOLBY}/medborgarloften/{pk}/"
    promises = [p["fields"]["text"] for p in pledge["rows"]["promises"]]
    assert any("Polisen utför fotpatrullering i området" in p for p in promises)
    assert {"name": "Hanna Sjögren", "title": "Lokalpolisområdeschef"}.items() <= next(
        s for s in pledge["signatures"] if s["name"] == "Hanna Sjögren"
    ).items()
    # The same ids, the same content, in the whole register's file.
    whole = json.loads(public_client().get("/oppna-data/register.json").content)
    assert schema_errors(whole) == []
    assert partnership in whole["partnerships"]


@pytest.mark.django_db
def test_the_json_carries_a_pledges_finalised_report_and_only_public_fields(marked):
    data = json.loads(public_client().get(f"/oppna-data/kommuner/{MARKERINGE}.json").content)

    [pledge] = documents(data, "pledge")
    [report] = pledge["reports"]
    assert report["label"] == "Årsrapport 2025" and report["finalised_on"] == "2026-01-15"
    [row] = report["promises"]
    assert row["promise"] == pledge["rows"]["promises"][0]["id"]
    assert row["citizen_text"] == "Polisen har patrullerat varje fredag."
    assert "done" not in json.dumps(report)  # what was done is a working note
    # Only the fields the public pages show: no diary number, no internal knowledge.
    assert set(pledge["fields"]) == set(PUBLIC_FIELDS[Pledge])
    assert "diary_number" not in json.dumps(data)


@pytest.mark.django_db
def test_the_schema_is_published_beside_the_files(mjolby):
    response = public_client().get("/oppna-data/register-2.schema.json")

    assert response["Content-Type"] == "application/schema+json; charset=utf-8"
    assert json.loads(response.content) == json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@pytest.mark.django_db
def test_a_version_1_file_is_still_read(mjolby):
    """Version 2 only adds optional parts: a file written before it is still valid."""
    data = export_register()
    data["version"] = 1

    assert schema_errors(data) == []


@pytest.mark.django_db
def test_the_csv_files_have_a_swedish_header_and_the_ids_of_the_json(mjolby):
    client = public_client()
    measures = rows(client.get(f"/oppna-data/kommuner/{MJOLBY}/atgarder.csv"))
    promises = rows(client.get("/oppna-data/loften.csv"))
    data = json.loads(client.get("/oppna-data/register.json").content)
    [plan] = documents(data, "actionplan")
    json_ids = {m["id"] for a in plan["rows"]["focus_areas"] for m in a["rows"]["measures"]}

    assert list(measures[0])[:3] == ["id", "kommunkod", "kommun"]
    assert "åtgärd" in measures[0] and "ansvar" in measures[0]
    assert {r["id"] for r in measures} == json_ids
    assert any("Se över vegetation" in r["åtgärd"] for r in measures)
    assert any("Polisen utför fotpatrullering i området" in r["löfte"] for r in promises)
    assert all(r["kommun"] == "Mjölby kommun" for r in promises)
    response = client.get("/oppna-data/atgarder.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"


@pytest.mark.django_db
def test_the_feed_has_the_signed_pledge_and_its_finalised_report_newest_first(marked):
    response = public_client().get("/oppna-data/flode.atom")
    xml = response.content.decode()

    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Markeringe kommun: Medborgarlöfte 2025 undertecknat" in xml
    assert "Markeringe kommun: Årsrapport 2025 för Medborgarlöfte 2025" in xml
    assert "Polisen har patrullerat varje fredag." in xml
    # Mjölby's pledges were registered as signed without dates: they count from their start.
    assert "Mjölby kommun: Medborgarlöfte i Mjölby Kommun 2018 undertecknat" in xml
    assert f"/kommuner/{MARKERINGE}/medborgarloften/{marked['pledge'].pk}/" in xml
    # The report (finalised 2026-01-15) comes before the signing (2025-01-20).
    assert xml.index("Årsrapport 2025") < xml.index("Medborgarlöfte 2025 undertecknat")


@pytest.mark.django_db
def test_nothing_internal_drafts_or_awaiting_reach_any_open_data_file(marked):
    mark_hidden_internal(marked)
    client = public_client()
    urls = [u.replace(MJOLBY, MARKERINGE) for u in FILES] + FILES
    texts = {url: client.get(url).content.decode() for url in urls}
    texts.update(crawl(client))  # and every public page, as before

    leaks = {url: re.findall(rf"{MARK}[\w-]*", text, re.I) for url, text in texts.items()}
    assert {url: found for url, found in leaks.items() if found} == {}
    assert "@" not in "".join(texts.values())
    everything = "".join(texts.values())
    assert "Fotpatrullering" in everything  # the measure that is not internal
    assert marker("measure") not in everything


@pytest.mark.django_db
def test_no_cookie_and_anyone_may_cache(marked):
    client = public_client()
    for url in FILES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Set-Cookie" not in response.headers, url
        assert response.headers["Cache-Control"] == "public, max-age=300", url


@pytest.mark.django_db
def test_an_unknown_municipality_is_not_found(mjolby):
    assert public_client().get("/oppna-data/kommuner/9999-ingen.json").status_code == 404
    assert public_client().get("/oppna-data/kommuner/9999/loften.csv").status_code == 404


def queries(url: str) -> int:
    client = public_client()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_the_files_ask_a_fixed_number_of_queries_however_many_municipalities(mjolby, marked):
    before = {url: queries(url) for url in FILES}
    for name, code in (("Andra kommun", "9903"), ("Tredje kommun", "9904")):
        other = Partnership.objects.create(
            municipality=make_municipality(name, code), police_area=mjolby.police_area
        )
        plan = ActionPlan.objects.create(
            partnership=other,
            title="Plan",
            period_start=date(2025, 1, 1),
            period_end=date(2026, 12, 31),
        )
        FocusArea.objects.create(plan=plan, position=1, title="Trygghet")
        plan.status = "signed"
        plan.save()

    after = {url: queries(url) for url in FILES}

    assert after == before
    assert "Andra kommun" in public_client().get("/oppna-data/register.json").content.decode()
