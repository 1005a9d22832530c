"""Loads the Mjölby data and creates the demo logins. Never run in production."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from safety_partnership.models import Person, Role
from safety_partnership.seed import load_fixture

PASSWORD = "mjolby-demo"

# username -> (first name, last name, the Mjölby person the login acts as)
DEMO_LOGINS = {
    "samordnare": ("Roger", "Max", {"name": "Roger Max", "role": Role.COORDINATOR}),
    "polischef": ("Hanna", "Sjögren", {"name": "Hanna Sjögren", "role": Role.POLICE_SIGNATORY}),
    "ordforande": (
        "Cecilia",
        "W Burenby",
        {"name": "Cecilia W Burenby", "role": Role.MUNICIPAL_SIGNATORY},
    ),
    "registrator": ("Registrator", "Mjölby kommun", None),
}


class Command(BaseCommand):
    help = "Läser in Mjölby-underlaget och skapar demoinloggningarna (lösenord mjolby-demo)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        saved, unchanged = load_fixture("mjolby")
        self.stdout.write(f"Mjölby-underlaget: {saved} poster sparade, {unchanged} oförändrade.")

        User = get_user_model()
        for username, (first_name, last_name, person_lookup) in DEMO_LOGINS.items():
            user = self._login(User, username, first_name=first_name, last_name=last_name)
            if person_lookup:
                person = Person.objects.get(**person_lookup)
            else:
                person, _ = Person.objects.get_or_create(
                    name="Registrator",
                    defaults={
                        "title": "Registrator",
                        "role": Role.STAFF,
                        "municipality": Person.objects.get(name="Roger Max").municipality,
                    },
                )
            if person.user_id != user.pk:
                person.user = user
                person.save()
        self._login(User, "admin", is_staff=True, is_superuser=True, first_name="Administratör")
        self.stdout.write(
            f"Demoinloggningar: {', '.join([*DEMO_LOGINS, 'admin'])} (lösenord {PASSWORD})."
        )

    def _login(self, User, username: str, **fields):
        # Demo addresses under the reserved .example domain: the console shows the mail.
        fields.setdefault("email", f"{username}@mjolby.example")
        user, created = User.objects.get_or_create(username=username, defaults=fields)
        if created:
            user.set_password(PASSWORD)
            user.save()
        return user
