"""The pledge's reports, twice a year: when they open, who writes and reads them, that a
finalised report never changes, and what the finalised year-end report hands on."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from pledges.models import (
    Pledge,
    PledgeReport,
    Promise,
    PromiseReport,
    ReportKind,
    Target,
    TargetReport,
)
from safety_partnership.models import Person
from safety_partnership.services import copy_document
from safety_partnership.signing.services import Scan, record_paper_signatures, revise
from tests.pdf_samples import frozen_clock

from .pledge_helpers import PROMISES_2018, url

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
AFTER_YEAR_END = datetime(2019, 1, 15, 10, 0, tzinfo=STOCKHOLM)


def local(*args) -> datetime:
    return datetime(*args, tzinfo=STOCKHOLM)


def report_data(pledge: Pledge, version="", status="done", **typed) -> dict:
    """What the report form sends: every promise with a status and texts, every target a value."""
    data = {"version": str(version)}
    for promise in pledge.promises.order_by("position"):
        prefix = f"lofte-{promise.pk}"
        data[f"{prefix}-status"] = status
        data[f"{prefix}-done"] = f"Gjort: {promise.text}"
        data[f"{prefix}-citizen_text"] = f"Till medborgarna om löfte {promise.position}"
    for target in pledge.targets.order_by("position"):
        data[f"mal-{target.pk}-measured_value"] = "95"
        data[f"mal-{target.pk}-measured_on"] = "2018-12-31"
    return {**data, **typed}


def stored(pledge: Pledge) -> list:
    """Every report of the pledge and its rows, as stored."""
    reports = PledgeReport.objects.filter(pledge=pledge)
    return [
        list(reports.order_by("pk").values()),
        list(PromiseReport.objects.filter(report__pledge=pledge).order_by("pk").values()),
        list(TargetReport.objects.filter(report__pledge=pledge).order_by("pk").values()),
    ]


def signed_pledge(year: int, promises: int, targets: int) -> Pledge:
    """A pledge of the seed's partnership with that many promises and targets, signed on paper."""
    draft = copy_document(
        original=Pledge.objects.order_by("pk").first(),  # the seed's
        title=f"Medborgarlöfte {year}",
        diary_number=f"KS/{year - 1}:359",
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
    )
    for position in range(4, 4 + promises - 3):
        Promise.objects.create(
            pledge=draft, position=position, text=f"Löfte nummer {position}", responsible="joint"
        )
    for position in range(1, targets + 1):
        Target.objects.create(
            pledge=draft,
            position=position,
            indicator=f"Anmälda skadegörelsebrott {position}",
            unit="antal",
            baseline_value=120,
            baseline_date=date(year - 1, 12, 31),
            target_value=90,
        )
    record_paper_signatures(
        document=draft,
        user=None,
        signed_on=date(year, 1, 10),
        place="Mjölby",
        signatories=[
            Person.objects.get(name="Hanna Sjögren"),
            Person.objects.get(name="Cecilia W Burenby"),
        ],
        scan=Scan(pdf=b"%PDF-1.4 scanned", file_name="underskrifter.pdf"),
    )
    draft.refresh_from_db()
    return draft


def copy_data(year: int) -> dict:
    return {
        "title": f"Medborgarlöfte {year}",
        "period_start": f"{year}-01-01",
        "period_end": f"{year}-12-31",
    }


def write(client, pledge: Pledge, slug: str = "arsrapport", **typed):
    return client.post(url("report_edit", pledge.pk, slug), report_data(pledge, **typed))


def finalise(client, pledge: Pledge, slug: str = "arsrapport"):
    report = PledgeReport.objects.get(pledge=pledge, kind=ReportKind.YEAR_END)
    version = report.history.order_by("-history_id").first().history_id
    return client.post(url("report_finalise", pledge.pk, slug), {"version": version})


def test_the_seed_has_no_reports(pledge):
    assert not PledgeReport.objects.exists()


@pytest.mark.parametrize(
    ("slug", "before", "opened", "says"),
    [
        (
            "halvarsrapport",
            local(2018, 6, 30, 23, 59),
            local(2018, 7, 1, 0, 0),
            "Halvårsrapport kan skrivas från 1 juli 2018.",
        ),
        (
            "arsrapport",
            local(2018, 11, 30, 23, 59),
            local(2018, 12, 1, 0, 0),
            "Årsrapport kan skrivas från 1 december 2018.",
        ),
    ],
)
def test_a_report_opens_at_midnight_local_time(
    client, coordinator, pledge, slug, before, opened, says
):
    client.force_login(coordinator)
    with frozen_clock(before):
        page = client.get(url("report_edit", pledge.pk, slug)).content.decode()
        refused = write(client, pledge, slug)

    assert says in page
    assert PROMISES_2018[0] not in page  # no form yet
    assert refused.status_code == 403
    assert not PledgeReport.objects.exists()

    with frozen_clock(opened):
        page = client.get(url("report_edit", pledge.pk, slug)).content.decode()
        saved = write(client, pledge, slug)

    assert f"<legend>{PROMISES_2018[0]}</legend>" in page
    assert saved.status_code == 302
    report = PledgeReport.objects.get(pledge=pledge)
    assert report.written_by.name == "Roger Max"
    assert report.promise_rows.count() == 3


def test_the_report_page_shows_what_was_written(client, coordinator, police_chief, pledge):
    client.force_login(police_chief)  # the police area writes too
    with frozen_clock(local(2018, 7, 2, 9, 0)):
        write(client, pledge, "halvarsrapport", status="ongoing")
    client.force_login(coordinator)
    with frozen_clock(local(2018, 7, 3, 9, 0)):
        page = client.get(url("report", pledge.pk, "halvarsrapport")).content.decode()
        pledge_page = client.get(url("detail", pledge.pk)).content.decode()

    assert "Halvårsrapport 2018" in page
    assert "januari–juni 2018" in page
    assert "Pågår" in page
    assert "Till medborgarna om löfte 1" in page
    assert "Hanna Sjögren" in page  # who wrote it last
    assert "Påbörjad, ej fastställd." in page
    assert "Rapporter" in pledge_page
    assert "påbörjad, ej fastställd" in pledge_page
    assert "Årsrapport 2018" in pledge_page and "kan skrivas från 1 december 2018" in pledge_page


def test_a_finalised_report_cannot_be_changed_by_any_path(client, coordinator, pledge):
    client.force_login(coordinator)
    with frozen_clock(AFTER_YEAR_END):
        write(client, pledge)
        finalised = finalise(client, pledge)
    report = PledgeReport.objects.get(pledge=pledge)
    row = report.promise_rows.first()
    before = stored(pledge)

    assert finalised.status_code == 302
    assert report.finalised_on == date(2019, 1, 15)
    assert report.finalised_by.name == "Roger Max"
    report.finalised_on = None
    with pytest.raises(PermissionDenied):
        report.save()
    row.citizen_text = "Ändrat i efterhand"
    with pytest.raises(PermissionDenied):
        row.save()
    with pytest.raises(PermissionDenied):
        row.delete()
    with pytest.raises(PermissionDenied):
        report.delete()
    with pytest.raises(PermissionDenied):
        PromiseReport.objects.filter(report=report).update(citizen_text="Ändrat")
    with pytest.raises(PermissionDenied):
        PledgeReport.objects.filter(pk=report.pk).update(finalised_on=None)
    with pytest.raises(PermissionDenied):
        PromiseReport(report=report, promise=row.promise).save()
    with frozen_clock(AFTER_YEAR_END):
        assert write(client, pledge, status="stopped").status_code == 403
        assert client.get(url("report_edit", pledge.pk, "arsrapport")).status_code == 403
        assert finalise(client, pledge).status_code == 403
        page = client.get(url("report", pledge.pk, "arsrapport")).content.decode()

    assert stored(pledge) == before
    assert "Fastställd 15 januari 2019 av Roger Max" in page
    assert "Fastställ rapporten" not in page


def test_a_finalised_report_is_refused_in_sql_too(client, coordinator, pledge):
    """Raw SQL bypasses the models: the database's triggers refuse it."""
    from django.db import DatabaseError, transaction

    client.force_login(coordinator)
    with frozen_clock(AFTER_YEAR_END):
        write(client, pledge)
        finalise(client, pledge)
    report = PledgeReport.objects.get(pledge=pledge)
    row = report.promise_rows.first()
    before = stored(pledge)
    reports, rows = PledgeReport._meta.db_table, PromiseReport._meta.db_table
    statements = [
        (f"UPDATE {reports} SET finalised_on = NULL WHERE id = %s", report.pk),
        (f"DELETE FROM {reports} WHERE id = %s", report.pk),
        (f"UPDATE {rows} SET citizen_text = 'x' WHERE id = %s", row.pk),
        (f"DELETE FROM {rows} WHERE id = %s", row.pk),
        (
            f"INSERT INTO {rows} (report_id, promise_id, status, done, citizen_text)"
            " VALUES (%s, %s, 'done', '', '')",
            report.pk,
        ),
        (
            f"UPDATE {PromiseReport.history.model._meta.db_table} SET done = 'x' WHERE id = %s",
            row.pk,
        ),
    ]
    for sql, pk in statements:
        with (
            pytest.raises(DatabaseError, match="signed content cannot be changed"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [pk, row.promise_id] if "INSERT" in sql else [pk])

    assert stored(pledge) == before


def test_a_report_is_finalised_only_when_every_promise_has_a_status(client, coordinator, pledge):
    client.force_login(coordinator)
    with frozen_clock(AFTER_YEAR_END):
        write(client, pledge, status="")
        response = finalise(client, pledge)
        page = client.get(response.url).content.decode()

    assert "3 löften saknar status" in page
    assert PledgeReport.objects.get(pledge=pledge).finalised_on is None


@pytest.mark.parametrize("outsider", ["other_coordinator", "other_area"])
def test_people_of_another_municipality_or_police_area_are_refused(
    client, coordinator, pledge, outsider, request
):
    client.force_login(coordinator)
    with frozen_clock(AFTER_YEAR_END):
        write(client, pledge)
    before = stored(pledge)
    client.force_login(request.getfixturevalue(outsider))
    with frozen_clock(AFTER_YEAR_END):
        answers = [
            client.get(url("report", pledge.pk, "arsrapport")).status_code,
            client.get(url("report_edit", pledge.pk, "arsrapport")).status_code,
            write(client, pledge, status="stopped").status_code,
            finalise(client, pledge).status_code,
            client.get(url("report_pdf", pledge.pk, "arsrapport")).status_code,
        ]

    assert answers == [404] * 5
    assert stored(pledge) == before


def test_readers_read_but_do_not_write(client, coordinator, chair, pledge):
    client.force_login(coordinator)
    with frozen_clock(AFTER_YEAR_END):
        write(client, pledge)
    before = stored(pledge)
    client.force_login(chair)
    with frozen_clock(AFTER_YEAR_END):
        page = client.get(url("report", pledge.pk, "arsrapport"))
        refused = write(client, pledge, status="stopped")

    assert "Till medborgarna om löfte 1" in page.content.decode()
    assert "Ändra rapporten" not in page.content.decode()
    assert refused.status_code == 403
    assert stored(pledge) == before


def test_a_concurrent_change_is_not_overwritten_and_the_text_is_kept(
    client, coordinator, police_chief, pledge
):
    client.force_login(coordinator)
    with frozen_clock(AFTER_YEAR_END):
        write(client, pledge)
    version = PledgeReport.objects.get().history.order_by("-history_id").first().history_id
    client.force_login(police_chief)
    with frozen_clock(AFTER_YEAR_END):
        write(client, pledge, version=version, status="ongoing")  # the police save first
    client.force_login(coordinator)
    first = pledge.promises.order_by("position").first()
    mine = {f"lofte-{first.pk}-citizen_text": "Min text som inte får försvinna"}
    with frozen_clock(AFTER_YEAR_END):
        response = write(client, pledge, version=version, status="done", **mine)
    page = response.content.decode()

    assert response.status_code == 200
    assert "har sparat ändringar här" in page
    assert "Min text som inte får försvinna" in page
    assert set(PromiseReport.objects.values_list("status", flat=True)) == {"ongoing"}


def test_bad_input_is_refused_in_swedish_and_changes_nothing(client, coordinator):
    pledge = signed_pledge(2030, promises=3, targets=1)
    target = pledge.targets.get()
    with frozen_clock(local(2030, 12, 2, 9, 0)):
        client.force_login(coordinator)  # a session of that day
        response = write(client, pledge, **{f"mal-{target.pk}-measured_value": "många"})

    assert response.status_code == 200
    assert "Rätta det som är markerat nedan" in response.content.decode()
    assert "Fyll i ett tal." in response.content.decode()
    assert not PledgeReport.objects.filter(pledge=pledge).exists()


def test_the_finalised_year_end_report_closes_the_year_and_starts_the_next_situation(
    client, coordinator
):
    pledge = signed_pledge(2030, promises=3, targets=1)
    with frozen_clock(local(2031, 1, 15, 10, 0)):
        client.force_login(coordinator)
        write(client, pledge)
        finalise(client, pledge)
        pledge_page = client.get(url("detail", pledge.pk)).content.decode()
        created = client.post(
            url("copy", pledge.pk),
            {
                "title": "Medborgarlöfte 2031",
                "period_start": "2031-01-01",
                "period_end": "2031-12-31",
            },
        )
    new = Pledge.objects.get(title="Medborgarlöfte 2031")
    new_page = client.get(created.url).content.decode()

    assert "Medborgarlöftet för 2030 är avslutat – årsrapporten fastställd 15 januari 2031" in (
        pledge_page
    )
    assert new.situation.startswith(
        "Uppföljning av medborgarlöftet för 2030 enligt årsrapporten, fastställd 15 januari 2031:"
    )
    assert f"– {PROMISES_2018[0]}: Genomförd. Till medborgarna om löfte 1" in new.situation
    assert "– Anmälda skadegörelsebrott 1: uppmätt 95 antal (31 december 2018) mot målvärdet" in (
        new.situation
    )
    assert new.situation.endswith(pledge.situation)  # then the copied text
    assert "Lägesbilden utgår från årsrapporten" in new_page
    assert url("report", pledge.pk, "arsrapport") in new_page


def test_without_a_finalised_year_end_report_the_copy_is_unchanged(client, coordinator, pledge):
    client.force_login(coordinator)
    with frozen_clock(AFTER_YEAR_END):
        write(client, pledge)  # written, not finalised
        client.post(
            url("copy", pledge.pk),
            {
                "title": "Medborgarlöfte 2019",
                "period_start": "2019-01-01",
                "period_end": "2019-12-31",
            },
        )

    assert Pledge.objects.get(title="Medborgarlöfte 2019").situation == pledge.situation


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_has_the_report_in_words(client, coordinator):
    pledge = signed_pledge(2030, promises=3, targets=1)
    with frozen_clock(local(2030, 12, 20, 10, 0)):
        client.force_login(coordinator)
        write(client, pledge)
        draft = pdf_text(client.get(url("report_pdf", pledge.pk, "arsrapport")))
    with frozen_clock(local(2031, 1, 15, 10, 0)):
        client.force_login(coordinator)
        finalise(client, pledge)
    with frozen_clock(local(2031, 3, 1, 10, 0)):
        client.force_login(coordinator)
        final = pdf_text(client.get(url("report_pdf", pledge.pk, "arsrapport")))

    assert "Utkast – ej fastställd" in draft and "20 december 2030" in draft
    assert "Dnr KS/2029:359" in final
    for words in [
        "Årsrapport 2030",
        "Medborgarlöfte 2030",
        "januari–december 2030",
        "Sida 1 av",
        "Fastställd 15 januari 2031",
        PROMISES_2018[0],
        "Genomförd",
        "Till medborgarna om löfte 1",
        "Uppmätt värde",
        "95 antal",
        "120 antal",
        "90 antal",
    ]:
        assert words in final, words
    assert "Utkast" not in final
    assert "1 mars 2031" not in final  # the report's own date, not the day it was printed


def test_the_pages_ask_as_many_queries_for_many_promises_and_targets(
    client, coordinator, django_assert_num_queries
):
    small = signed_pledge(2030, promises=3, targets=1)
    large = signed_pledge(2032, promises=9, targets=6)
    with frozen_clock(local(2033, 1, 10, 10, 0)):
        client.force_login(coordinator)
        for pledge in (small, large):
            write(client, pledge)
        counts = {}
        for name in ("report", "report_edit", "detail"):
            args = (small.pk,) if name == "detail" else (small.pk, "arsrapport")
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url(name, *args)).status_code == 200
            counts[name] = len(queries)
        for name, count in counts.items():
            args = (large.pk,) if name == "detail" else (large.pk, "arsrapport")
            with django_assert_num_queries(count):
                client.get(url(name, *args))


def test_the_admin_does_not_change_a_finalised_report(client, coordinator, superuser, pledge):
    client.force_login(coordinator)
    with frozen_clock(AFTER_YEAR_END):
        write(client, pledge)
        finalise(client, pledge)
    report = PledgeReport.objects.get()
    before = stored(pledge)
    client.force_login(superuser)
    change = reverse("admin:pledges_pledgereport_change", args=[report.pk])
    delete = reverse("admin:pledges_pledgereport_delete", args=[report.pk])
    page = client.get(change).content.decode()
    client.post(change, {"kind": "2", "finalised_on": ""})

    assert 'name="finalised_on"' not in page  # shown, not offered for change
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert stored(pledge) == before


def test_a_revision_is_not_said_to_start_from_the_year_end_report(client, coordinator):
    pledge = signed_pledge(2030, promises=3, targets=0)
    with frozen_clock(local(2031, 1, 15, 10, 0)):
        client.force_login(coordinator)
        write(client, pledge)
        finalise(client, pledge)
        revision = revise(document=pledge, user=coordinator)
        page = client.get(url("detail", revision.pk)).content.decode()

    assert revision.situation == pledge.situation
    assert "Lägesbilden utgår från årsrapporten" not in page


def test_the_targets_are_drawn_against_their_measured_values_with_the_same_numbers(
    client, coordinator
):
    from tests.followup.test_charts import Figures, drawn_equals_table

    pledge = signed_pledge(2030, promises=3, targets=2)
    with frozen_clock(local(2030, 12, 20, 10, 0)):
        client.force_login(coordinator)
        write(client, pledge)
        page = client.get(url("report", pledge.pk, "arsrapport")).content.decode()
        text = pdf_text(client.get(url("report_pdf", pledge.pk, "arsrapport")))

    figures = Figures(page)
    drawn_equals_table(figures, "mal-arsrapport", ["Utgångsläge", "Mål", "Uppmätt"])
    table = figures.table["mal-arsrapport"]
    assert table[("Anmälda skadegörelsebrott 2", "Uppmätt")] == "95"
    assert table[("Anmälda skadegörelsebrott 2", "Mål")] == "90"
    assert "Mätbara mål: målvärde och uppmätt värde, Årsrapport 2030" in text
    assert "Utgångsläge 120 · Mål 90 · Uppmätt 95" in text
