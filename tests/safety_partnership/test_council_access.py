"""Who may do what with a council case: the police chief reads it but writes nothing,
another municipality's coordinator learns nothing of it, an anonymous visitor logs in first.
"""

import pytest

from tests.safety_partnership.council_helpers import (
    case_359,
    case_data,
    paragraph_6,
    read_urls,
    register_state,
    text_of,
    write_urls,
)


@pytest.mark.django_db
def test_the_police_chief_reads_the_case_but_every_write_is_refused(
    mjolby, coordinator, police_chief, client
):
    case, state = case_359(), register_state()
    client.force_login(coordinator)
    coordinators_page = text_of(client.get(case.get_absolute_url()))
    client.force_login(police_chief)

    for url in read_urls(case):
        assert client.get(url).status_code == 200, url
    for url in write_urls(case, paragraph_6()):
        assert client.get(url).status_code == 403, url
        assert client.post(url, case_data(case)).status_code == 403, url

    assert register_state() == state
    page = text_of(client.get(case.get_absolute_url()))
    assert "Ändra ärendet" in coordinators_page and "Ta bort § 6" in coordinators_page
    assert "Dnr KS/2017:359" in page
    assert "Ändra ärendet" not in page and "Ta bort § 6" not in page


@pytest.mark.django_db
def test_another_municipalitys_coordinator_learns_nothing_of_the_case(
    mjolby, other_coordinator, client
):
    client.force_login(other_coordinator)
    case, state = case_359(), register_state()

    for url in read_urls(case) + write_urls(case, paragraph_6()):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url

    assert register_state() == state


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_the_login_page(mjolby, client):
    case = case_359()

    for url in read_urls(case) + write_urls(case, paragraph_6()):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next="), url
