"""The annual follow-up of a plan year: it opens when the year's second tertial is over
(midnight in Mjölby), the parties write it, the coordinator finalises it and then nothing
changes it; two editors never overwrite each other unseen; it starts the plan's revision
with its proposal attached, and prints as a minutes-ready PDF."""

from datetime import UTC, datetime
from io import BytesIO
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from actionplans.models import ActionPlan, FocusArea, Measure
from followup.annual import is_open
from followup.models import (
    AnnualFollowUp,
    AreaAssessment,
    FinalisedAnnualFollowUp,
    MeasureReport,
)
from safety_partnership.concurrency import latest_version
from safety_partnership.models import Person
from safety_partnership.services import copy_document
from tests.pdf_samples import frozen_clock

# 31 August 23:59 in Mjölby is 21:59 UTC; 1 September 00:00 is 22:00 UTC (summer time).
LAST_MINUTE_OF_T2 = datetime(2018, 8, 31, 21, 59, tzinfo=UTC)
OPENS = datetime(2018, 8, 31, 22, 0, tzinfo=UTC)
AUTUMN = datetime(2018, 10, 2, 9, 0, tzinfo=UTC)


def signed_plan() -> ActionPlan:
    return ActionPlan.objects.get(status="signed")


def page(plan, year=2018, name="annual") -> str:
    return reverse(f"followup:{name}", args=[plan.pk, year])


def page_data(plan, proposal="Se över fokusområdet Trafikmiljön.", assess="partly", **typed):
    """What the page's form sends, every area assessed, on the versions saved now."""
    annual = AnnualFollowUp.objects.filter(plan=plan, year=2018).first()
    data = {"revision_proposal": proposal, "version": latest_version(annual) if annual else ""}
    for area in plan.focus_areas.all():
        prefix = f"omrade-{area.pk}"
        saved = AreaAssessment.objects.filter(annual=annual, focus_area=area).first()
        data |= {
            f"{prefix}-summary": f"Året i {area.title}.",
            f"{prefix}-assessment": assess,
            f"{prefix}-motivation": "Hälften av åtgärderna är genomförda.",
            f"{prefix}-version": (latest_version(saved) or "") if saved else "",
        }
    return {**data, **typed}


def snapshot():
    return (
        list(AnnualFollowUp.objects.values()),
        list(AreaAssessment.objects.values()),
        AnnualFollowUp.history.count(),
        AreaAssessment.history.count(),
    )


def test_it_opens_at_midnight_in_mjolby_when_the_second_tertial_is_over(mjolby):
    plan = signed_plan()
    assert not is_open(plan, 2018, LAST_MINUTE_OF_T2)
    assert is_open(plan, 2018, OPENS)
    plan.annual_follow_up_after_tertial = 3  # a plan may say: after the third
    assert not is_open(plan, 2018, OPENS)


@pytest.mark.django_db
def test_before_it_opens_the_page_says_when_and_refuses_to_save(client, police_chief):
    plan = signed_plan()
    client.force_login(police_chief)
    before = snapshot()

    with frozen_clock(LAST_MINUTE_OF_T2):
        shown = client.get(page(plan))
        refused = client.post(page(plan), page_data(plan), follow=True)
    with frozen_clock(OPENS):
        saved = client.post(page(plan), page_data(plan), follow=True)

    assert "Öppnar 1 september 2018" in shown.text
    assert "Spara årsuppföljningen" not in shown.text
    assert "öppnar 1 september 2018" in refused.text
    assert before[:2] == ([], [])
    assert "Årsuppföljningen är sparad." in saved.text
    annual = AnnualFollowUp.objects.get(plan=plan, year=2018)
    assert annual.changed_by.name == "Hanna Sjögren"
    assert annual.areas.count() == plan.focus_areas.count()


@pytest.mark.django_db
def test_only_the_plans_years_of_a_signed_plan(client, coordinator, draft_plan):
    client.force_login(coordinator)
    assert client.get(page(signed_plan(), 2017)).status_code == 404
    assert client.get(page(signed_plan(), 2021)).status_code == 404
    assert client.get(page(draft_plan, 2018)).status_code == 404


@pytest.mark.django_db
def test_looking_invents_nothing(client, coordinator):
    """The Mjölby seed gets no follow-up, assessment or report by being looked at."""
    plan = signed_plan()
    client.force_login(coordinator)
    reports = MeasureReport.objects.count()

    with frozen_clock(AUTUMN):
        shown = client.get(page(plan))

    assert shown.status_code == 200
    assert "Spara årsuppföljningen" in shown.text  # the coordinator sees the form
    assert not AnnualFollowUp.objects.exists() and not AreaAssessment.objects.exists()
    assert MeasureReport.objects.count() == reports


@pytest.mark.django_db
def test_a_stranger_learns_nothing_and_changes_nothing(client, other_coordinator, other_area):
    plan = signed_plan()
    for stranger in (other_coordinator, other_area):
        client.force_login(stranger)
        with frozen_clock(AUTUMN):
            assert client.get(page(plan)).status_code == 404
            assert client.post(page(plan), page_data(plan)).status_code == 404
            assert client.get(page(plan, name="annual_pdf")).status_code == 404
            assert client.post(page(plan, name="annual_revise")).status_code == 404
    assert not AnnualFollowUp.objects.exists()
    assert ActionPlan.objects.filter(revision_of=plan).count() == 0


@pytest.mark.django_db
def test_a_reader_reads_but_may_not_write(client, coordinator, chair):
    plan = signed_plan()
    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        client.post(page(plan), page_data(plan, proposal="Färre fokusområden."))
    before = snapshot()

    client.force_login(chair)
    with frozen_clock(AUTUMN):
        shown = client.get(page(plan))
        refused = client.post(page(plan), page_data(plan, proposal="Ändrat av ordföranden"))

    assert "Färre fokusområden." in shown.text and "Spara årsuppföljningen" not in shown.text
    assert "Delvis uppnått" in shown.text
    assert refused.status_code == 403
    assert snapshot() == before


@pytest.mark.django_db
def test_finalised_it_cannot_be_changed_by_any_path(client, coordinator, police_chief):
    plan = signed_plan()
    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        client.post(page(plan), page_data(plan, proposal="Nytt fokusområde: nätbedrägerier."))
        done = client.post(page(plan, name="annual_finalise"), follow=True)
    annual = AnnualFollowUp.objects.get()
    before = snapshot()

    client.force_login(police_chief)
    with frozen_clock(AUTUMN):
        refused = client.post(page(plan), page_data(plan, proposal="Ändrat i efterhand"))
        shown = client.get(page(plan))
    annual.revision_proposal = "Ändrat i ORM"
    with pytest.raises(FinalisedAnnualFollowUp):
        annual.save()
    with pytest.raises(FinalisedAnnualFollowUp):
        annual.delete()
    assessment = AreaAssessment.objects.first()
    assessment.summary = "Ändrat i ORM"
    with pytest.raises(FinalisedAnnualFollowUp):
        assessment.save()
    with pytest.raises(FinalisedAnnualFollowUp):
        assessment.delete()

    assert "Årsuppföljningen 2018 är fastställd." in done.text
    assert annual.finalised_on.isoformat() == "2018-10-02"
    assert annual.finalised_by.name == "Roger Max"
    assert refused.status_code == 403
    assert "Fastställd 2 oktober 2018 av Roger Max" in shown.text
    assert "Spara årsuppföljningen" not in shown.text
    assert snapshot() == before


@pytest.mark.django_db
def test_finalised_it_is_refused_in_sql_too(client, coordinator):
    """A queryset update or raw SQL bypasses save(): the database's triggers refuse it."""
    from django.db import DatabaseError, transaction

    plan = signed_plan()
    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        client.post(page(plan), page_data(plan, proposal="Revidera."))
        client.post(page(plan, name="annual_finalise"))
    annual, area = AnnualFollowUp.objects.get(), AreaAssessment.objects.first()
    before = snapshot()
    annuals, areas = AnnualFollowUp._meta.db_table, AreaAssessment._meta.db_table
    statements = [
        (f"UPDATE {annuals} SET revision_proposal = 'x' WHERE id = %s", annual.pk),
        (f"UPDATE {annuals} SET finalised_on = NULL WHERE id = %s", annual.pk),
        (f"DELETE FROM {annuals} WHERE id = %s", annual.pk),
        (f"UPDATE {areas} SET summary = 'x' WHERE id = %s", area.pk),
        (f"DELETE FROM {areas} WHERE id = %s", area.pk),
        (
            f"UPDATE {AnnualFollowUp.history.model._meta.db_table} SET revision_proposal = 'x'"
            " WHERE id = %s",
            annual.pk,
        ),
        (f"DELETE FROM {AreaAssessment.history.model._meta.db_table} WHERE id = %s", area.pk),
    ]
    for sql, pk in statements:
        with (
            pytest.raises(DatabaseError, match="signed content cannot be changed"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [pk])

    assert snapshot() == before
    # What it led to is still recorded: the revision draft, started from it.
    with frozen_clock(AUTUMN):
        client.post(page(plan, name="annual_revise"))
    assert AnnualFollowUp.objects.get().revision is not None


@pytest.mark.django_db
def test_only_the_coordinator_finalises_and_only_when_every_goal_is_assessed(
    client, coordinator, police_chief
):
    plan = signed_plan()
    client.force_login(police_chief)
    with frozen_clock(AUTUMN):
        client.post(page(plan), page_data(plan, assess=""))
        refused = client.post(page(plan, name="annual_finalise"))
    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        unassessed = client.post(page(plan, name="annual_finalise"), follow=True)

    assert refused.status_code == 403
    assert "Bedöm effektmålet för varje fokusområde" in unassessed.text
    assert "Trafikmiljön" in unassessed.text
    assert AnnualFollowUp.objects.get().finalised_on is None


@pytest.mark.django_db
def test_two_editors_never_overwrite_each_other_unseen(client, coordinator, police_chief):
    plan = signed_plan()
    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        client.post(page(plan), page_data(plan, proposal="Första versionen."))
    opened_on = page_data(plan)  # both open the page now
    client.force_login(police_chief)
    with frozen_clock(AUTUMN):
        client.post(page(plan), {**opened_on, "revision_proposal": "Polisens version."})
    before = snapshot()

    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        overtaken = client.post(page(plan), {**opened_on, "revision_proposal": "Min version."})

    assert overtaken.status_code == 200
    assert "har sparat ändringar här" in overtaken.text
    assert "Det du skrev finns kvar nedan." in overtaken.text
    assert "Min version." in overtaken.text  # what she typed, kept in the form
    assert "Polisens version." in overtaken.text  # what changed meanwhile
    assert snapshot() == before
    assert AnnualFollowUp.objects.get().revision_proposal == "Polisens version."


@pytest.mark.django_db
def test_bad_input_is_refused_in_swedish_and_saves_nothing(client, coordinator):
    plan = signed_plan()
    client.force_login(coordinator)
    area = plan.focus_areas.first()
    with frozen_clock(AUTUMN):
        refused = client.post(page(plan), page_data(plan, **{f"omrade-{area.pk}-assessment": "x"}))

    assert "Formuläret kunde inte sparas" in refused.text
    assert "Välj ett giltigt alternativ" in refused.text
    assert not AnnualFollowUp.objects.exists()


@pytest.mark.django_db
def test_revise_starts_one_draft_with_the_proposal_attached(client, coordinator, police_chief):
    plan = signed_plan()
    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        client.post(page(plan), page_data(plan, proposal="Lägg till fokusområdet Nätbrott."))
    client.force_login(police_chief)
    plans = ActionPlan.objects.count()
    refused = client.post(page(plan, name="annual_revise"))
    assert refused.status_code == 403 and ActionPlan.objects.count() == plans

    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        first = client.post(page(plan, name="annual_revise"))
        again = client.post(page(plan, name="annual_revise"))
        annual_page = client.get(page(plan))

    (draft,) = ActionPlan.objects.filter(revision_of=plan)
    assert first.url == again.url == draft.get_absolute_url()
    assert draft.status == "draft" and ActionPlan.objects.count() == plans + 1
    assert AnnualFollowUp.objects.get().revision == draft
    shown = client.get(draft.get_absolute_url()).text
    assert "Förslag till revidering från årsuppföljningen 2018" in shown
    assert "Lägg till fokusområdet Nätbrott." in shown
    assert page(plan) in shown
    assert "Ett utkast till revision av planen finns redan" in annual_page.text
    assert "Revidera handlingsplanen" not in annual_page.text


@pytest.mark.django_db
def test_the_revision_is_recorded_after_finalising_but_nothing_else(client, coordinator):
    plan = signed_plan()
    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        client.post(page(plan), page_data(plan, proposal="Revidera."))
        client.post(page(plan, name="annual_finalise"))
        client.post(page(plan, name="annual_revise"))
    annual = AnnualFollowUp.objects.get()

    assert annual.revision is not None and annual.finalised_on is not None
    annual.revision = None
    with pytest.raises(FinalisedAnnualFollowUp):
        annual.save(update_fields=["revision"])


def pdf_text(response) -> str:
    reader = PdfReader(BytesIO(response.content))
    # Words as read, whatever line they were broken onto.
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


@pytest.mark.django_db
def test_the_pdf_is_minutes_ready(client, coordinator, police_chief):
    plan = signed_plan()
    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        client.post(page(plan), page_data(plan, proposal="Nytt fokusområde: nätbedrägerier."))
        draft = pdf_text(client.get(page(plan, name="annual_pdf")))
        client.post(page(plan, name="annual_finalise"))
    client.force_login(police_chief)
    response = client.get(page(plan, name="annual_pdf"))
    final = pdf_text(response)

    assert response["Content-Type"] == "application/pdf"
    assert "Årsuppföljning 2018" in unquote(response["Content-Disposition"])
    assert "Utkast – ej fastställd" in draft and "2 oktober 2018" in draft
    for words in (
        "Årsuppföljning 2018",
        plan.title,
        f"Dnr {plan.diary_number}",
        "Sida 1 av",
        "Trafikmiljön",
        "Delvis uppnått",
        "Ej påbörjad",
        "Nytt fokusområde: nätbedrägerier.",
        "Fastställd: 2 oktober 2018 av Roger Max",
    ):
        assert words in final, words
    assert "ej fastställd" not in final


def signed_copy(original: ActionPlan, title: str, more_measures: int = 0) -> ActionPlan:
    """A signed copy of the seed's plan, with another focus area of that many measures, each
    reported in T2 (added while it is a draft, as a signed plan's rows are locked)."""
    plan = copy_document(original=original, title=title)
    person = Person.objects.get(name="Hanna Sjögren")
    if more_measures:
        area = FocusArea.objects.create(plan=plan, position=99, title="Nätbrott")
        for n in range(more_measures):
            measure = Measure.objects.create(
                focus_area=area, position=n, description=f"Åtgärd {n}", responsible="police"
            )
            MeasureReport.objects.create(
                measure=measure,
                year=2018,
                tertial=2,
                party="police",
                status="done",
                reported_by=person,
            )
    ActionPlan.objects.filter(pk=plan.pk).update(status="signed")
    return plan


def queries_of(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_the_page_and_pdf_ask_the_same_number_of_queries_however_large_the_plan(
    client, coordinator
):
    seed = signed_plan()
    small = signed_copy(seed, "Handlingsplan, liten")
    large = signed_copy(seed, "Handlingsplan, stor", more_measures=12)
    client.force_login(coordinator)
    counted = {}
    with frozen_clock(AUTUMN):
        for plan in (small, large):
            client.post(page(plan), page_data(plan))
            counted[plan] = (
                queries_of(client, page(plan)),
                queries_of(client, page(plan, name="annual_pdf")),
            )
        shown = client.get(page(large)).text

    assert counted[small] == counted[large]
    assert "Nätbrott" in shown and AreaAssessment.objects.filter(annual__plan=large).count() == 7


@pytest.mark.django_db
def test_the_sample_pdfs_are_pdf_ua_and_nothing_spills(mjolby):
    """The samples CI's pdfa-check reads (pdf_samples.py): long words and a draft."""
    from tests.pdf_samples import annual_follow_up_pdfs
    from tests.safety_partnership.test_pdf_accessibility import problems
    from tests.safety_partnership.test_pdf_typography import spills

    samples = annual_follow_up_pdfs()

    for name, pdf in samples.items():
        assert problems(pdf) == [], name
        assert spills(pdf) == [], name
    final = " ".join(
        PdfReader(BytesIO(samples["Prov årsuppföljning.pdf"])).pages[0].extract_text().split()
    )
    draft = " ".join(
        PdfReader(BytesIO(samples["Prov årsuppföljning utkast.pdf"]))
        .pages[0]
        .extract_text()
        .split()
    )
    assert "Fastställd: 2 oktober 2018" in final and "Utkast" not in final
    assert "Utkast – ej fastställd, utskriven 17 december 2031" in draft
    assert "Stoppad/ ändrad" in final or "Stoppad/ändrad" in final


@pytest.mark.django_db
def test_the_plan_and_its_tertial_pages_link_to_each_years_follow_up(client, chair):
    plan = signed_plan()
    client.force_login(chair)
    shown = [client.get(plan.get_absolute_url()).text]
    shown.append(client.get(reverse("followup:tertial", args=[plan.pk, "2018-T2"])).text)
    with frozen_clock(AUTUMN):
        overview = client.get(reverse("followup:plan", args=[plan.pk])).text
    shown.append(overview)

    assert "öppen, inte påbörjad" in overview  # 2018's, since 1 September 2018
    assert "öppnar 1 september 2019" in overview and "öppnar 1 september 2020" in overview
    for text in shown:
        for year in (2018, 2019, 2020):
            assert f'href="{page(plan, year)}"' in text
            assert f"Årsuppföljning {year}" in text


@pytest.mark.django_db
def test_an_area_changed_meanwhile_is_named_with_what_changed(client, coordinator, police_chief):
    plan = signed_plan()
    area = plan.focus_areas.order_by("position").first()
    field = f"omrade-{area.pk}-summary"
    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        client.post(page(plan), page_data(plan))
    opened_on = page_data(plan)
    client.force_login(police_chief)
    with frozen_clock(AUTUMN):
        client.post(page(plan), {**opened_on, field: "Polisens sammanfattning."})

    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        overtaken = client.post(page(plan), {**opened_on, field: "Samordnarens sammanfattning."})

    assert overtaken.text.count("har sparat ändringar här") >= 2  # the page and the area
    assert "Polisens sammanfattning." in overtaken.text
    assert "Samordnarens sammanfattning." in overtaken.text
    assert AreaAssessment.objects.get(focus_area=area).summary == "Polisens sammanfattning."


@pytest.mark.django_db
def test_a_deleted_revision_draft_may_be_started_again(client, coordinator):
    plan = signed_plan()
    client.force_login(coordinator)
    with frozen_clock(AUTUMN):
        client.post(page(plan), page_data(plan, proposal="Revidera."))
        client.post(page(plan, name="annual_finalise"))
        client.post(page(plan, name="annual_revise"))
    draft = ActionPlan.objects.get(revision_of=plan)

    assert client.post(reverse("actionplans:delete", args=[draft.pk])).status_code == 302
    assert AnnualFollowUp.objects.get().revision is None
    again = client.post(page(plan, name="annual_revise"))

    (second,) = ActionPlan.objects.filter(revision_of=plan)
    assert again.url == second.get_absolute_url()
    assert AnnualFollowUp.objects.get().revision == second


@pytest.mark.django_db
def test_the_years_tertials_are_drawn_with_their_numbers_on_the_page_and_in_the_pdf(
    client, coordinator
):
    from tests.followup.test_charts import STATUS_NAMES, Figures, drawn_equals_table

    plan = signed_plan()
    person = Person.objects.get(name="Roger Max")
    measures = list(Measure.objects.filter(focus_area__plan=plan).order_by("pk"))
    for measure, status in zip(measures, ["done", "ongoing", "done"], strict=False):
        MeasureReport.objects.create(
            measure=measure,
            year=2018,
            tertial=2,
            party="municipality",
            status=status,
            reported_by=person,
        )
    client.force_login(coordinator)

    with frozen_clock(AUTUMN):
        figures = Figures(client.get(page(plan)).text)
        text = pdf_text(client.get(page(plan, name="annual_pdf")))

    drawn_equals_table(figures, "ar-2018", STATUS_NAMES)
    table = figures.table["ar-2018"]
    t2 = "T2 2018 (maj–augusti)"
    assert (table[(t2, "Genomförd")], table[(t2, "Pågår")]) == ("2", "1")
    assert table[(t2, "Ej rapporterad")] == str(len(measures) - 3)
    assert "Åtgärder per status och tertial, 2018" in text
