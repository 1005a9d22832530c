"""The notes at texts a copy kept that still name a year of the old period (review.py)."""

from django import template

from .. import review

register = template.Library()


@register.inclusion_tag("includes/review_note.html", takes_context=True)
def review_note(context, document, obj, field: str) -> dict:
    """At a text: "innehåller 2018 – kontrollera", with "Kontrollerad" for the editor."""
    mark = None if context.get("as_of") else review.mark_at(document, obj, field)
    return {
        "mark": mark,
        "can_edit": context.get("can_edit"),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("includes/review_summary.html", takes_context=True)
def review_summary(context, document) -> dict:
    """At the top of a draft: how many texts name an old year, and where they are."""
    marks = [] if context.get("as_of") else review.open_marks(document)
    return {
        "marks": review.describe(document, marks) if marks else [],
        "can_edit": context.get("can_edit"),
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def review_count(document) -> int:
    return len(review.open_marks(document))
