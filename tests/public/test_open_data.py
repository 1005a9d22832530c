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
    assert "trygghetsregistret-oppna-data</code>, version 1" in html
    assert "se-0586-plan-12" in html  # how identifiers look
    for url in FILES[1:]:
        assert f'href="{url}"' in html, url


@pytest.mark.django_db
def test_the_json_holds_mjolbys_signed_plan_and_pledge_with_stable_ids(mjolby):
    response = public_client().get(f"/oppna-data/kommuner/{MJOLBY}.json")
    data = json.loads(response.content)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert data["format"] == "trygghetsregistret-oppna-data" and data["version"] == 1
    assert data["licence"]["name"].startswith("CC0 1.0")
    [mjolby_data] = data["municipalities"]
    assert mjolby_data["id"] == "se-0586" and mjolby_data["name"] == "Mjölby kommun"
    assert re.fullmatch(r"se-0586-agreement-\d+", mjolby_data["agreements"][0]["id"])
    plan = mjolby_data["action_plans"][0]
    assert re.fullmatch(r"se-0586-plan-\d+", plan["id"])
    measures = [m["description"] for a in plan["focus_areas"] for m in a["measures"]]
    assert any("Se över vegetation" in m for m in measures)
    pledge = mjolby_data["pledges"][0]
    assert re.fullmatch(r"se-0586-pledge-\d+", pledge["id"])
    pk = pledge["id"].rsplit("-", 1)[1]
    assert pledge["url"] == f"http://testserver/kommuner/{MJOLBY}/medborgarloften/{pk}/"
    promises = [p["text"] for p in pledge["promises"]]
    assert any("Polisen utför fotpatrullering i området" in p for p in promises)
    assert {"name": "Hanna Sjögren", "title": "Lokalpolisområdeschef"}.items() <= next(
        s for s in pledge["signatories"] if s["name"] == "Hanna Sjögren"
    ).items()
    # The same ids, the same content, in the whole register's file.
    whole = json.loads(public_client().get("/oppna-data/register.json").content)
    assert mjolby_data in whole["municipalities"]


@pytest.mark.django_db
def test_the_csv_files_have_a_swedish_header_and_the_ids_of_the_json(mjolby):
    client = public_client()
    measures = rows(client.get(f"/oppna-data/kommuner/{MJOLBY}/atgarder.csv"))
    promises = rows(client.get("/oppna-data/loften.csv"))
    data = json.loads(client.get("/oppna-data/register.json").content)
    plan = data["municipalities"][0]["action_plans"][0]
    json_ids = {m["id"] for a in plan["focus_areas"] for m in a["measures"]}

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
