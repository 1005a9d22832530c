"""Search the texts of what a user may read: documents, focus areas, measures, promises and
citizen dialogues.

One query finds a page of hits of every kind at once (a UNION of one SELECT per kind, each
limited to the partnerships the user may read, `partnerships_for`), and one more counts them,
whatever the number of hits.

- PostgreSQL: full-text search with Swedish stemming (`to_tsvector('swedish', …)` against
  `websearch_to_tsquery('swedish', …)`), ranked; "trygghetsvandring" finds
  "trygghetsvandringar". Each kind has a GIN index on the very expression `vector()` builds
  (migrations/0001_search_indexes.py), so the planner finds hits through the index.
- Other databases (SQLite): every word must occur in one of the texts, case-insensitively
  also for å, ä and ö (Python's regular expressions, which Django's SQLite backend uses for
  `iregex`), as the word or its stem without a common Swedish ending ("vandringar" also
  finds "vandringen"). A trigram index of each kind's texts (FTS5, migrations/0002) names
  the rows that hold the word, then a LIKE on the same text (like_pattern), so that Python
  is asked only about the few texts that may match, and no text is read that cannot.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from typing import TYPE_CHECKING, Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, models
from django.db.models import F, FloatField, IntegerField, Q, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from actionplans.models import ActionPlan, FocusArea, Measure
from agreements.models import Agreement
from pledges.models import CitizenDialogue, Pledge, Promise
from safety_partnership.access import partnerships_for
from safety_partnership.models import DocumentStatus

if TYPE_CHECKING:
    from safety_partnership.access import AnyUser

CONFIG = "swedish"
MAX_LENGTH = 200  # characters of a query; a longer one is refused with a message
PER_PAGE = 50


@dataclass(frozen=True)
class Target:
    """A kind of thing the search finds."""

    key: str
    model: type[models.Model]
    # The texts searched, in the order of the GIN index on PostgreSQL: a change here needs a
    # migration that makes the index again with the same fields (see 0001_search_indexes).
    fields: tuple[str, ...]
    partnership: str  # path to its partnership: "focus_area__plan__partnership"
    page: str = ""  # path to the document whose page shows it ("" for itself)
    area: str = ""  # the title of its focus area: "focus_area__title" for a measure
    url: Callable[[dict[str, Any]], str] = lambda row: ""


def _document_url(namespace: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: reverse(f"{namespace}:detail", args=[row["s_page"]])


def _row_url(namespace: str, model: type[models.Model]) -> Callable[[dict[str, Any]], str]:
    # The row's own anchor on its document's page (its model's `anchor`: "atgard-12").
    return lambda row: (
        reverse(f"{namespace}:detail", args=[row["s_page"]])
        + "#"
        + (
            model(pk=row["s_key"]).anchor  # type: ignore[attr-defined]
        )
    )


DOCUMENT_TEXTS = ("title", "diary_number", "introduction")
TARGETS = (
    Target(
        "agreement",
        Agreement,
        (*DOCUMENT_TEXTS, "overall_goal", "sub_goals", "commitments", "leadership_meetings")
        + ("follow_up",),
        "partnership",
        url=_document_url("agreements"),
    ),
    Target(
        "actionplan",
        ActionPlan,
        (*DOCUMENT_TEXTS, "purpose", "validity", "follow_up"),
        "partnership",
        url=_document_url("actionplans"),
    ),
    Target(
        "pledge",
        Pledge,
        (*DOCUMENT_TEXTS, "situation_basis", "situation", "focus_place", "promise_intro")
        + ("follow_up", "extension_note"),
        "partnership",
        url=_document_url("pledges"),
    ),
    Target(
        "focusarea",
        FocusArea,
        ("title", "problem", "cause_analysis", "effect_goal", "sub_goal"),
        "plan__partnership",
        page="plan",
        area="title",
        url=_row_url("actionplans", FocusArea),
    ),
    Target(
        "measure",
        Measure,
        ("description", "other_parties", "responsible_note"),
        "focus_area__plan__partnership",
        page="focus_area__plan",
        area="focus_area__title",
        url=_row_url("actionplans", Measure),
    ),
    Target(
        "promise",
        Promise,
        ("text", "other_parties", "responsible_note"),
        "pledge__partnership",
        page="pledge",
        url=_row_url("pledges", Promise),
    ),
    Target(
        "dialogue",
        CitizenDialogue,
        ("town", "held_by", "raised"),
        "partnership",
        url=lambda row: reverse("pledges:dialogue_detail", args=[row["s_key"]]),
    ),
)
BY_KEY = {target.key: target for target in TARGETS}
# The model's trigram index on SQLite, by the key of its kind (search_text_<key>).
TEXT_INDEXES = {target.model: target.key for target in TARGETS}


class StoredVector(models.Expression):
    """A kind's vector as PostgreSQL stores it, in the generated column `vector_<key>` of its
    table (public/migrations/0003): made once when a row is written, not from its texts for
    every row a search reads. A column the model does not name, on the query's own table."""

    output_field = SearchVectorField()

    def __init__(self, column: str, alias: str | None = None) -> None:
        super().__init__()
        self.column, self.alias = column, alias

    def resolve_expression(self, query=None, *args, **kwargs):
        return StoredVector(self.column, query.get_initial_alias())

    def relabeled_clone(self, change_map):
        return StoredVector(self.column, change_map.get(self.alias, self.alias))

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(self.alias)
        return f"{table}.{connection.ops.quote_name(self.column)}", []

    def get_group_by_cols(self):
        return [self]


# The kinds whose vector is stored (public/migrations/0003), by key: those the public search
# ranks. The others' vectors are made from their texts, through their expression indexes.
STORED_VECTORS = frozenset({"measure", "promise", "publicarea", "publicpledge", "reporttext"})


def vector(target: Target) -> Any:
    """The document vector of a kind: its stored column, or the same expression as its GIN
    index."""
    if target.key in STORED_VECTORS:
        return StoredVector(f"vector_{target.key}")
    return SearchVector(*target.fields, config=CONFIG)


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


# Common Swedish endings, longest first: "trygghetsvandringar" → "trygghetsvandring".
ENDINGS = ("arna", "erna", "orna", "ar", "er", "or", "na", "en", "et")
WORD = re.compile(r"\w+", re.UNICODE)


def words_of(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def stem(word: str) -> str:
    """The word without a common Swedish ending, if enough is left (at least four letters)."""
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


class Like(models.Lookup):
    """text LIKE pattern, the pattern as given (no escaping): SQLite's own LIKE, in C."""

    lookup_name = "s_like"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", [*lhs_params, *rhs_params]


# ASCII letters that Python's case-insensitive match also finds as another letter: ı and İ
# for i, the Kelvin sign for k, the long s for s.
UNFOLDED = frozenset("iksIKS")
ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def like_pattern(part: str) -> str:
    """A LIKE pattern that every text `part` matches in (case-insensitively, as iregex does)
    matches too: SQLite's LIKE folds the case of ASCII letters only, so any other character
    becomes `_` (any one character)."""
    kept = (c if c in ASCII_WORD and c not in UNFOLDED else "_" for c in part)
    return f"%{''.join(kept)}%"


def _indexed(target: Target, part: str) -> Q:
    """On SQLite, the rows whose trigram index (migrations/0002) holds part in any of the
    kind's texts, case-insensitively: a superset of the hits, read through the index. A
    trigram index cannot look up fewer than three characters, and a model the search has no
    index of (a pledge's reports, on the public pages) is read as before: then every row."""
    key = TEXT_INDEXES.get(target.model)
    if key is None or len(part) < 3:
        return Q()
    index = f"search_text_{key}"
    rows = RawSQL(f"SELECT rowid FROM {index} WHERE {index} MATCH %s", [_phrase(part)])
    return Q(pk__in=rows)


def _phrase(part: str) -> str:
    return '"' + part.replace('"', '""') + '"'


def index_query(text: str, any_word: bool = False) -> str:
    """The FTS5 query that finds in a trigram index the rows text may match (every word's
    stem, or any with any_word): a superset of the hits. "" when the index cannot narrow
    them: a word shorter than three characters is not in it, and with any_word such a word
    could match any row."""
    parts = [stem(word) for word in words_of(text)]
    if any_word and any(len(part) < 3 for part in parts):
        return ""
    joiner = " OR " if any_word else " AND "
    return joiner.join(_phrase(part) for part in parts if len(part) >= 3)


def through_index(rows: models.QuerySet, text: str, any_word: bool = False) -> models.QuerySet:
    """On SQLite, rows joined to their trigram index where it holds text (index_query): the
    index can then be read in its own order, the newest rows first (order_by
    "-text_index__row_id"), up to the hits wanted. For a model of search/models.py."""
    found = index_query(text, any_word)
    return rows.filter(text_index__index__match=found) if found else rows


def _word_matches(target: Target, word: str, indexed: bool) -> Q:
    part = stem(word)
    pattern = re.escape(part)
    if connection.vendor != "sqlite":
        return reduce(or_, (Q(**{f"{name}__iregex": pattern}) for name in target.fields))
    # SQLite calls Python for each text REGEXP reads: LIKE first, in C, leaves it the few
    # texts that may hold the word (the same hits, found without a Python call for each row),
    # and is all that is asked when it kept every character of the word.
    like = like_pattern(part)
    exact = "_" not in like
    return (_indexed(target, part) if indexed else Q()) & reduce(
        or_,
        (
            Q(Like(F(name), like)) & (Q() if exact else Q(**{f"{name}__iregex": pattern}))
            for name in target.fields
        ),
    )


def condition(target: Target, text: str, any_word: bool = False, indexed: bool = True) -> Q:
    """The condition that a row's texts match text: every word of it, or any one with
    any_word (a theme's keywords). On PostgreSQL it asks the alias `s_found`, the row's
    vector (matching() adds it)."""
    words = words_of(text)
    if uses_full_text():
        if any_word:
            text = " or ".join(words)
        return Q(s_found=SearchQuery(text, config=CONFIG, search_type="websearch"))
    joined = or_ if any_word else and_
    return reduce(joined, (_word_matches(target, w, indexed) for w in words))


def with_vector(rows: models.QuerySet, target: Target) -> models.QuerySet:
    return rows.alias(s_found=vector(target)) if uses_full_text() else rows


def matching(
    rows: models.QuerySet, target: Target, text: str, any_word: bool = False, indexed: bool = True
) -> models.QuerySet:
    """The rows whose texts match text (condition()). The public search asks through here too.
    indexed=False on SQLite leaves out the trigram index: for rows already narrowed to a few
    partnerships, where the index would name every hit in the country first."""
    return with_vector(rows, target).filter(condition(target, text, any_word, indexed))


def rank(target: Target, text: str, any_word: bool = False) -> Any:
    """How well a row matches text (PostgreSQL's full-text rank); 0 elsewhere, where hits
    keep the order they are asked in."""
    if not uses_full_text():
        return Value(0.0, output_field=FloatField())
    if any_word:
        text = " or ".join(words_of(text))
    return SearchRank(vector(target), SearchQuery(text, config=CONFIG, search_type="websearch"))


NEWLINE = Value("\n", output_field=TextField())


class JoinedTexts(models.Func):
    """a || b || c, flat: Concat nests a pair in a pair, deeper than SQLite's parser goes for
    the many texts of a document in a UNION of seven."""

    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = TextField()


def _hits_of(
    target: Target, text: str, readable: models.QuerySet, everywhere: bool
) -> models.QuerySet:
    """One SELECT of the UNION: this kind's hits, as the same columns as every other kind."""
    rows = matching(
        target.model._default_manager.filter(**{f"{target.partnership}__in": readable}),
        target,
        text,
        indexed=everywhere,
    )
    if uses_full_text():
        query = SearchQuery(text, config=CONFIG, search_type="websearch")
        rank: Any = SearchRank(vector(target), query)
    else:
        rank = Value(0.0, output_field=FloatField())
    prefix = f"{target.page}__" if target.page else ""
    is_dialogue = target.model is CitizenDialogue
    texts = [item for name in target.fields for item in (Coalesce(name, Value("")), NEWLINE)]
    columns = {
        "s_kind": Value(target.key),
        "s_order": Value(TARGETS.index(target)),
        "s_key": F("pk"),
        "s_rank": rank,
        "s_page": F(f"{prefix}pk"),
        "s_title": F("town") if is_dialogue else F(f"{prefix}title"),
        "s_area": F(target.area) if target.area else Value(""),
        # Typed, so that PostgreSQL's UNION matches a dialogue's year with the others' NULL.
        "s_year": Cast(F("year") if is_dialogue else Value(None), IntegerField()),
        "s_where": F(f"{target.partnership}__municipality__name"),
        # The status of the document it is in (a dialogue belongs to none).
        "s_status": Value("") if is_dialogue else F(f"{prefix}status"),
        "s_body": JoinedTexts(*texts[:-1]),
    }
    return rows.order_by().annotate(**columns).values(*columns)


def search(user: AnyUser, text: str) -> models.QuerySet:
    """The hits for text among what user may read, best first: one row (a dict) per hit."""
    readable = partnerships_for(user).values("pk")
    # One who reads every partnership searches the country: through SQLite's trigram index.
    everywhere = user.is_superuser
    first, *others = (_hits_of(target, text, readable, everywhere) for target in TARGETS)
    return first.union(*others, all=True).order_by("-s_rank", "s_order", "-s_key")


@dataclass(frozen=True)
class Hit:
    label: str  # "Åtgärd i Handlingsplan för 2018-2020 › Trafikmiljön"
    kind: str  # "Åtgärd"
    where: str  # "Mjölby kommun"
    status: str  # of the document: "Utkast", "Undertecknad", "Ersatt", or "" for a dialogue
    url: str
    snippet: SafeString


def hit_of(row: dict[str, Any], text: str) -> Hit:
    target = BY_KEY[row["s_kind"]]
    opts = target.model._meta
    kind = capfirst(str(opts.verbose_name))
    if target.model is CitizenDialogue:
        label = str(CitizenDialogue(year=row["s_year"], town=row["s_title"] or ""))
    elif not target.page:
        label = row["s_title"]
    else:
        # The document, then the focus area: "Åtgärd i Handlingsplan för 2018-2020 › Trafikmiljön"
        label = _("%(kind)s i %(document)s") % {"kind": kind, "document": row["s_title"]}
        if row["s_area"]:
            label += f" › {row['s_area']}"
    status = str(DocumentStatus(row["s_status"]).label) if row["s_status"] else ""
    return Hit(label, kind, row["s_where"], status, target.url(row), snippet(row["s_body"], text))


SNIPPET_CHARS = 220


def snippet(body: str, text: str) -> SafeString:
    """A short piece of body around the first matched word, each matched word in <mark>."""
    body = " ".join(body.split())
    stems = sorted({stem(w) for w in words_of(text) if w}, key=len, reverse=True)
    if not stems:
        return escape(body[:SNIPPET_CHARS])
    pattern = re.compile(r"\w*(?:" + "|".join(map(re.escape, stems)) + r")\w*", re.IGNORECASE)
    first = pattern.search(body)
    start = 0 if first is None else max(0, first.start() - SNIPPET_CHARS // 3)
    if start:
        start = body.find(" ", start) + 1 or start  # begin at a word
    end = start + SNIPPET_CHARS
    if end < len(body):
        end = body.rfind(" ", start, end) if body.rfind(" ", start, end) > start else end
    piece = body[start:end]
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(piece):
        parts.append(escape(piece[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(piece[last:]))
    return mark_safe(  # noqa: S308 - every piece of the text is escaped above
        ("… " if start else "") + "".join(parts) + (" …" if end < len(body) else "")
    )
