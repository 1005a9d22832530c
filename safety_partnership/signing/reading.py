"""What the sign and verification pages show a reader: the document as its PDF prints it, the
coordinator's message, what a revision changed, and the throttle on looking up codes."""

import re

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django_ratelimit.core import is_ratelimited

from .. import kinds
from ..history import ContentChange, content_changes
from ..models import Role
from ..pdf.render import document_context
from .models import SigningEvent

# The kind's PDF template extends this base instead of the PDF's when shown in a page.
WEB_BASE = "pdf/web.html"

# Look-ups of verification codes a client (one IP address) may make: enough for any person
# checking documents, far too few to try codes until one fits.
VERIFY_RATES = ("20/m", "200/d")


def document_html(document, level: int) -> SafeString:
    """The document as its PDF prints it, for a page: the content of the kind's PDF template,
    its title a heading of the given level. The signature block is left out: the pages show
    the signatures themselves, with more than the PDF has room for."""
    context = {**document_context(document), "base_template": WEB_BASE, "signatures": []}
    html = render_to_string(kinds.kind_of(document).pdf_template, context)
    # The PDF's <h1> is the document's title; every value in the HTML is escaped, so a
    # "<h" in it is a tag of the template.
    shift = level - 1
    moved = re.sub(r"<(/?)h([1-6])\b", lambda m: f"<{m[1]}h{min(int(m[2]) + shift, 6)}", html)
    return mark_safe(moved)  # noqa: S308 - rendered by a template, which escaped every value


def sent_event(document) -> SigningEvent | None:
    """The latest sending for signing, whose message the signatories are to read."""
    return (
        SigningEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(document),
            object_id=document.pk,
            action=SigningEvent.Action.SENT,
        )
        .select_related("user")
        .first()
    )


def changes_since_signed(document) -> list[ContentChange] | None:
    """What a revision changes in the signed version it revises; None for a first version."""
    signed = getattr(document, "revision_of", None)
    if signed is None:
        return None
    model = type(document)
    what = str(model._meta.verbose_name).capitalize()
    # The revision number always changes; the page says which revision it compares with.
    old, new = ({**d.content_tree(), "revision": None} for d in (signed, document))
    return content_changes(old, new, model, what)


def role_label(role: str) -> str:
    """The role a signature records, in words (an early version stored the code)."""
    return str(Role(role).label) if role in Role.values else role


def too_many_lookups(request: HttpRequest) -> bool:
    """Count a look-up by this client; true once it has made more than VERIFY_RATES allow."""
    # Every rate counts the look-up, also once another has refused it.
    limited = [
        is_ratelimited(request, group="verify", key="ip", rate=rate, increment=True)
        for rate in VERIFY_RATES
    ]
    return any(limited)
