"""History a person can read: Swedish that agrees, a copy as one line, filters, plain dates."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actionplans.models import Measure
from pledges.models import Pledge, Promise
from safety_partnership.concurrency import latest_version
from tests.pages import history_entries, visible_text


def history_url(plan) -> str:
    return f"/handlingsplaner/{plan.pk}/historik/"


@pytest.mark.django_db
def test_a_copy_is_one_line_in_the_history_with_the_number_of_rows(client, coordinator, draft_plan):
    client.force_login(coordinator)

    entries = history_entries(client.get(history_url(draft_plan)).text)

    copied = [e for e in entries if "Kopierad" in e]
    # 6 focus areas and their 26 measures: the rows of the signed 2018–2020 plan.
    original = draft_plan.copied_from
    rows = original.focus_areas.count() + Measure.objects.filter(focus_area__plan=original).count()
    assert rows == 32
    assert copied == ["Systemet · Kopierad från Handlingsplan 2018–2020 (32 rader)"]
    assert "Systemet · Handlingsplanen skapad Anledning: Skapad utifrån" in entries[-1]
    assert not [e for e in entries if "En åtgärd skapad" in e or "Ett fokusområde skapat" in e]
    feed = visible_text(client.get("/").text)
    copy_line = f"Systemet – Kopierad från Handlingsplan 2018–2020 i {draft_plan.title}"
    assert feed.count(copy_line) == 1
    assert f"skapad i {draft_plan.title}" not in feed.replace("Handlingsplanen skapad i", "")


@pytest.mark.django_db
def test_rows_added_after_the_copy_are_their_own_lines(client, coordinator, draft_plan):
    client.force_login(coordinator)
    measure = Measure.objects.filter(focus_area__plan=draft_plan).first()
    measure.description = "Trygghetsvandringar varje kvartal"
    measure.save()
    measure.delete()

    entries = history_entries(client.get(history_url(draft_plan)).text)

    assert entries[0].startswith("Systemet · En åtgärd borttagen i ”")
    assert entries[1].startswith("Systemet · En åtgärd ändrad i ”")
    assert "Kopierad från Handlingsplan 2018–2020 (32 rader)" in entries[2]


@pytest.mark.django_db
def test_the_change_feed_agrees_with_each_kind_of_row(client, coordinator, draft_pledge):
    client.force_login(coordinator)
    promise = Promise.objects.filter(pledge=draft_pledge).first()
    promise.text = "Polisen patrullerar till fots varje fredag."
    promise.save()
    draft_pledge.title = "Medborgarlöfte 2019, reviderat"
    draft_pledge.save()
    promise.delete()

    feed = visible_text(client.get("/").text)
    history = history_entries(client.get(f"/medborgarloften/{draft_pledge.pk}/historik/").text)

    assert "Ett löfte borttaget i Medborgarlöfte 2019, reviderat" in feed
    assert "Ett löfte ändrat i Medborgarlöfte 2019, reviderat" in feed
    assert "Medborgarlöftet ändrat i Medborgarlöfte 2019, reviderat" in feed
    assert "skapad i Medborgarlöfte" not in feed and "ändrad i Medborgarlöfte" not in feed
    assert history[0].startswith("Systemet · Ett löfte borttaget: Polisen patrullerar")
    assert history[1].startswith("Systemet · Medborgarlöftet ändrat")
    assert (
        "Rubrik Medborgarlöfte i Mjölby Kommun 2019 → Medborgarlöfte 2019, reviderat" in history[1]
    )
    assert history[2].startswith("Systemet · Ett löfte ändrat: Polisen patrullerar")


@pytest.mark.django_db
def test_the_plan_and_its_rows_agree_in_the_change_feed(client, coordinator, draft_plan):
    client.force_login(coordinator)
    area = draft_plan.focus_areas.first()
    area.title = "Trafiken"
    area.save()
    Measure.objects.filter(focus_area=area).first().delete()

    feed = visible_text(client.get("/").text)

    assert f"Ett fokusområde ändrat i {draft_plan.title}" in feed
    assert f"En åtgärd borttagen i {draft_plan.title}" in feed


def edit_measure_as(client, user, plan, text: str) -> None:
    measure = Measure.objects.filter(focus_area__plan=plan).order_by("pk").first()
    client.force_login(user)
    response = client.post(
        f"/handlingsplaner/atgarder/{measure.pk}/andra/",
        {
            "description": text,
            "responsible": "joint",
            "other_parties": "",
            "responsible_note": "",
            "version": latest_version(measure),
        },
    )
    assert response.status_code == 302, response.content


@pytest.mark.django_db
def test_the_history_is_filtered_by_person_kind_of_change_and_dates(
    client, coordinator, superuser, draft_plan
):
    edit_measure_as(client, coordinator, draft_plan, "Trygghetsvandringar varje kvartal")
    edit_measure_as(client, superuser, draft_plan, "Trygghetsvandringar varje månad")
    client.force_login(coordinator)
    url = history_url(draft_plan)

    page = client.get(url).text
    by_roger = history_entries(client.get(url, {"person": coordinator.pk}).text)
    copies = history_entries(client.get(url, {"kind": "kopierad"}).text)
    created = history_entries(client.get(url, {"kind": "skapad"}).text)
    today = timezone.localdate()
    tomorrow = history_entries(client.get(url, {"since": str(today + timedelta(days=1))}).text)
    only_today = client.get(url, {"since": str(today), "until": str(today)}).text

    assert "Filtrera ändringarna" in page and 'name="person"' in page and 'type="date"' in page
    assert len(by_roger) == 1
    assert by_roger[0].startswith("Roger Max · En åtgärd ändrad i ”")
    assert "Trygghetsvandringar varje kvartal" in by_roger[0]
    assert copies == ["Systemet · Kopierad från Handlingsplan 2018–2020 (32 rader)"]
    assert len(created) == 1 and "Handlingsplanen skapad" in created[0]
    assert tomorrow == []
    assert "Inga ändringar stämmer med filtret." in visible_text(
        client.get(url, {"since": str(today + timedelta(days=1))}).text
    )
    assert len(history_entries(only_today)) == len(history_entries(page))
    assert "Visar 4 av 4 ändringar." in visible_text(only_today)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"since": "2026-13-45"}, "Från och med: Fyll i ett giltigt datum."),
        ({"since": "2026-12-01", "until": "2026-11-01"}, "Från-datumet ligger efter till-datumet."),
        ({"kind": "raderad"}, "Typ av ändring: Välj ett giltigt alternativ."),
        ({"person": "99999"}, "Person: Välj ett giltigt alternativ."),
    ],
)
def test_a_bad_filter_is_explained_in_swedish_and_the_whole_history_shown(
    client, coordinator, draft_plan, query, message
):
    client.force_login(coordinator)
    url = history_url(draft_plan)

    everything = history_entries(client.get(url).text)
    response = client.get(url, query)

    assert response.status_code == 200
    text = visible_text(response.text)
    assert "Filtret kunde inte användas, så alla ändringar visas:" in text
    assert message in text
    assert history_entries(response.text) == everything


@pytest.mark.django_db
def test_the_as_of_view_takes_a_plain_date_as_the_end_of_that_day(client, coordinator, mjolby):
    pledge = Pledge.objects.get()
    client.force_login(coordinator)
    loaded_on = timezone.localtime(pledge.history.earliest().history_date).date()

    day_before = client.get(pledge.as_of_url, {"tid": str(loaded_on - timedelta(days=1))})
    that_day = client.get(pledge.as_of_url, {"tid": str(loaded_on)})

    assert that_day.status_code == 200
    assert pledge.title in that_day.text
    assert that_day.context["as_of"].hour == 23 and that_day.context["as_of"].minute == 59
    assert str(that_day.context["as_of"].tzinfo) == "Europe/Stockholm"
    assert day_before.status_code == 404  # the pledge was not yet in the register


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["", "igår", "2026-11-31", "2026-11-30T14:00"])
def test_a_bad_moment_gets_a_swedish_message(client, coordinator, mjolby, value):
    pledge = Pledge.objects.get()
    client.force_login(coordinator)

    response = client.get(pledge.as_of_url, {"tid": value})

    assert response.status_code == 400
    text = visible_text(response.text)
    assert "Ogiltig tidpunkt" in text
    assert "Ange ett datum, till exempel ?tid=2026-11-30" in text


@pytest.mark.django_db
def test_the_case_as_it_was_takes_a_plain_date_too(client, coordinator, mjolby):
    from django.urls import reverse

    from safety_partnership.models import CouncilCase

    case = CouncilCase.objects.get(diary_number="KS/2017:359")
    client.force_login(coordinator)
    url = reverse("council:as_of", args=[case.pk])

    today = client.get(url, {"tid": str(timezone.localdate())})
    bad = client.get(url, {"tid": "30/11/2026"})

    assert today.status_code == 200 and case.title in today.text
    assert bad.status_code == 400 and "Ogiltig tidpunkt" in bad.text


@pytest.mark.django_db
def test_signatures_are_named_and_filtered_as_their_own_kind_of_change(
    client, coordinator, draft_pledge
):
    from safety_partnership.models import Person
    from safety_partnership.signing.services import send_for_signing

    signatories = [
        Person.objects.get(name="Hanna Sjögren"),
        Person.objects.get(name="Cecilia W Burenby"),
    ]
    send_for_signing(document=draft_pledge, user=None, signatories=signatories)
    client.force_login(coordinator)

    url = f"/medborgarloften/{draft_pledge.pk}/historik/"
    signatures = history_entries(client.get(url, {"kind": "underskrift"}).text)

    assert sorted(signatures) == [
        "Systemet · Underskrift av Cecilia W Burenby tillagd",
        "Systemet · Underskrift av Hanna Sjögren tillagd",
    ]
