"""The home page: anonymous visitors log in first, then see their partnership."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actionplans.models import ActionPlan
from pledges.models import Pledge
from safety_partnership import kinds
from safety_partnership.models import Partnership, PoliceArea
from safety_partnership.services import copy_document
from tests.conftest import make_municipality, make_partnership
from tests.pages import visible_text


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get("/")

    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/"


@pytest.mark.django_db
def test_the_login_page_is_in_swedish(client):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert '<html lang="sv">' in response.text
    assert "Användarnamn" in response.text
    assert "Lösenord" in response.text


@pytest.mark.django_db
def test_a_wrong_password_is_refused_in_swedish(client, coordinator):
    response = client.post("/accounts/login/", {"username": "samordnare", "password": "fel"})

    assert response.status_code == 200
    assert "Ange ett korrekt användarnamn och lösenord" in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_after_login_the_coordinator_sees_her_name_and_partnership(client, coordinator):
    response = client.post(
        "/accounts/login/", {"username": "samordnare", "password": "secret-pass-1"}, follow=True
    )

    assert response.redirect_chain[-1][0] == "/"
    assert "Välkommen, Roger" in response.text
    assert "Säkerhetssamordnare" in response.text
    assert "Mjölby kommun och Lokalpolisområde Motala" in response.text


@pytest.mark.django_db
def test_the_police_area_chief_sees_every_municipality_of_the_area(client, police_chief, mjolby):
    boxholm = make_municipality("Boxholms kommun", "0560")
    Partnership.objects.create(municipality=boxholm, police_area=mjolby.police_area)
    make_partnership()  # another police area's municipality
    client.force_login(police_chief)

    response = client.get("/")

    rows = response.context["rows"]
    assert [row.partnership.municipality.name for row in rows] == [
        "Boxholms kommun",
        "Mjölby kommun",
    ]
    assert Partnership.objects.count() == 3


@pytest.mark.django_db
def test_the_table_shows_each_partnerships_newest_document_of_every_kind(
    client, police_chief, mjolby
):
    from tests.safety_partnership.test_query_counts import grow_register  # noqa: PLC0415

    grow_register(mjolby, times=4)  # four more plans and pledges, each later than the last
    boxholm = make_municipality("Boxholms kommun", "0560")
    Partnership.objects.create(municipality=boxholm, police_area=mjolby.police_area)
    client.force_login(police_chief)

    page = client.get("/").text

    row = page[page.index(f'<a href="{mjolby.get_absolute_url()}">') :].split("</tr>")[0]
    for model, address in ((ActionPlan, "/handlingsplaner/"), (Pledge, "/medborgarloften/")):
        documents = model.objects.filter(partnership=mjolby).order_by("-period_start")
        assert documents.count() == 5
        newest = documents[0]
        assert f'<a href="{newest.get_absolute_url()}">{newest.period}</a>' in row
        assert row.count(address) == 1  # the newest only, not all five
    boxholms = page[page.index("Boxholms kommun</a>") :].split("</tr>")[0]
    assert boxholms.count("Inget ännu") == len(kinds.all_kinds())


@pytest.mark.django_db
def test_a_coordinator_does_not_see_another_municipality(client, other_coordinator):
    client.force_login(other_coordinator)

    response = client.get("/")

    assert "Mjölby" not in response.text
    assert "Boxholms kommun och Lokalpolisområde Motala" in response.text


@pytest.mark.django_db
def test_recent_changes_link_to_the_changed_documents(client, coordinator):
    client.force_login(coordinator)

    response = client.get("/")

    links = {change.document.get_absolute_url() for change in response.context["changes"]}
    assert "/medborgarloften/1/" in links
    assert "/handlingsplaner/1/" in links
    assert 'href="/medborgarloften/1/"' in response.text


@pytest.mark.django_db
def test_a_copied_plan_is_one_recent_change_among_the_newest_ten(client, coordinator):
    signed = ActionPlan.objects.get(status="signed")
    copy = copy_document(original=signed, title="Handlingsplan, kopia")
    client.force_login(coordinator)

    changes = client.get("/").context["changes"]

    copied = [c for c in changes if str(c.what).startswith("Kopierad från")]
    assert [c.document for c in copied] == [copy]
    assert len(changes) == 10  # the copy's many rows took no more than one place
    assert [c.at for c in changes] == sorted((c.at for c in changes), reverse=True)


def more_partnerships(count: int) -> None:
    start = PoliceArea.objects.count()
    for number in range(start, start + count):
        area = PoliceArea.objects.create(name=f"Lokalpolisområde {number}", region="ost")
        place = make_municipality(f"Kommun {number}", f"7{number:03}")
        Partnership.objects.create(municipality=place, police_area=area)


def dashboard_queries(client) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    return response.text, len(queries)


@pytest.mark.django_db
def test_the_superusers_dashboard_sums_up_the_country_and_shows_twenty_at_a_time(
    client, superuser, mjolby
):
    more_partnerships(12)
    client.force_login(superuser)
    few, few_queries = dashboard_queries(client)
    more_partnerships(30)
    page, queries = dashboard_queries(client)

    # As many queries for 43 municipalities as for 13.
    assert queries == few_queries
    text = visible_text(page)
    assert "Du läser 43 samverkan." in text
    assert "Handlingsplaner 0 0 1 0 1" in text  # the seed's plan: signed
    assert page.count('class="overview__row"') == 20
    assert "Samverkan 1–20 av 43, sida 1 av 3." in text
    assert 'aria-label="Sidor med samverkan"' in page and "Nästa sida" in page
    last = client.get("/", {"sida": 3})
    assert last.content.decode().count('class="overview__row"') == 3


@pytest.mark.django_db
def test_a_police_chief_of_many_municipalities_pages_through_them(client, police_chief, mjolby):
    for number in range(21):
        municipality = make_municipality(f"Kommun {number:02}", f"98{number:02}")
        Partnership.objects.create(municipality=municipality, police_area=mjolby.police_area)
    client.force_login(police_chief)
    # Content types (of the signatures awaiting her) are cached once per process, by whichever
    # test asks first: once asked here, both counts below find them cached.
    dashboard_queries(client)
    page, queries = dashboard_queries(client)
    assert page.count('class="overview__row"') == 20
    assert "Du läser 22 samverkan." in visible_text(page)
    second = client.get("/", {"sida": 2}).content.decode()
    assert second.count('class="overview__row"') == 2
    assert f'<a href="{mjolby.get_absolute_url()}">Mjölby kommun</a>' in second
    for number in range(21, 40):
        municipality = make_municipality(f"Kommun {number:02}", f"98{number:02}")
        Partnership.objects.create(municipality=municipality, police_area=mjolby.police_area)
    assert dashboard_queries(client)[1] == queries


@pytest.mark.django_db
def test_a_coordinator_sees_no_summary_nor_pages(client, coordinator):
    client.force_login(coordinator)
    page = client.get("/").content.decode()
    assert "Översikt" not in page and "Sidor med samverkan" not in page


@pytest.mark.django_db
def test_the_dashboard_lists_the_latest_three_of_a_kind_and_links_to_all(
    client, coordinator, mjolby
):
    from tests.safety_partnership.test_query_counts import grow_register  # noqa: PLC0415

    grow_register(mjolby, times=4)  # four more pledges: five in all
    client.force_login(coordinator)
    page = client.get("/").content.decode()
    assert len(pledges_listed(page)) == 3
    assert "Alla 5 medborgarlöften" in visible_text(page)
    # The partnership's own page lists them all.
    assert len(pledges_listed(client.get(mjolby.get_absolute_url()).content.decode())) == 5


def pledges_listed(page: str) -> list[str]:
    found = re.search(
        r"<h3>Medborgarlöften</h3>\s*<ul class=\"document-list\">(.*?)</ul>", page, re.S
    )
    assert found
    return re.findall(r"<li>", found.group(1))
