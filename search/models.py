"""SQLite's trigram indexes of the texts the public search reads (migrations/0002, 0003), as
models it can join: walked in the index's own order, the newest rows first, a search stops
at the hits it shows instead of reading and sorting every row that holds a common word.
Tables of SQLite only, kept by its triggers: no migration of Django's makes them and nothing
writes here."""

from django.db import models

from actionplans.models import FocusArea, Measure
from pledges.models import Pledge, Promise


class Match(models.Lookup):
    """index MATCH '"trygg" AND "cykel"': an FTS5 query, one to a table in a WHERE."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


def _row(model: type[models.Model]) -> models.OneToOneField:
    # The indexed row: the index's rowid is its id. No constraint, no cascade: triggers keep it.
    return models.OneToOneField(
        model,
        models.DO_NOTHING,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        related_name="text_index",
    )


def _index(table: str) -> models.TextField:
    # FTS5's hidden column named as its table, which MATCH asks of all the texts at once.
    field: models.TextField = models.TextField(db_column=table)
    field.register_lookup(Match)
    return field


class TextIndex(models.Model):
    class Meta:
        abstract = True
        managed = False

    def __str__(self) -> str:
        return f"{self._meta.db_table} {self.pk}"


class FocusAreaText(TextIndex):
    row = _row(FocusArea)
    index = _index("search_text_focusarea")

    class Meta(TextIndex.Meta):
        db_table = "search_text_focusarea"


class MeasureText(TextIndex):
    row = _row(Measure)
    index = _index("search_text_measure")

    class Meta(TextIndex.Meta):
        db_table = "search_text_measure"


class PledgeText(TextIndex):
    row = _row(Pledge)
    index = _index("search_text_pledge")

    class Meta(TextIndex.Meta):
        db_table = "search_text_pledge"


class PromiseText(TextIndex):
    row = _row(Promise)
    index = _index("search_text_promise")

    class Meta(TextIndex.Meta):
        db_table = "search_text_promise"
