"""A CSV of measures into a draft plan: previewed, then added after the plan's own rows;
any error names its line and column, and nothing is saved."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans import measures_csv
from actionplans.models import ActionPlan, FocusArea, Measure
from safety_partnership.models import DocumentStatus, FrozenDocument

CSV = """Problembild;Orsaksanalys;Övergripande effektmål;Delmål;Åtgärd;Ansvar
Skadegörelse vid resecentrum;Mörka platser;Mindre skadegörelse;Färre brott;Belysning;Kommunen
;;;;Fotpatrullering kvällstid;Polisen
;;;;Trygghetsvandring med bostadsbolaget;Mjölbostäder
Buskörning med moped;;Tryggare trafik;;Kontroller;Kommunen och polisen
;;;;Föräldramöten om mopeder;
"""


def url(plan) -> str:
    return reverse("actionplans:import_measures", args=[plan.pk])


def upload(client, plan, text: str, encoding: str = "utf-8"):
    file = SimpleUploadedFile("atgarder.csv", text.encode(encoding), content_type="text/csv")
    return client.post(url(plan), {"file": file})


def rows_of(plan) -> tuple[int, int]:
    return (
        FocusArea.objects.filter(plan=plan).count(),
        Measure.objects.filter(focus_area__plan=plan).count(),
    )


@pytest.mark.django_db
def test_the_coordinator_previews_and_adds_a_csv_of_measures(client, coordinator, draft_plan):
    client.force_login(coordinator)
    before = rows_of(draft_plan)

    preview = upload(client, draft_plan, CSV)
    unchanged = rows_of(draft_plan)
    done = client.post(url(draft_plan), {"token": preview.context["token"]}, follow=True)

    assert (
        "Skadegörelse vid resecentrum" in preview.text
        and "Fotpatrullering kvällstid" in preview.text
    )
    assert unchanged == before
    assert "2 fokusområden med 5 åtgärder är tillagda." in done.text
    assert rows_of(draft_plan) == (before[0] + 2, before[1] + 5)
    area = FocusArea.objects.filter(plan=draft_plan).order_by("-position")[1]
    measures = list(area.measures.order_by("position"))
    assert area.title == "Skadegörelse vid resecentrum" and area.cause_analysis == "Mörka platser"
    assert [m.responsible_label for m in measures] == ["Kommunen", "Polisen", "Mjölbostäder"]
    last = Measure.objects.filter(focus_area__plan=draft_plan).order_by(
        "-focus_area__position", "-position"
    )[0]
    assert last.get_responsible_display() == "Ansvar ej angivet"
    assert "Ansvar ej angivet" in client.get(draft_plan.get_absolute_url()).text


@pytest.mark.django_db
def test_excel_files_in_windows_1252_with_commas_are_read(client, coordinator, draft_plan):
    client.force_login(coordinator)
    text = "Fokusområde,Problembild,Åtgärd,Ansvar\nVåld i nära relationer,Våld,Samtal,Kommunen\n"

    preview = upload(client, draft_plan, text, encoding="cp1252")

    assert "Våld i nära relationer" in preview.text and "Samtal" in preview.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Problem;Åtgärd\nA;B\n", "Rad 1: okänd kolumn ”problem”."),
        ("Problembild;Ansvar\nA;Polisen\n", "Rad 1: kolumnen ”Åtgärd” saknas."),
        ("Problembild;Åtgärd\n;Något\n", "Rad 2: åtgärden hör inte till något fokusområde"),
        ("Problembild;Åtgärd;Ansvar\nA;B;" + "X" * 300 + "\n", "Rad 2, Andra aktörer:"),
        ("Problembild;Åtgärd\n", "Filen har inga åtgärder."),
        ("Problembild;Åtgärd\nA\x00;B\n", "Filen innehåller tecknet NUL"),
        ("Problembild;Åtgärd\nA;" + "x" * 140_000 + "\n", "en cell är för lång."),
    ],
)
def test_a_bad_file_names_line_and_column_and_saves_nothing(
    client, coordinator, draft_plan, text, message
):
    client.force_login(coordinator)
    before = rows_of(draft_plan)

    response = upload(client, draft_plan, text)

    assert "Filen kan inte importeras. Inget är sparat." in response.text
    assert message in response.text
    assert rows_of(draft_plan) == before


@pytest.mark.django_db
def test_a_signed_plan_takes_no_csv_and_readers_none(client, coordinator, police_chief, draft_plan):
    signed = ActionPlan.objects.get(status="signed")
    client.force_login(coordinator)
    before = rows_of(signed)

    assert upload(client, signed, CSV).status_code == 403
    client.force_login(police_chief)
    assert upload(client, draft_plan, CSV).status_code == 403
    assert rows_of(signed) == before


def plan_reads(client, plan, text: str) -> int:
    """How many queries read the plan table while a previewed CSV is added."""
    token = upload(client, plan, text).context["token"]
    with CaptureQueriesContext(connection) as queries:
        client.post(url(plan), {"token": token})
    return sum('FROM "actionplans_actionplan"' in query["sql"] for query in queries)


@pytest.mark.django_db
def test_adding_many_measures_reads_the_plan_no_more_than_adding_one(
    client, coordinator, draft_plan
):
    client.force_login(coordinator)
    one = "Problembild;Åtgärd\nSkadegörelse;Belysning\n"
    many = one + "".join(f";Åtgärd {number}\n" for number in range(20))

    assert plan_reads(client, draft_plan, many) == plan_reads(client, draft_plan, one)
    assert draft_plan.focus_areas.order_by("-position")[1].measures.count() == 21


@pytest.mark.django_db
def test_a_plan_sent_for_signing_before_its_csv_is_added_takes_none_of_it(draft_plan):
    areas = measures_csv.read_areas(CSV.encode())
    before = rows_of(draft_plan)
    ActionPlan.objects.filter(pk=draft_plan.pk).update(status=DocumentStatus.AWAITING_SIGNATURES)

    with pytest.raises(FrozenDocument):
        measures_csv.add_to_plan(draft_plan, areas)

    assert rows_of(draft_plan) == before


@pytest.mark.django_db
def test_a_file_in_neither_utf8_nor_windows_1252_is_refused(client, coordinator, draft_plan):
    client.force_login(coordinator)
    file = SimpleUploadedFile("atgarder.csv", b"Problembild;\x81tg\x9drd\n")

    response = client.post(url(draft_plan), {"file": file})

    assert "Filen är inte en textfil i UTF-8 eller Windows-1252." in response.text
