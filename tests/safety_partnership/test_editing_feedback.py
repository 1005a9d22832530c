"""Feedback where the user is, as the server renders it (the browser side is in
tests/browser/test_editing_feedback.py): limits on text fields, the error summary of a
refused form, autofocus on a form that opens in place, rows that take the focus, and
headings that show what is stored, never what a refused form held."""

import re

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from actionplans.forms import PlanForm
from safety_partnership.concurrency import latest_version
from safety_partnership.forms import TEXT_LIMIT

HTMX = {"HTTP_HX_REQUEST": "true"}


def tag(html: str, element_id: str) -> str:
    """The opening tag of the element with that id."""
    match = re.search(rf'<(input|textarea|select)\b[^>]*\bid="{element_id}"[^>]*>', html)
    assert match, element_id
    return match.group(0)


def plan_data(plan, **changes) -> dict:
    data = model_to_dict(plan, fields=PlanForm._meta.fields)
    data = {name: "" if value is None else value for name, value in data.items()}
    return {**data, "version": latest_version(plan), **changes}


def h1(html: str) -> str:
    match = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert match
    return match.group(1).strip()


def title(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match
    return match.group(1).strip()


def breadcrumbs(html: str) -> str:
    match = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S)
    assert match
    return match.group(0)


@pytest.mark.django_db
def test_text_fields_carry_their_limit_as_maxlength_and_say_it(client, coordinator, draft_plan):
    client.force_login(coordinator)

    page = client.get(reverse("actionplans:focus_area_create", args=[draft_plan.pk])).text
    edit = client.get(reverse("actionplans:edit", args=[draft_plan.pk])).text

    assert 'maxlength="200"' in tag(page, "id_title")
    assert f'maxlength="{TEXT_LIMIT}"' in tag(page, "id_problem")
    assert f'maxlength="{TEXT_LIMIT}"' in tag(edit, "id_introduction")
    assert 'aria-describedby="id_problem_helptext"' in tag(page, "id_problem")
    assert '<p class="form__help" id="id_problem_helptext">Högst 10\xa0000 tecken.</p>' in page
    assert "maxlength" not in tag(edit, "id_period_start")


@pytest.mark.django_db
def test_the_limit_counts_a_line_break_as_the_browser_does(client, coordinator, draft_plan):
    """The browser's maxlength counts a line break as one character and sends it as two."""
    client.force_login(coordinator)
    area = draft_plan.focus_areas.get(title="Tillgreppsbrott")
    url = reverse("actionplans:measure_create", args=[area.pk])
    full = "x" * (TEXT_LIMIT - 100) + "\r\n" * 100  # 10 000 as typed, 10 100 as sent

    saved = client.post(url, {"description": full, "responsible": "joint"})
    refused = client.post(url, {"description": full + "x", "responsible": "joint"})

    assert saved.status_code == 302
    assert refused.status_code == 200
    assert "Säkerställ att detta värde har som mest 10000 tecken (den har 10001)." in refused.text


@pytest.mark.django_db
def test_a_form_that_opens_in_place_focuses_its_first_field(client, coordinator, draft_plan):
    client.force_login(coordinator)
    url = reverse("actionplans:focus_area_create", args=[draft_plan.pk])

    for response in (client.get(url), client.get(url, **HTMX)):
        assert "autofocus" in tag(response.text, "id_title")
        assert response.text.count("autofocus") == 1


@pytest.mark.django_db
def test_a_refused_row_form_shows_a_focused_summary_linking_to_each_field(
    client, coordinator, draft_plan
):
    client.force_login(coordinator)
    url = reverse("actionplans:focus_area_create", args=[draft_plan.pk])

    for response in (client.post(url, {"title": ""}), client.post(url, {"title": ""}, **HTMX)):
        html = response.text
        summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
        assert 'tabindex="-1" autofocus' in summary
        assert "Formuläret kunde inte sparas" in summary
        assert '<a href="#id_title">Fokusområde: Detta fält måste fyllas i.</a>' in summary
        assert 'id="id_title_error"' in html  # the error beside the field stays
        assert "autofocus" not in tag(html, "id_title")
        assert html.count("autofocus") == 1


@pytest.mark.django_db
def test_rows_are_focusable_targets_of_the_redirect_after_a_change(client, coordinator, draft_plan):
    client.force_login(coordinator)
    area = draft_plan.focus_areas.get(title="Tillgreppsbrott")

    response = client.post(
        reverse("actionplans:focus_area_edit", args=[area.pk]),
        {"title": "Tillgrepp", "version": latest_version(area)},
    )
    page = client.get(response.url).text

    assert response.url.endswith(f"#{area.anchor}")
    assert f'<tbody id="{area.anchor}" class="focus-area" tabindex="-1">' in page
    assert '<section id="handlingsplan-tabell"' in page and 'tabindex="-1"' in page


@pytest.mark.django_db
def test_with_htmx_a_saved_row_is_named_for_the_focus(client, coordinator, draft_plan):
    client.force_login(coordinator)
    area = draft_plan.focus_areas.get(title="Tillgreppsbrott")

    response = client.post(
        reverse("actionplans:focus_area_edit", args=[area.pk]),
        {"title": "Tillgrepp", "version": latest_version(area)},
        **HTMX,
    )

    assert response.status_code == 200
    assert response.headers["HX-Trigger-After-Settle"] == (
        f'{{"registerfocus": {{"id": "{area.anchor}"}}}}'
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "changes",
    [{"title": ""}, {"title": "En ny titel", "period_start": "inget datum"}],
    ids=["emptied", "retitled"],
)
def test_a_refused_document_form_shows_the_stored_title(client, coordinator, draft_plan, changes):
    client.force_login(coordinator)

    response = client.post(
        reverse("actionplans:edit", args=[draft_plan.pk]), plan_data(draft_plan, **changes)
    )

    html = response.text
    assert response.status_code == 200 and "error-summary" in html
    assert h1(html) == "Ändra ”Handlingsplan för 2021-2023”"
    assert title(html).startswith("Ändra Handlingsplan för 2021-2023 –")
    assert "Handlingsplan för 2021-2023" in breadcrumbs(html)
    assert "En ny titel" not in h1(html) + title(html) + breadcrumbs(html)
    draft_plan.refresh_from_db()
    assert draft_plan.title == "Handlingsplan för 2021-2023"


@pytest.mark.django_db
def test_a_refused_case_form_shows_the_stored_diary_number(client, coordinator, mjolby):
    from safety_partnership.models import CouncilCase

    client.force_login(coordinator)
    case = CouncilCase.objects.get(diary_number="KS/2017:359")
    page = client.get(reverse("council:edit", args=[case.pk])).text
    # Everything the form shows, with a new diary number and an empty title.
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))

    response = client.post(
        reverse("council:edit", args=[case.pk]),
        {**fields, "diary_number": "KS/2099:1", "title": ""},
    )

    html = response.text
    assert response.status_code == 200
    assert "KS/2017:359" in h1(html) and "KS/2099:1" not in h1(html) + title(html)
    assert "KS/2099:1" not in breadcrumbs(html)


@pytest.mark.django_db
def test_a_recorded_meeting_is_where_the_agreement_page_opens(client, coordinator, mjolby):
    from agreements.models import Agreement

    client.force_login(coordinator)
    agreement = Agreement.objects.get()

    response = client.post(
        reverse("agreements:meeting_create", args=[agreement.pk]),
        {"held_on": "2018-03-14", "participants": "Kommunledning och LPO-chef", "notes": ""},
    )

    meeting = agreement.meetings.get(held_on="2018-03-14")
    assert response.url == f"{agreement.get_absolute_url()}#mote-{meeting.pk}"
    page = client.get(response.url).text
    assert f'<li id="mote-{meeting.pk}" tabindex="-1">' in page


@pytest.mark.django_db
def test_a_refused_case_lists_the_errors_of_its_decision_basis_in_one_summary(
    client, coordinator, mjolby
):
    from safety_partnership.models import CouncilCase

    client.force_login(coordinator)
    case = CouncilCase.objects.get(diary_number="KS/2017:359")
    page = client.get(reverse("council:edit", args=[case.pk])).text
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))

    html = client.post(
        reverse("council:edit", args=[case.pk]),
        {**fields, "title": "", "underlag-0-title": "Underlag", "underlag-0-document": "fel:1"},
    ).text

    assert html.count('class="error-summary"') == 1 and html.count("autofocus") == 1
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert 'href="#id_title"' in summary
    assert 'href="#id_underlag-0-document">Handlingen i registret: ' in summary
