"""The shapes other partnerships write their pledges in: promises under who promises, points
under a promise, joint goals and measurable targets. Each is edited on the pledge's page,
kept in its history, part of what is signed and printed in its PDF; a signed pledge keeps
them as signed. And the periods they run for: two years from the first of July.
"""

import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from pypdf import PdfReader

from pledges.models import Pledge, Promise, PromisePoint, Target
from safety_partnership.concurrency import latest_version
from safety_partnership.models import FrozenDocument
from safety_partnership.pdf.base import render_pdf
from safety_partnership.pdf.render import html_for
from safety_partnership.services import copy_document
from safety_partnership.signing import services as signing
from safety_partnership.signing.reading import changes_since_signed
from tests.pledges.pledge_helpers import PROMISES_2018, pledge_data, url
from tests.safety_partnership.signing_helpers import sign_on_paper
from tests.safety_partnership.test_pdf_sections import outline, page_headings

HTMX = {"HTTP_HX_REQUEST": "true"}
TARGET = {
    "indicator": "Anmälda skadegörelsebrott vid resecentrum",
    "unit": "antal",
    "baseline_value": "120",
    "baseline_date": "2018-12-31",
    "target_value": "90,5",
    "target_date": "2019-12-31",
    "source": "Polisens anmälningsstatistik",
}


def pdf_text(pledge: Pledge) -> str:
    reader = PdfReader(io.BytesIO(render_pdf(html_for(pledge))))
    text = " ".join(re.sub("\u2010\\s+", "", page.extract_text()) for page in reader.pages)
    return " ".join(text.split())


def add_shapes(draft: Pledge) -> None:
    """Another actor's promise with two points, joint goals and a target."""
    Pledge.objects.filter(pk=draft.pk).update(joint_goals="Färre brott\n\nÖkad trygghet\n")
    draft.refresh_from_db()
    promise = Promise.objects.create(
        pledge=draft,
        position=4,
        text="Ser över belysningen i området",
        responsible="other",
        other_parties="Räddningstjänsten",
    )
    PromisePoint.objects.create(promise=promise, position=1, text="Vid Järnvägsgatan")
    PromisePoint.objects.create(promise=promise, position=2, text="Vid resecentrum")
    Target.objects.create(
        pledge=draft,
        position=1,
        indicator="Upplevd trygghet kvällstid",
        unit="%",
        baseline_value=Decimal("61.5"),
        baseline_date=date(2018, 12, 31),
        target_value=Decimal("1250"),
        target_date=date(2019, 12, 31),
        source="Medborgarundersökningen",
    )


# Promises under who promises ----------------------------------------------------------


@pytest.mark.django_db
def test_the_seed_pledge_reads_its_promises_under_who_promises(client, staff, pledge):
    client.force_login(staff)

    page = client.get(pledge.get_absolute_url()).content.decode()

    # In the order the seed's promises come: the police's, the joint, the municipality's.
    order = [
        "Polisen lovar",
        PROMISES_2018[0],
        "Tillsammans lovar vi",
        PROMISES_2018[1],
        "Kommunen lovar",
        PROMISES_2018[2],
    ]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Räddningstjänsten lovar" not in page  # only groups that have promises
    assert "Tillsammans lovar vi" in pdf_text(pledge)


@pytest.mark.django_db
def test_another_actor_gets_a_group_of_its_own_on_the_page_and_in_the_pdf(
    client, coordinator, draft
):
    client.force_login(coordinator)

    response = client.post(
        url("promise_create", draft.pk),
        {
            "text": "Bostadsbolaget tar bort klotter inom ett dygn",
            "responsible": "other",
            "other_parties": "Mjölbostäder",
            "responsible_note": "",
        },
    )

    assert response.status_code == 302
    page = client.get(draft.get_absolute_url()).content.decode()
    assert page.index("Kommunen lovar") < page.index("Mjölbostäder lovar")
    assert page.index("Mjölbostäder lovar") < page.index("klotter inom ett dygn")
    text = pdf_text(draft)
    assert "Mjölbostäder lovar" in text and "klotter inom ett dygn" in text


# Points under a promise ------------------------------------------------------------------


@pytest.mark.django_db
def test_points_are_added_under_a_promise_and_printed_in_order(client, coordinator, draft):
    client.force_login(coordinator)
    promise = draft.promises.get(position=1)

    first = client.post(url("point_create", promise.pk), {"text": "Fredag och lördag kväll"})
    client.post(url("point_create", promise.pk), {"text": "Runt resecentrum"}, **HTMX)

    points = list(promise.points.order_by("position"))
    assert [p.text for p in points] == ["Fredag och lördag kväll", "Runt resecentrum"]
    assert first["Location"] == f"{draft.get_absolute_url()}#punkt-{points[0].pk}"
    page = client.get(draft.get_absolute_url()).content.decode()
    assert page.index(PROMISES_2018[0]) < page.index("Fredag och lördag kväll")
    assert page.index("Fredag och lördag kväll") < page.index("Runt resecentrum")
    assert page.index("Runt resecentrum") < page.index("Tillsammans lovar vi")
    # Each control names what it changes, also for a screen reader: unique on the page.
    assert 'Ta bort<span class="visually-hidden"> punkt 2 under löftet ”Polisen utför' in page
    assert 'Ändra<span class="visually-hidden"> löfte 1 under ”Tillsammans lovar vi”' in page
    client.post(url("point_move", points[1].pk), {"direction": "up"})
    assert [p.text for p in promise.points.order_by("position")] == [
        "Runt resecentrum",
        "Fredag och lördag kväll",
    ]
    text = pdf_text(draft)
    assert text.index("Runt resecentrum") < text.index("Fredag och lördag kväll")


@pytest.mark.django_db
def test_an_empty_point_is_not_added_and_the_form_says_why(client, coordinator, draft):
    client.force_login(coordinator)
    promise = draft.promises.get(position=1)

    response = client.post(url("point_create", promise.pk), {"text": ""}, **HTMX)

    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert not PromisePoint.objects.filter(promise=promise).exists()


# Joint goals ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_joint_goals_are_edited_with_the_pledge_and_listed_in_order(client, coordinator, draft):
    client.force_login(coordinator)

    response = client.post(
        url("edit", draft.pk),
        pledge_data(
            draft,
            joint_goals="Färre skadegörelsebrott\n\nÖkad trygghet på kvällen",
            version=latest_version(draft),
        ),
    )

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.goals == ["Färre skadegörelsebrott", "Ökad trygghet på kvällen"]
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Gemensamma mål" in page
    assert page.index("Färre skadegörelsebrott") < page.index("Ökad trygghet på kvällen")
    assert page.index("Ökad trygghet på kvällen") < page.index("Löftena")
    assert "Ökad trygghet på kvällen" in pdf_text(draft)


# Measurable targets --------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_target_is_added_on_the_page_and_shown_in_its_table(client, coordinator, draft):
    client.force_login(coordinator)

    form = client.get(url("target_create", draft.pk)).content.decode()
    response = client.post(url("target_create", draft.pk), TARGET)

    target = draft.targets.get()
    assert "Nytt mätbart mål" in form
    assert response["Location"] == f"{draft.get_absolute_url()}#mal-{target.pk}"
    assert (target.baseline_value, target.target_value) == (Decimal("120"), Decimal("90.5"))
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Mätbara mål" in page and '<th scope="col">Målvärde</th>' in page
    assert "120 antal" in page and "90,5 antal" in page
    assert "senast 31 december 2019" in page and "Polisens anmälningsstatistik" in page


@pytest.mark.django_db
def test_a_target_is_edited_with_htmx_and_only_the_targets_come_back(client, coordinator, draft):
    add_shapes(draft)
    target = draft.targets.get()
    client.force_login(coordinator)
    opened = client.get(url("target_edit", target.pk))
    version = opened.context["form"]["version"].value()

    response = client.post(
        url("target_edit", target.pk),
        {**TARGET, "target_value": "1 500", "version": version},
        **HTMX,
    )

    fragment = response.content.decode()
    assert response.status_code == 200
    assert fragment.lstrip().startswith('<section id="mal"') and "<html" not in fragment
    target.refresh_from_db()
    assert target.target_value == Decimal("1500")
    assert "1\xa0500 antal" in fragment


@pytest.mark.parametrize(
    "changes,message",
    [
        (
            {"target_date": "2018-06-30"},
            "Målet kan inte nås före det datum som utgångsvärdet avser (31 december 2018).",
        ),
        ({"target_value": "många"}, "Ange ett tal, t.ex. 12 eller 12,5"),
        ({"baseline_value": "12,345"}, "Ange högst två decimaler."),
        ({"target_value": ""}, "Ange målvärdet."),
        ({"indicator": ""}, "Ange vad som mäts (indikatorn)."),
        ({"baseline_date": "31/12"}, "Ange ett datum som ÅÅÅÅ-MM-DD"),
    ],
    ids=["date-before-baseline", "not-a-number", "decimals", "no-target", "no-indicator", "date"],
)
@pytest.mark.django_db
def test_a_bad_target_saves_nothing_and_says_why_in_swedish(
    client, coordinator, draft, changes, message
):
    client.force_login(coordinator)

    response = client.post(url("target_create", draft.pk), {**TARGET, **changes})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not draft.targets.exists()


@pytest.mark.django_db
def test_the_database_refuses_a_target_date_before_its_baseline(draft):
    with pytest.raises(DatabaseError), transaction.atomic():
        Target.objects.create(
            pledge=draft,
            position=1,
            indicator="Skadegörelse",
            target_value=1,
            baseline_date=date(2019, 1, 1),
            target_date=date(2018, 1, 1),
        )


# On the page and in the PDF, the same sections ------------------------------------------


@pytest.mark.django_db
def test_the_pdf_prints_every_shape_under_the_pages_headings(client, staff, draft):
    add_shapes(draft)
    client.force_login(staff)

    headings = page_headings(client, draft)

    assert headings == [
        "Lägesbild",
        "Gemensamma mål",
        "Löftena",
        "Polisen lovar",
        "Tillsammans lovar vi",
        "Kommunen lovar",
        "Räddningstjänsten lovar",
        "Mätbara mål",
        "Uppföljning",
    ]
    assert outline(render_pdf(html_for(draft))) == headings
    text = pdf_text(draft)
    for words in [
        "Färre brott",
        "Ökad trygghet",
        "Räddningstjänsten lovar",
        "Vid Järnvägsgatan",
        "Vid resecentrum",
        "Indikator",
        "Utgångsvärde",
        "Målvärde",
        "Källa",
        "Upplevd trygghet kvällstid",
        "61,5 %",
        "1 250 %",
        "Medborgarundersökningen",
    ]:
        assert words in text.replace("\xa0", " ")


# History, copies and signed content ----------------------------------------------------------


@pytest.mark.django_db
def test_the_history_keeps_targets_and_points_and_shows_them_as_they_were(
    client, coordinator, draft
):
    add_shapes(draft)
    moment = timezone.now()
    target = draft.targets.get()
    target.indicator = "Upplevd trygghet dagtid"
    target.save()
    PromisePoint.objects.get(text="Vid resecentrum").delete()
    client.force_login(coordinator)

    history = client.get(draft.history_url).content.decode()
    then = client.get(draft.as_of_url, {"tid": moment.isoformat()}).content.decode()

    assert "Mätbart mål: Upplevd trygghet dagtid" in history
    assert "Punkt under löfte: Vid resecentrum" in history
    assert "Upplevd trygghet kvällstid" in then and "Upplevd trygghet dagtid" not in then
    assert "Vid resecentrum" in then and "Räddningstjänsten lovar" in then


@pytest.mark.django_db
def test_a_copy_of_a_pledge_gets_its_points_and_targets(draft):
    add_shapes(draft)

    copy = copy_document(
        original=draft,
        title="Medborgarlöfte 2020",
        period_start=date(2020, 1, 1),
        period_end=date(2020, 12, 31),
    )

    promise = copy.promises.get(other_parties="Räddningstjänsten")
    assert list(promise.points.order_by("position").values_list("text", flat=True)) == [
        "Vid Järnvägsgatan",
        "Vid resecentrum",
    ]
    assert list(copy.targets.values_list("indicator", "target_value")) == [
        ("Upplevd trygghet kvällstid", Decimal("1250"))
    ]
    assert copy.joint_goals == draft.joint_goals


@pytest.mark.django_db
def test_the_signed_content_changes_when_a_target_or_a_point_changes(draft):
    add_shapes(draft)
    before = signing.content_hash(draft)
    form_2 = signing.content_hash(draft, form=2)
    target = draft.targets.get()

    target.target_value = Decimal("1300")
    target.save()
    after_target = signing.content_hash(draft)
    point = PromisePoint.objects.get(text="Vid resecentrum")
    point.text = "Vid busstationen"
    point.save()

    content = json.loads(signing.canonical_content(draft))
    assert len({before, after_target, signing.content_hash(draft)}) == 3
    assert content["targets"][0]["target_value"] == "1300.00"
    assert content["joint_goals"] == "Färre brott\n\nÖkad trygghet\n"
    assert content["promises"][3]["points"][1]["text"] == "Vid busstationen"
    # Form 2 has none of them: what was signed in form 2 still verifies.
    assert signing.content_hash(draft, form=2) == form_2
    assert "joint_goals" not in json.loads(signing.canonical_content(draft, form=2))


@pytest.mark.django_db
def test_a_signed_pledge_refuses_a_new_target_and_point_everywhere(client, coordinator, pledge):
    client.force_login(coordinator)
    promise = pledge.promises.get(position=1)

    response = client.post(url("target_create", pledge.pk), TARGET)
    point_response = client.post(url("point_create", promise.pk), {"text": "Kvällstid"})

    assert (response.status_code, point_response.status_code) == (403, 403)
    with pytest.raises(FrozenDocument), transaction.atomic():
        Target.objects.create(pledge=pledge, position=1, indicator="Brott", target_value=1)
    with pytest.raises(FrozenDocument), transaction.atomic():
        PromisePoint.objects.create(promise=promise, position=1, text="Kvällstid")
    for sql, params in [
        (
            "INSERT INTO pledges_target (pledge_id, position, indicator, unit, target_value,"
            " source) VALUES (%s, 1, 'Brott', '', 1, '')",
            [pledge.pk],
        ),
        (
            "INSERT INTO pledges_promisepoint (promise_id, position, text) VALUES (%s, 1, 'x')",
            [promise.pk],
        ),
    ]:
        with (
            pytest.raises(DatabaseError, match="signed content cannot be changed"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, params)
    assert not Target.objects.filter(pledge=pledge).exists()
    assert not PromisePoint.objects.filter(promise__pledge=pledge).exists()


@pytest.mark.django_db
def test_the_targets_of_a_signed_pledge_are_frozen(draft, coordinator):
    add_shapes(draft)
    sign_on_paper(draft, coordinator, signed_on=date(2018, 12, 20))
    target = draft.targets.get()
    point = PromisePoint.objects.filter(promise__pledge=draft).first()

    target.target_value = Decimal("1")
    with pytest.raises(FrozenDocument), transaction.atomic():
        target.save()
    with pytest.raises(FrozenDocument), transaction.atomic():
        point.delete()
    with pytest.raises(FrozenDocument), transaction.atomic():
        Target.objects.filter(pk=target.pk).update(unit="st")
    assert Target.objects.get(pk=target.pk).target_value == Decimal("1250")
    assert PromisePoint.objects.filter(pk=point.pk).exists()


# Periods -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_two_year_pledge_starting_the_first_of_july_is_accepted(client, coordinator, mjolby):
    client.force_login(coordinator)

    response = client.post(
        url("create", mjolby.pk),
        {
            "title": "Medborgarlöfte 2020–2022",
            "period_start": "2020-07-01",
            "period_end": "2022-06-30",
        },
    )

    created = Pledge.objects.get(title="Medborgarlöfte 2020–2022")
    assert response.status_code == 302
    assert (created.period_start, created.period_end) == (date(2020, 7, 1), date(2022, 6, 30))
    assert created.period == "1 juli 2020 – 30 juni 2022"


@pytest.mark.django_db
def test_a_revision_says_which_target_and_point_it_changes(pledge, coordinator):
    revision = signing.revise(document=pledge, user=coordinator)
    promise = revision.promises.get(position=1)
    PromisePoint.objects.create(promise=promise, position=1, text="Kvällstid")
    Target.objects.create(pledge=revision, position=1, indicator="Skadegörelse", target_value=90)

    changes = {(change.what, change.action) for change in changes_since_signed(revision)}

    assert ("Mätbart mål 1", "Tillagt") in changes
    assert ("Punkt under löftet 1", "Tillagd") in changes
