"""The home page: anonymous visitors log in first, then see their partnership."""

import pytest

from safety_partnership.models import Partnership
from tests.conftest import make_municipality, make_partnership


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

    assert "Mjölby kommun och Lokalpolisområde Motala" in response.text
    assert "Boxholms kommun och Lokalpolisområde Motala" in response.text
    assert len(response.context["partnerships"]) == 2
    assert Partnership.objects.count() == 3


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
