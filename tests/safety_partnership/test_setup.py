"""Setting up the register in its own pages: organisations, partnerships, people, logins.

A superuser sets up municipalities, police areas and partnerships; she and an organisation's
administrator add people, invite them to choose their own password, and deactivate those who
leave. Nothing is deleted, nothing is printed where the police area is not yet known.
"""

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from pledges.models import Pledge
from safety_partnership.models import Municipality, Partnership, Person, PoliceArea, Role
from safety_partnership.pdf.archive import pdf_bytes
from tests.conftest import make_user
from tests.safety_partnership.test_pdf import pages_text, read

INDEX = reverse("setup:index")


def person_data(**fields) -> dict:
    return {"name": "Anna Berg", "title": "", "role": "coordinator", "version": "", **fields}


def invitation_link() -> str:
    (message,) = mail.outbox
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


@pytest.fixture
def administrator(mjolby):
    person = Person.objects.create(
        name="Adam Admin", role=Role.ADMINISTRATOR, municipality=mjolby.municipality
    )
    return make_user("adam", person)


@pytest.mark.django_db
def test_the_superuser_sets_up_a_municipality_and_its_partnership_without_an_area(
    superuser, client
):
    client.force_login(superuser)

    client.post(
        reverse("setup:municipality_create"),
        {"name": "Motala kommun", "code": "0583", "version": ""},
    )
    motala = Municipality.objects.get(name="Motala kommun")
    client.post(reverse("setup:partnership_create"), {"municipality": motala.pk, "version": ""})
    partnership = Partnership.objects.get(municipality=motala)
    page = client.get(partnership.get_absolute_url()).text
    index = client.get(INDEX).text

    assert partnership.police_area is None
    assert "<h1>Motala kommun</h1>" in page
    assert "Lokalpolisområdet är inte angivet ännu." in page
    assert "None" not in page
    assert "Motala kommun (lokalpolisområde ej angivet)" in " ".join(
        re.sub(r"<[^>]+>", " ", index).split()
    )


@pytest.mark.django_db
def test_a_pdf_of_a_partnership_without_an_area_prints_no_placeholder(mjolby, staff):
    motala = Municipality.objects.create(name="Motala kommun", code="0583")
    partnership = Partnership.objects.create(municipality=motala)
    pledge = Pledge.objects.create(
        partnership=partnership,
        title="Medborgarlöfte 2027",
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
    )

    first = pages_text(read(pdf_bytes(pledge)))[0]

    assert "Motala kommun" in first
    assert "None" not in first and "ej angiv" not in first


@pytest.mark.django_db
def test_a_wrong_municipality_code_is_refused_in_swedish_and_saves_nothing(superuser, client):
    client.force_login(superuser)
    count = Municipality.objects.count()

    response = client.post(
        reverse("setup:municipality_create"),
        {"name": "Motala kommun", "code": "583", "version": ""},
    )

    assert "Kommunkoden består av fyra siffror." in response.text
    assert Municipality.objects.count() == count


@pytest.mark.django_db
def test_a_police_area_is_added_and_filled_in_later(superuser, client, mjolby):
    client.force_login(superuser)
    motala = Municipality.objects.create(name="Motala kommun", code="0583")
    partnership = Partnership.objects.create(municipality=motala)

    client.post(
        reverse("setup:police_area_create"),
        {"name": "LPO Vadstena", "region": "ost", "version": ""},
    )
    area = PoliceArea.objects.get(name="LPO Vadstena")
    edit = reverse("setup:partnership_edit", args=[partnership.pk])
    form = client.get(edit)
    client.post(
        edit,
        {
            "municipality": motala.pk,
            "police_area": area.pk,
            "version": form.context["form"]["version"].value(),
        },
    )

    partnership.refresh_from_db()
    assert partnership.police_area == area
    assert "Motala kommun och LPO Vadstena" in client.get(partnership.get_absolute_url()).text


@pytest.mark.django_db
def test_a_new_login_is_invited_to_choose_her_own_password(
    superuser, client, mjolby, django_capture_on_commit_callbacks
):
    client.force_login(superuser)
    client.post(
        reverse("setup:person_create"),
        person_data(municipality=mjolby.municipality_id, email="Anna.Berg@mjolby.se"),
    )
    anna = Person.objects.get(name="Anna Berg")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("setup:person_invite", args=[anna.pk]))
    (message,) = mail.outbox
    client.logout()
    form = client.get(invitation_link(), follow=True)
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Trygghet-2027!", "new_password2": "Trygghet-2027!"},
        follow=True,
    )

    anna.refresh_from_db()
    assert anna.user.username == "anna.berg@mjolby.se"
    assert "Välj ett lösenord för inloggningen anna.berg@mjolby.se." in form.text
    assert "Lösenordet är sparat" in done.text
    assert "Trygghet-2027!" not in message.body and "lösenord" in message.body
    assert client.login(username="anna.berg@mjolby.se", password="Trygghet-2027!")
    # The link works once.
    client.logout()
    assert "Länken gäller inte längre" in client.get(invitation_link(), follow=True).text


@pytest.mark.django_db
def test_no_invitation_without_an_email_address(superuser, client, mjolby):
    client.force_login(superuser)
    person = Person.objects.create(
        name="Utan Adress", role="reader", municipality=mjolby.municipality
    )

    response = client.post(reverse("setup:person_invite", args=[person.pk]), follow=True)

    assert "Utan Adress har ingen e-postadress. Fyll i den först." in response.text
    assert (
        mail.outbox == [] and get_user_model().objects.filter(first_name="Utan Adress").count() == 0
    )


@pytest.mark.django_db
def test_leaving_staff_are_deactivated_never_deleted(superuser, coordinator, client):
    client.force_login(superuser)
    roger = coordinator.person

    client.post(reverse("setup:person_active", args=[roger.pk]), {"active": "0"})

    roger.refresh_from_db()
    coordinator.refresh_from_db()
    assert not roger.is_active and roger.active_until is not None
    assert not coordinator.is_active
    assert client.login(username="samordnare", password="secret-pass-1") is False
    assert Person.objects.filter(pk=roger.pk).exists()
    assert "Avaktiverad" in client.get(INDEX).text


@pytest.mark.django_db
def test_an_administrator_adds_people_to_her_own_organisation_only(
    administrator, client, mjolby, other_coordinator
):
    client.force_login(administrator)

    form = client.get(reverse("setup:person_create")).text
    client.post(
        reverse("setup:person_create"), person_data(name="Ny Samordnare", email="ny@mjolby.se")
    )
    other = other_coordinator.person

    new = Person.objects.get(name="Ny Samordnare")
    assert new.municipality == mjolby.municipality
    assert 'name="municipality"' not in form and 'name="police_area"' not in form
    assert client.get(reverse("setup:person_edit", args=[other.pk])).status_code == 404
    assert (
        client.post(reverse("setup:person_active", args=[other.pk]), {"active": "0"}).status_code
        == 404
    )
    assert client.get(reverse("setup:municipality_create")).status_code == 403
    assert "Eva Ek" not in client.get(INDEX).text


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["coordinator", "police_chief", "staff"])
def test_readers_and_editors_do_not_set_up_the_register(persona, client, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(INDEX).status_code == 403
    assert "Inställningar" not in client.get("/").text


@pytest.mark.django_db
def test_a_person_of_another_municipality_does_not_belong_to_a_partnership_without_an_area(mjolby):
    motala = Municipality.objects.create(name="Motala kommun", code="0583")
    partnership = Partnership.objects.create(municipality=motala)
    roger = Person.objects.get(name="Roger Max")

    assert not roger.belongs_to(partnership)


@pytest.mark.django_db
def test_another_partys_signatory_must_belong_to_a_partnership(superuser, client):
    client.force_login(superuser)

    response = client.post(
        reverse("setup:person_create"),
        person_data(name="Bo Bolag", role="other_signatory", organisation="Mjölbostäder"),
    )

    assert "Den som undertecknar för en annan part hör till en samverkan." in response.text
    assert not Person.objects.filter(name="Bo Bolag").exists()
