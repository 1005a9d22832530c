"""The action plan page: read as the paper table, edited in place by the coordinator only."""

import pytest
from django.urls import reverse

from actionplans.models import ActionPlan, FocusArea, Measure
from safety_partnership.concurrency import latest_version
from safety_partnership.services import copy_document, new_document_from
from tests.pages import history_entries, visible_text

HTMX = {"HTTP_HX_REQUEST": "true"}


def measure_form(description: str, responsible: str = "joint", **extra) -> dict:
    return {
        "description": description,
        "responsible": responsible,
        "other_parties": "",
        "responsible_note": "",
        **extra,
    }


def tillgrepp(plan: ActionPlan) -> FocusArea:
    return plan.focus_areas.get(title="Tillgreppsbrott")


def measures(area: FocusArea) -> list[str]:
    return list(area.measures.order_by("position").values_list("description", flat=True))


@pytest.mark.django_db
def test_the_plan_reads_as_the_six_column_table(client, coordinator):
    plan = ActionPlan.objects.get()
    client.force_login(coordinator)

    page = client.get(plan.get_absolute_url()).text

    headers = [
        "Problembild",
        "Orsaksanalys",
        "Övergripande effektmål",
        "Delmål",
        "Åtgärder",
        "Ansvar",
    ]
    positions = [page.index(f'<th scope="col">{h}</th>') for h in headers]
    assert positions == sorted(positions)
    titles = [
        "Trafikmiljön",
        "Otrygghetsfaktorer i boendemiljön",
        "Ordningsstörningar",
        "Tillgreppsbrott",
        "Våldsbejakande extremism",
        "Droger, ANDT",
    ]
    assert [page.index(t) for t in titles] == sorted(page.index(t) for t in titles)
    assert "Kommunen (ANDT samordn)" in page
    assert "Kommunen (Se eget dokument)" in page
    assert "Undertecknad" in page and "Hanna Sjögren" in page


@pytest.mark.django_db
def test_a_signed_plan_offers_no_editing_but_a_copy_to_the_coordinator(
    client, coordinator, draft_plan
):
    plan = ActionPlan.objects.get(status="signed")
    client.force_login(coordinator)

    page = client.get(plan.get_absolute_url()).text
    draft = client.get(draft_plan.get_absolute_url()).text

    # Her draft offers both, so their absence from the signed plan is not a renamed button.
    assert "Lägg till åtgärd" in draft and "Ta bort utkastet" in draft
    assert reverse("actionplans:delete", args=[draft_plan.pk]) in draft
    assert "Ny handlingsplan utifrån 2018–2020" in page
    assert "Lägg till åtgärd" not in page
    assert "Ta bort utkastet" not in page
    assert reverse("actionplans:delete", args=[plan.pk]) not in page


@pytest.mark.django_db
def test_editing_a_signed_plan_is_refused_and_nothing_changes(client, coordinator):
    plan = ActionPlan.objects.get()
    area = tillgrepp(plan)
    client.force_login(coordinator)

    response = client.post(reverse("actionplans:measure_create", args=[area.pk]), measure_form("X"))

    assert response.status_code == 403
    assert "undertecknad och kan inte ändras" in response.text
    assert area.measures.count() == 7


@pytest.mark.django_db
def test_copying_the_plan_creates_a_draft_for_the_next_period(client, coordinator):
    plan = ActionPlan.objects.get()
    client.force_login(coordinator)
    form = client.get(reverse("actionplans:copy", args=[plan.pk]))
    assert form.context["form"].initial["title"] == "Handlingsplan för 2021-2023"

    response = client.post(
        reverse("actionplans:copy", args=[plan.pk]),
        {
            "title": "Handlingsplan för 2021-2023",
            "period_start": "2021-01-01",
            "period_end": "2023-12-31",
            "agreement": plan.agreement_id,
        },
        follow=True,
    )

    copy = ActionPlan.objects.get(title="Handlingsplan för 2021-2023")
    assert copy.status == "draft" and copy.copied_from == plan
    assert [a.title for a in copy.focus_areas.order_by("position")] == [
        a.title for a in plan.focus_areas.order_by("position")
    ]
    assert Measure.objects.filter(focus_area__plan=copy).count() == 26
    assert "Utgår från Handlingsplan för 2018-2020 (2018–2020)" in visible_text(response.text)
    assert "Lägg till åtgärd" in response.text


@pytest.mark.django_db
def test_the_coordinator_adds_a_measure_without_javascript(client, coordinator, draft_plan):
    area = tillgrepp(draft_plan)
    client.force_login(coordinator)
    url = reverse("actionplans:measure_create", args=[area.pk])
    assert "Ny åtgärd" in client.get(url).text

    response = client.post(url, measure_form("Gatlyktor i parken", "municipality"))

    assert response.status_code == 302
    assert response.url.startswith(draft_plan.get_absolute_url() + "#atgard-")
    assert measures(area)[-1] == "Gatlyktor i parken"
    assert (
        area.measures.get(description="Gatlyktor i parken").history.latest().history_user
        == coordinator
    )


@pytest.mark.django_db
def test_with_htmx_only_the_table_comes_back(client, coordinator, draft_plan):
    area = tillgrepp(draft_plan)
    client.force_login(coordinator)

    response = client.post(
        reverse("actionplans:measure_create", args=[area.pk]),
        measure_form("Grannsamverkan i Skänninge"),
        **HTMX,
    )

    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'id="handlingsplan-tabell"' in response.text
    assert "Grannsamverkan i Skänninge" in response.text


@pytest.mark.django_db
def test_moving_a_measure_up_swaps_it_with_the_one_above(client, coordinator, draft_plan):
    area = tillgrepp(draft_plan)
    last = area.measures.order_by("position").last()
    client.force_login(coordinator)

    client.post(reverse("actionplans:measure_move", args=[last.pk]), {"direction": "up"})

    assert measures(area)[-2:] == ["Informationskampanjer", "Trygghetsvandringar."]
    client.post(reverse("actionplans:measure_move", args=[last.pk]), {"direction": "down"})
    assert measures(area)[-1] == "Informationskampanjer"


@pytest.mark.django_db
def test_editing_and_removing_a_measure(client, coordinator, draft_plan):
    area = tillgrepp(draft_plan)
    measure = area.measures.get(description="Trygghetsvandringar.")
    client.force_login(coordinator)

    client.post(
        reverse("actionplans:measure_edit", args=[measure.pk]),
        measure_form("Trygghetsvandringar i Mjölby centrum.", version=latest_version(measure)),
    )
    measure.refresh_from_db()
    assert measure.description == "Trygghetsvandringar i Mjölby centrum."

    client.post(reverse("actionplans:measure_delete", args=[measure.pk]))
    assert not Measure.objects.filter(pk=measure.pk).exists()
    assert area.measures.count() == 6


@pytest.mark.django_db
def test_focus_areas_are_added_renamed_moved_and_removed(client, coordinator, draft_plan):
    client.force_login(coordinator)
    client.post(
        reverse("actionplans:focus_area_create", args=[draft_plan.pk]),
        {"title": "Skolans trygghet", "problem": "Otrygghet på skolgården."},
    )
    area = draft_plan.focus_areas.get(title="Skolans trygghet")
    assert area.position == 7

    client.post(reverse("actionplans:focus_area_move", args=[area.pk]), {"direction": "up"})
    titles = list(draft_plan.focus_areas.order_by("position").values_list("title", flat=True))
    assert titles[-2:] == ["Skolans trygghet", "Droger, ANDT"]

    client.post(
        reverse("actionplans:focus_area_edit", args=[area.pk]),
        {"title": "Trygghet i skolan", "version": latest_version(area)},
    )
    area.refresh_from_db()
    assert area.title == "Trygghet i skolan"
    client.post(reverse("actionplans:focus_area_delete", args=[area.pk]))
    assert draft_plan.focus_areas.count() == 6


@pytest.mark.django_db
def test_a_second_save_on_the_same_measure_is_refused_and_keeps_the_typing(
    client, coordinator, draft_plan
):
    measure = tillgrepp(draft_plan).measures.get(description="Trygghetsvandringar.")
    opened_at = latest_version(measure)
    measure.description = "Trygghetsvandringar två gånger per år."
    measure.save()  # someone else saves first
    client.force_login(coordinator)

    response = client.post(
        reverse("actionplans:measure_edit", args=[measure.pk]),
        measure_form("Trygghetsvandringar varje månad.", version=opened_at),
    )

    assert response.status_code == 200
    assert "har sparat ändringar här" in response.text
    assert "Trygghetsvandringar varje månad." in response.text  # what she typed is kept
    assert "två gånger per år" in response.text  # and she sees what changed
    measure.refresh_from_db()
    assert measure.description == "Trygghetsvandringar två gånger per år."


@pytest.mark.django_db
def test_bad_input_gets_a_swedish_error_and_saves_nothing(client, coordinator, draft_plan):
    area = tillgrepp(draft_plan)
    client.force_login(coordinator)
    url = reverse("actionplans:measure_create", args=[area.pk])

    too_long = client.post(url, measure_form("x" * 10_001))
    empty = client.post(url, measure_form(""))
    unnamed_actor = client.post(url, measure_form("Bussvärdar", "other"))

    assert "har som mest 10000 tecken (den har 10001)" in too_long.text
    assert "Detta fält måste fyllas i." in empty.text
    assert "Ange vilken annan aktör som ansvarar." in unnamed_actor.text
    assert area.measures.count() == 7


@pytest.mark.django_db
def test_html_in_a_measure_is_shown_as_text(client, coordinator, draft_plan):
    area = tillgrepp(draft_plan)
    client.force_login(coordinator)

    client.post(
        reverse("actionplans:measure_create", args=[area.pk]),
        measure_form('<script>alert("x")</script>'),
    )
    page = client.get(draft_plan.get_absolute_url()).text

    assert '<script>alert("x")</script>' not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


@pytest.mark.django_db
def test_the_police_chief_reads_the_draft_but_cannot_change_it(
    client, coordinator, police_chief, draft_plan
):
    area = tillgrepp(draft_plan)
    add_url = reverse("actionplans:measure_create", args=[area.pk])
    client.force_login(coordinator)
    coordinators_page = client.get(draft_plan.get_absolute_url()).text
    client.force_login(police_chief)

    page = client.get(draft_plan.get_absolute_url())
    refused = client.post(add_url, measure_form("X"))

    # The coordinator's page has the controls the police chief's lacks.
    assert "Lägg till åtgärd" in coordinators_page and add_url in coordinators_page
    assert "Ny handlingsplan utifrån" in coordinators_page
    assert page.status_code == 200
    assert "Handlingsplan för 2021-2023" in page.text and "Trygghetsvandringar." in page.text
    assert "Lägg till åtgärd" not in page.text
    assert "Ny handlingsplan utifrån" not in page.text
    assert add_url not in page.text
    assert refused.status_code == 403
    assert "Du har behörighet att läsa men inte att ändra." in refused.text
    assert area.measures.count() == 7


@pytest.mark.django_db
def test_another_municipality_does_not_learn_the_plan_exists(client, other_coordinator, draft_plan):
    client.force_login(other_coordinator)

    assert client.get(draft_plan.get_absolute_url()).status_code == 404
    assert client.post(reverse("actionplans:delete", args=[draft_plan.pk])).status_code == 404
    assert ActionPlan.objects.filter(pk=draft_plan.pk).exists()


@pytest.mark.django_db
def test_a_draft_can_be_deleted_but_a_signed_plan_cannot(client, coordinator, draft_plan):
    signed = ActionPlan.objects.get(status="signed")
    client.force_login(coordinator)

    assert client.post(reverse("actionplans:delete", args=[signed.pk])).status_code == 403
    response = client.post(reverse("actionplans:delete", args=[draft_plan.pk]))

    assert response.status_code == 302
    assert list(ActionPlan.objects.all()) == [signed]


@pytest.mark.django_db
def test_the_history_shows_who_changed_what_and_the_plan_as_it_was(client, coordinator, draft_plan):
    measure = tillgrepp(draft_plan).measures.get(description="Trygghetsvandringar.")
    client.force_login(coordinator)
    client.post(
        reverse("actionplans:measure_edit", args=[measure.pk]),
        measure_form("Trygghetsvandringar kvällstid.", version=latest_version(measure)),
    )

    history = client.get(reverse("actionplans:history", args=[draft_plan.pk])).text
    assert history_entries(history)[0] == (
        "Roger Max · En åtgärd ändrad i ”Tillgreppsbrott”: Trygghetsvandringar kvällstid. "
        "Åtgärd Trygghetsvandringar. → Trygghetsvandringar kvällstid."
    )
    assert "<del>Trygghetsvandringar.</del> → <ins>Trygghetsvandringar kvällstid.</ins>" in history

    before_edit = measure.history.earliest().history_date
    old = client.get(
        reverse("actionplans:as_of", args=[draft_plan.pk]), {"tid": before_edit.isoformat()}
    ).text
    now = client.get(draft_plan.get_absolute_url()).text
    assert "Så här såg dokumentet ut" in old
    assert "Trygghetsvandringar." in old and "kvällstid" not in old
    # The plan as it is offers her the editing that the plan as it was does not.
    assert "Lägg till åtgärd" in now and "Lägg till åtgärd" not in old


@pytest.mark.django_db
def test_a_long_text_change_is_shown_word_by_word(client, coordinator, draft_plan):
    area = tillgrepp(draft_plan)
    client.force_login(coordinator)
    client.post(
        reverse("actionplans:focus_area_edit", args=[area.pk]),
        {
            "title": area.title,
            "problem": area.problem.replace("augusti", "juli"),
            "cause_analysis": area.cause_analysis,
            "effect_goal": area.effect_goal,
            "sub_goal": area.sub_goal,
            "version": latest_version(area),
        },
    )

    history = client.get(reverse("actionplans:history", args=[draft_plan.pk])).text

    assert "med flest anmälda brott i <del>augusti.</del><ins>juli.</ins>" in history


@pytest.mark.django_db
def test_changes_made_in_the_admin_and_by_commands_appear_in_the_history(
    client, coordinator, superuser, draft_plan
):
    measure = tillgrepp(draft_plan).measures.get(description="Informationskampanjer")
    client.force_login(superuser)
    client.post(
        f"/admin/actionplans/measure/{measure.pk}/change/",
        {
            "focus_area": measure.focus_area_id,
            "position": measure.position,
            "description": "Informationskampanjer i lokalpressen",
            "responsible": "joint",
            "other_parties": "",
            "responsible_note": "",
        },
    )
    measure.refresh_from_db()
    measure.responsible_note = "Kommunikationsenheten"
    measure._change_reason = "Rättat av skript"
    measure.save()  # as a management command would, with no logged-in user
    client.force_login(coordinator)

    entries = history_entries(client.get(reverse("actionplans:history", args=[draft_plan.pk])).text)

    # Newest first: the script's change, by nobody logged in, then the superuser's.
    assert entries[:2] == [
        "Systemet · En åtgärd ändrad i ”Tillgreppsbrott”: Informationskampanjer i lokalpressen "
        "Anledning: Rättat av skript Enhet eller anmärkning Kommunikationsenheten",
        "admin · En åtgärd ändrad i ”Tillgreppsbrott”: Informationskampanjer i lokalpressen "
        "Åtgärd Informationskampanjer → Informationskampanjer i lokalpressen",
    ]


@pytest.mark.django_db
def test_a_revisions_history_shows_what_changed_since_the_signed_version(client, coordinator):
    from safety_partnership.signing import services as signing

    signed = ActionPlan.objects.get()
    revision = signing.revise(document=signed, user=coordinator)
    area = tillgrepp(revision)
    area.measures.order_by("position").last().delete()
    measure = area.measures.get(description="Trygghetsvandringar.")
    measure.description = "Trygghetsvandringar varje kvartal."
    measure.save()
    client.force_login(coordinator)

    page = client.get(reverse("actionplans:history", args=[revision.pk])).text

    assert "Ändringar sedan den undertecknade versionen (revision 1)" in page
    assert "<del>Trygghetsvandringar.</del> → <ins>Trygghetsvandringar varje kvartal.</ins>" in page
    assert history_entries(page)[:3] == [
        "Handlingsplan · Ändrad Revision 1 → 2",
        "Åtgärd 6 · Ändrad Åtgärd Trygghetsvandringar. → Trygghetsvandringar varje kvartal.",
        "Åtgärd 7 · Borttagen",
    ]


@pytest.mark.django_db
def test_a_copy_takes_the_agreement_chosen_for_it(client, coordinator):
    plan = ActionPlan.objects.get()
    assert plan.agreement is not None
    later = new_document_from(original=plan.agreement, title="Överenskommelse 2021-2023")

    without = copy_document(original=plan, title="Distriktsplan 2021", agreement=None)
    assert ActionPlan.objects.get(pk=without.pk).agreement is None
    chosen = copy_document(original=plan, title="Handlingsplan 2021-2023", agreement=later)
    assert ActionPlan.objects.get(pk=chosen.pk).agreement == later
