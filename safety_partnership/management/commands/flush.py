"""Django's flush, with the guard triggers set aside: emptying the whole database on purpose
is no change to a signed document. (PostgreSQL truncates, which fires no row trigger;
SQLite deletes row by row, which would.)"""

from django.core.management.commands.flush import Command as FlushCommand
from django.db import DEFAULT_DB_ALIAS, connections

from safety_partnership import triggers


class Command(FlushCommand):
    def handle(self, **options):
        with triggers.set_aside(connections[options.get("database", DEFAULT_DB_ALIAS)]):
            super().handle(**options)
