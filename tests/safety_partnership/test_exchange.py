"""Import and export in the register's exchange format (safety_partnership/exchange/).

Round trip: what the register exports, imported into an empty register, exports the same.
Importing twice creates nothing new; a file with an error saves nothing and says where the
error is; the schema kept in the repository is the one the register describes.
"""

import copy
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actionplans.models import ActionPlan, Measure
from pledges.models import CitizenDialogue, Pledge
from safety_partnership import kinds
from safety_partnership.exchange.export import export_register
from safety_partnership.exchange.importing import ImportRefused, import_register
from safety_partnership.exchange.schema import SCHEMA_FILE, register_schema
from safety_partnership.models import Municipality, Partnership, Person, Signature


def keys(value) -> list[str]:
    """Every key of every object in the JSON value."""
    if isinstance(value, dict):
        return [*value, *(k for v in value.values() for k in keys(v))]
    if isinstance(value, list):
        return [k for v in value for k in keys(v)]
    return []


def counts() -> dict[str, int]:
    models = (
        Municipality,
        Partnership,
        Person,
        ActionPlan,
        Measure,
        Pledge,
        CitizenDialogue,
        Signature,
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return export_register()


def test_the_schema_in_the_repository_is_the_registers(monkeypatch):
    """As the product describes it: without the fourth kind the test settings add."""
    product_kinds = [k for k in kinds.all_kinds() if not k.model.__module__.startswith("tests.")]
    monkeypatch.setattr(kinds, "all_kinds", lambda: product_kinds)

    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == register_schema()


@pytest.mark.django_db
def test_the_seed_exports_with_its_documents_rows_dialogues_and_signatories(exported):
    (mjolby,) = exported["partnerships"]
    kinds = [document["kind"] for document in mjolby["documents"]]
    plan = mjolby["documents"][kinds.index("actionplan")]
    pledge = mjolby["documents"][kinds.index("pledge")]

    assert mjolby["municipality"] == {"name": "Mjölby kommun", "code": "0586"}
    assert plan["links"] == {"agreement": kinds.index("agreement")}
    assert [area["fields"]["title"] for area in plan["rows"]["focus_areas"]][0] == "Trafikmiljön"
    assert plan["rows"]["focus_areas"][0]["rows"]["measures"]
    assert pledge["dialogues"] == [0, 1, 2] and len(mjolby["dialogues"]) == 3
    assert {s["name"] for s in pledge["signatures"]} >= {"Hanna Sjögren"}
    assert not [key for key in keys(exported) if key == "id" or key.endswith("_id")]


@pytest.mark.django_db
def test_round_trip_into_an_empty_register_exports_the_same(exported, empty_register):
    assert Municipality.objects.count() == 0

    import_register(exported)

    assert export_register() == exported
    plan = ActionPlan.objects.get()
    assert plan.status == "signed" and plan.agreement.status == "signed"
    assert plan.signatures.filter(method="paper").count() == 2


@pytest.mark.django_db
def test_importing_the_same_file_twice_creates_nothing_new(exported):
    before = counts()

    summary = import_register(exported)

    assert counts() == before
    assert summary.created == [] and len(summary.existing) == 3


@pytest.mark.django_db
def test_a_bad_field_saves_nothing_and_says_where(exported, empty_register):
    data = copy.deepcopy(exported)
    documents = data["partnerships"][0]["documents"]
    documents[1]["fields"]["period_start"] = "2018-13-01"
    documents[2]["rows"]["promises"][0]["fields"]["responsible"] = "grannarna"

    with pytest.raises(ImportRefused) as refused:
        import_register(data)

    errors = "\n".join(refused.value.errors)
    assert "partnerships[0].documents[1].fields.period_start:" in errors
    assert "partnerships[0].documents[2].rows.promises[0].fields.responsible:" in errors
    assert sum(counts().values()) == 0


@pytest.mark.django_db
def test_a_file_that_breaks_the_schema_is_refused_with_its_path(exported):
    data = copy.deepcopy(exported)
    data["partnerships"][0]["municipality"]["code"] = "586"
    del data["partnerships"][0]["documents"][0]["kind"]
    before = counts()

    with pytest.raises(ImportRefused) as refused:
        import_register(data)

    errors = refused.value.errors
    assert any(e.startswith("partnerships[0].municipality.code:") for e in errors)
    assert any(e.startswith("partnerships[0].documents[0]:") and "kind" in e for e in errors)
    assert counts() == before


@pytest.mark.django_db
def test_a_nul_character_in_a_text_is_refused_with_its_path(exported, empty_register):
    """JSON may write one ("\\u0000"); no text of the register holds one and PostgreSQL
    refuses it, so the file is refused before anything is written."""
    data = copy.deepcopy(exported)
    data["partnerships"][0]["documents"][1]["fields"]["title"] = "Handlingsplan\x00"

    with pytest.raises(ImportRefused) as refused:
        import_register(data)

    assert refused.value.errors == [
        "partnerships[0].documents[1].fields.title: tecknet NUL är inte tillåtet"
    ]
    assert sum(counts().values()) == 0


@pytest.mark.django_db
def test_a_dry_run_says_what_would_be_made_and_saves_nothing(exported, empty_register):
    summary = import_register(exported, dry_run=True)

    assert any(
        line.startswith("Handlingsplan: Handlingsplan för 2018-2020") for line in summary.created
    )
    assert Municipality.objects.count() == 0


@pytest.mark.django_db
def test_a_coordinator_imports_her_own_municipality_only(exported):
    boxholm = Municipality.objects.create(name="Boxholms kommun", code="0560")

    with pytest.raises(ImportRefused) as refused:
        import_register(exported, only_municipality=boxholm)

    assert "Du kan bara importera Boxholms kommun" in refused.value.errors[0]


@pytest.mark.django_db
def test_the_commands_write_and_read_the_file(tmp_path, exported):
    out = tmp_path / "mjolby.json"

    call_command("export_register", municipality="Mjölby kommun", out=str(out))
    call_command("import_register", str(out))

    assert json.loads(out.read_text(encoding="utf-8")) == exported
    with pytest.raises(CommandError, match="Det finns ingen kommun som heter ”Ödeshög”"):
        call_command("export_register", municipality="Ödeshög", out=str(out))
    out.write_text("{inte json", encoding="utf-8")
    with pytest.raises(CommandError, match="kan inte läsas som JSON"):
        call_command("import_register", str(out))


def upload(client, data, name="register.json"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = data if isinstance(data, bytes) else json.dumps(data).encode()
    return client.post(reverse("exchange:import"), {"file": SimpleUploadedFile(name, content)})


@pytest.mark.django_db
def test_the_coordinator_previews_then_imports_a_file(client, coordinator, exported):
    data = copy.deepcopy(exported)
    pledge = next(d for d in data["partnerships"][0]["documents"] if d["kind"] == "pledge")
    pledge["fields"]["title"] = "Medborgarlöfte i Mjölby Kommun 2019"
    pledge["fields"]["period_start"], pledge["fields"]["period_end"] = "2019-01-01", "2019-12-31"
    pledge["status"] = "draft"
    del pledge["signatures"]
    client.force_login(coordinator)
    before = counts()

    preview = upload(client, data)
    token = preview.context["token"]
    after_preview = counts()
    done = client.post(reverse("exchange:import"), {"token": token}, follow=True)

    assert "Medborgarlöfte: Medborgarlöfte i Mjölby Kommun 2019 (3 rader)" in preview.text
    assert "Finns redan och lämnas som de är" in preview.text
    assert after_preview == before
    assert "Importen är klar: 1 nya, 2 fanns redan." in done.text
    assert Pledge.objects.get(title__endswith="2019").status == "draft"
    # The preview is used once.
    again = client.post(reverse("exchange:import"), {"token": token}, follow=True)
    assert "Förhandsvisningen har gått ut" in again.text


@pytest.mark.django_db
def test_the_page_shows_each_error_with_its_path_and_saves_nothing(client, coordinator, exported):
    data = copy.deepcopy(exported)
    data["partnerships"][0]["documents"][1]["fields"]["period_start"] = "2018-13-01"
    client.force_login(coordinator)
    before = counts()

    response = upload(client, data)
    broken = upload(client, b"{inte json")

    assert "Filen kan inte importeras. Inget är sparat." in response.text
    assert "partnerships[0].documents[1].fields.period_start" in response.text
    assert "Filen kan inte läsas som JSON" in broken.text
    assert counts() == before


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["police_chief", "chair", "staff"])
def test_only_coordinators_import(client, request, persona, exported):
    client.force_login(request.getfixturevalue(persona))
    before = counts()

    assert upload(client, exported).status_code == 403
    assert counts() == before


@pytest.mark.django_db
def test_a_reader_downloads_the_partnership_as_a_file(client, police_chief, mjolby, exported):
    client.force_login(police_chief)

    response = client.get(reverse("exchange:export", args=[mjolby.pk]))

    assert response["Content-Type"] == "application/json"
    assert "Mj%C3%B6lby%20kommun%20Samverkan.json" in response["Content-Disposition"]
    assert json.loads(response.content) == exported


@pytest.mark.django_db
def test_a_coordinator_does_not_set_up_police_areas_or_partnerships_by_import(exported):
    data = copy.deepcopy(exported)
    data["partnerships"][0]["police_area"] = {"name": "LPO Vadstena", "region": "ost"}
    mjolby = Municipality.objects.get(code="0586")
    before = counts()

    with pytest.raises(ImportRefused) as refused:
        import_register(data, only_municipality=mjolby)

    assert refused.value.errors == [
        "partnerships[0].police_area.name: LPO Vadstena finns inte i registret. Registrets "
        "administratör lägger upp det under Inställningar."
    ]
    assert counts() == before


def plan_reads_while_importing(data) -> int:
    """The queries that read the plan table while data is imported into the empty register
    (left empty afterwards)."""
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        import_register(data)
        transaction.set_rollback(True)
    return sum('FROM "actionplans_actionplan"' in query["sql"] for query in queries)


def measures_of(data) -> list[list]:
    return [
        area["rows"]["measures"]
        for partnership in data["partnerships"]
        for document in partnership["documents"]
        for area in document.get("rows", {}).get("focus_areas", [])
    ]


@pytest.mark.django_db
def test_importing_a_plans_measures_reads_the_plan_as_often_as_one_measure_an_area(
    exported, empty_register
):
    trimmed = copy.deepcopy(exported)
    for measures in measures_of(trimmed):
        del measures[1:]
    assert sum(map(len, measures_of(exported))) > sum(map(len, measures_of(trimmed)))

    assert plan_reads_while_importing(exported) == plan_reads_while_importing(trimmed)
