"""Council cases (ärenden): read as the protocol extract and the cover memo, edited in forms.

A case belongs to a municipality, not to a partnership; its pages lead back to
the partnership page where the user found it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import require_editor, require_registrar
from ..editing import as_stored
from ..history import ADDED, CHANGED, DELETED, Noun, Part, register_noun
from ..history_views import (
    InvalidMoment,
    document_as_of,
    invalid_moment,
    moment_from,
    render_history,
)
from ..models import (
    CouncilCase,
    CoverMemo,
    DecisionBasis,
    MinutesParagraph,
    Recipient,
    Signature,
)
from ..rows import RowKind
from .access import (
    get_case_for_user,
    get_memo_for_user,
    get_municipality_for_user,
    get_paragraph_for_user,
    partnership_of,
)
from .forms import (
    AdjustmentForm,
    CaseForm,
    DecisionBasisFormSet,
    MemoForm,
    ParagraphForm,
    RecipientForm,
    document_choices,
)
from .minutes import PARAGRAPH_ORDER, decision_basis, document_url, paragraphs_of
from .models import AdjustedMinutes

TEMPLATE = "council/case_detail.html"

if TYPE_CHECKING:
    from ..access import AnyUser


# Reading ---------------------------------------------------------------------


def memo_of(case: CouncilCase) -> CoverMemo | None:
    return CoverMemo.objects.filter(case=case).first()


def with_partnership(user: AnyUser, case: CouncilCase) -> CouncilCase:
    """The breadcrumbs and the history page name the partnership the case is read under."""
    case.partnership = partnership_of(user, case.municipality_id)
    return case


register_noun(CouncilCase, Noun("ett", gettext_lazy("ärende"), gettext_lazy("ärendet")))
register_noun(
    DecisionBasis, Noun("ett", gettext_lazy("beslutsunderlag"), gettext_lazy("beslutsunderlaget"))
)
register_noun(MinutesParagraph, Noun("en", gettext_lazy("paragraf"), gettext_lazy("paragrafen")))
register_noun(CoverMemo, Noun("ett", gettext_lazy("missiv"), gettext_lazy("missivet")))
register_noun(Recipient, Noun("en", gettext_lazy("mottagare"), gettext_lazy("mottagaren")))


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case, access = get_case_for_user(request.user, pk)
    basis = decision_basis(case)
    paragraphs = paragraphs_of(case, basis)
    memo = memo_of(case)
    context = {
        "case": with_partnership(request.user, case),
        "officer": case.case_officer,
        "basis": basis,
        "paragraphs": paragraphs,
        "memo": memo,
        "can_edit": access.edit,
        "can_adjust": access.adjust,
        "can_delete": access.edit and not paragraphs and memo is None,
    }
    return render(request, TEMPLATE, context)


# The case ----------------------------------------------------------------------


def edit_case(request: HttpRequest, case: CouncilCase) -> HttpResponse:
    """Create or change a case with its decision basis, all saved or nothing."""
    creating = case.pk is None
    data = request.POST if request.method == "POST" else None
    formset = DecisionBasisFormSet(
        data,
        instance=case,
        prefix="underlag",
        form_kwargs={"document_choices": document_choices(case.municipality_id)},
    )
    form = CaseForm(data, instance=case, decision_basis=formset)
    # Both are validated, so that every error shows at once.
    valid = data is not None and all([form.is_valid(), formset.is_valid()])
    if valid and form.save_unless_conflict():
        messages.success(
            request, _("Ärendet är registrerat.") if creating else _("Ändringarna är sparade.")
        )
        return redirect(form.instance)
    context = {
        "form": form,
        "formset": formset,
        # As stored: a refused form has set what was typed on `case`.
        "case": (as_stored(case) if data is not None else case) if not creating else None,
        "municipality": case.municipality,
        "partnership": partnership_of(request.user, case.municipality_id),
    }
    return render(request, "council/case_form.html", context)


@login_required
def case_create(request: HttpRequest, municipality_pk: int) -> HttpResponse:
    municipality, _access = get_municipality_for_user(request.user, municipality_pk, require_editor)
    return edit_case(request, CouncilCase(municipality=municipality))


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case, _access = get_case_for_user(request.user, pk, require_editor)
    return edit_case(request, case)


@login_required
def case_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Only a case with no minutes paragraphs and no cover memo can be deleted."""
    case, _access = get_case_for_user(request.user, pk, require_editor)
    if case.paragraphs.exists() or memo_of(case) is not None:
        messages.error(
            request,
            _(
                "Ärendet kan inte tas bort så länge det har protokollsparagrafer eller ett missiv. "
                "Ta bort dem först."
            ),
        )
        return redirect(case)
    partnership = partnership_of(request.user, case.municipality_id)
    if request.method == "POST":
        try:
            with transaction.atomic():
                case.delete()
        except ProtectedError:
            messages.error(request, _("Ärendet kan inte tas bort: något hänvisar till det."))
            return redirect(case)
        messages.success(
            request, _("Ärendet Dnr %(dnr)s är borttaget.") % {"dnr": case.diary_number}
        )
        return redirect(partnership or "home")
    return render(
        request,
        "confirm_delete.html",
        {
            "parent": case,
            "partnership": partnership,
            "cancel_url": case.get_absolute_url(),
            "what": _("ärendet Dnr %(dnr)s") % {"dnr": case.diary_number},
            "consequence": _(
                "Ärendet och dess beslutsunderlag tas bort. De finns kvar i historiken."
            ),
        },
    )


# Minutes paragraphs -------------------------------------------------------------


def case_as_parent(user, pk: int, need):
    """A paragraph is registered under the case; its page is the case's."""
    case, access = get_case_for_user(user, pk, need)
    return case, with_partnership(user, case), access


def paragraph_with_case(user, pk: int, need):
    """A paragraph to change: never one whose minutes are adjusted."""
    paragraph, case, access = get_paragraph_for_user(user, pk, need)
    if paragraph.is_adjusted:
        raise AdjustedMinutes(paragraph)
    return paragraph, with_partnership(user, case), access


def show_paragraph_form(request: HttpRequest, case, access, *, form, row, **_editing):
    context = {"form": form, "case": case, "paragraph": row}
    return render(request, "council/paragraph_form.html", context)


def paragraph_label(paragraph: MinutesParagraph) -> str:
    return _("§ %(number)s %(body)s") % {
        "number": paragraph.number,
        "body": paragraph.get_body_display().lower(),
    }


def after_paragraph(request: HttpRequest, case, access, paragraph, action: str) -> HttpResponse:
    if action == "deleted":
        label = paragraph_label(paragraph)
        messages.success(request, _("%(paragraph)s är borttagen.") % {"paragraph": label})
        return redirect(case)
    if action == "created":
        done = _("§ %(number)s är registrerad.")
    else:
        done = _("§ %(number)s är sparad.")
    messages.success(request, done % {"number": paragraph.number})
    return redirect(f"{case.get_absolute_url()}#paragraf-{paragraph.pk}")


# A case is a record, not a signed document: its coordinator may change it at any time.
PARAGRAPH = RowKind(
    name="paragraph",
    model=MinutesParagraph,
    form=ParagraphForm,
    parent_field="case",
    get_parent=case_as_parent,
    get_row=paragraph_with_case,
    show_form=show_paragraph_form,
    done=after_paragraph,
    confirm_delete=lambda paragraph: (
        paragraph_label(paragraph),
        _("Paragrafen och dess mottagare tas bort. De finns kvar i historiken."),
    ),
    need=require_editor,
    ordered=False,
)


@login_required
def paragraph_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    """The registrar records the meeting, the adjustment and the extract's certification."""
    paragraph, case, _access = paragraph_with_case(request.user, pk, require_registrar)
    person = getattr(request.user, "person", None)
    initial = {
        "certified_by": person.name if person else request.user.get_username(),
        "certified_on": timezone.localdate(),
    }
    form = AdjustmentForm(request.POST or None, instance=paragraph, initial=initial)
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        messages.success(
            request,
            _("%(paragraph)s är justerad och kan inte längre ändras.")
            % {"paragraph": paragraph_label(paragraph)},
        )
        return redirect(f"{case.get_absolute_url()}#paragraf-{paragraph.pk}")
    context = {"form": form, "case": case, "paragraph": paragraph}
    return render(request, "council/adjust_form.html", context)


# Recipients ("Beslutet skickas till") ---------------------------------------------
# A paragraph's recipients are edited from the case's page, the memo's from the memo's.


# The recipients of an adjusted paragraph's decision are refused with it.
paragraph_as_parent = paragraph_with_case


def memo_as_parent(user, pk: int, need):
    """A memo's recipients are edited from the memo's page."""
    memo, case, access = get_memo_for_user(user, pk, need)
    memo.partnership = with_partnership(user, case).partnership
    return memo, memo, access


def recipient_getter(parent_field: str, get_parent):
    """The recipient, found only under the kind of parent its address names."""

    def get_recipient(user, pk: int, need):
        recipient = get_object_or_404(Recipient, pk=pk, **{f"{parent_field}__isnull": False})
        parent, page, access = get_parent(user, getattr(recipient, f"{parent_field}_id"), need)
        setattr(recipient, parent_field, parent)
        return recipient, page, access

    return get_recipient


def recipients_place(recipient: Recipient) -> str:
    if recipient.paragraph_id:
        return _("beslutet i § %(number)s") % {"number": recipient.paragraph.number}
    return _("missivet")


def recipients_anchor(recipient: Recipient) -> str:
    if recipient.paragraph_id:
        return f"paragraf-{recipient.paragraph_id}-mottagare"
    return "mottagare"


def show_recipient_form(request: HttpRequest, page, access, *, form, row, **_editing):
    recipient = form.instance
    context = {
        "form": form,
        "recipient": row,
        "page": page,
        "case": recipient.memo.case if recipient.memo_id else page,
        "place": recipients_place(recipient),
        "anchor": recipients_anchor(recipient),
    }
    return render(request, "council/recipient_form.html", context)


def after_recipient(request: HttpRequest, page, access, recipient, action: str) -> HttpResponse:
    said = {
        "created": _("”%(name)s” är tillagd bland mottagarna."),
        "changed": _("Mottagaren ”%(name)s” är sparad."),
        "deleted": _("”%(name)s” är borttagen ur mottagarna."),
    }
    if action in said:
        messages.success(request, said[action] % {"name": recipient.name})
    return redirect(f"{page.get_absolute_url()}#{recipients_anchor(recipient)}")


def recipient_kind(name: str, parent_field: str, get_parent) -> RowKind:
    return RowKind(
        name=name,
        model=Recipient,
        form=RecipientForm,
        parent_field=parent_field,
        get_parent=get_parent,
        get_row=recipient_getter(parent_field, get_parent),
        show_form=show_recipient_form,
        done=after_recipient,
        confirm_delete=lambda recipient: (
            _("mottagaren ”%(name)s” i %(place)s")
            % {"name": recipient.name, "place": recipients_place(recipient)},
            _("Mottagaren tas bort ur sändlistan. Den finns kvar i historiken."),
        ),
        need=require_editor,
    )


PARAGRAPH_RECIPIENT = recipient_kind("paragraph-recipient", "paragraph", paragraph_as_parent)
MEMO_RECIPIENT = recipient_kind("memo-recipient", "memo", memo_as_parent)


# The cover memo ----------------------------------------------------------------


@login_required
def memo_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case, access = get_case_for_user(request.user, pk)
    memo = memo_of(case)
    context: dict[str, Any] = {
        "case": with_partnership(request.user, case),
        "memo": memo,
        "officer": case.case_officer,
        "can_edit": access.edit,
    }
    if memo is not None:
        context["basis"] = decision_basis(case)
        context["recipients"] = list(memo.recipients.order_by("position"))
        context["signatures"] = list(memo.signatures.order_by("position"))
    return render(request, "council/memo_detail.html", context)


@login_required
def memo_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Write the case's cover memo, or change it."""
    case, _access = get_case_for_user(request.user, pk, require_editor)
    memo = memo_of(case)
    creating = memo is None
    initial: dict[str, Any] = {}
    if memo is None:
        memo = CoverMemo(case=case)
        initial["date"] = timezone.localdate()
        if case.case_officer:
            initial["signers"] = str(case.case_officer)
    memo.case = case
    form = MemoForm(request.POST or None, instance=memo, initial=initial)
    if request.method == "POST" and form.is_valid() and form.save_unless_conflict():
        messages.success(
            request, _("Missivet är skrivet.") if creating else _("Ändringarna är sparade.")
        )
        return redirect(form.instance)
    context = {
        "form": form,
        "case": with_partnership(request.user, case),
        "memo": None if creating else memo,
    }
    return render(request, "council/memo_form.html", context)


# History -----------------------------------------------------------------------


def case_history_parts(case: CouncilCase) -> list[Part]:
    """Every change to the case, its decision basis, paragraphs, memo, recipients and signers."""
    paragraph_records = MinutesParagraph.history.filter(case_id=case.pk)
    # The latest number of every paragraph the case has had, to name its recipients by.
    paragraph_numbers = dict(paragraph_records.order_by("history_date").values_list("id", "number"))
    memo_records = CoverMemo.history.filter(case_id=case.pk)
    memo_ids = list(memo_records.order_by().values_list("id", flat=True).distinct())
    memo_type = ContentType.objects.get_for_model(CoverMemo)

    def recipient_name(record) -> str:
        if record.paragraph_id:
            where = _("§ %s") % paragraph_numbers.get(record.paragraph_id, "?")
        else:
            where = _("missivet")
        return _("i %(where)s: %(name)s") % {"where": where, "name": record.name}

    return [
        Part(CouncilCase, CouncilCase.history.filter(id=case.pk), lambda r: "", definite=True),
        Part(
            DecisionBasis,
            DecisionBasis.history.filter(case_id=case.pk),
            lambda r: f"”{r.title}”",
        ),
        Part(
            MinutesParagraph,
            paragraph_records,
            lambda r: (
                _("§ %(number)s %(body)s")
                % {"number": r.number, "body": r.get_body_display().lower()}
            ),
        ),
        Part(CoverMemo, memo_records, lambda r: "", definite=True),
        Part(
            Recipient,
            Recipient.history.filter(
                Q(paragraph_id__in=list(paragraph_numbers)) | Q(memo_id__in=memo_ids)
            ),
            recipient_name,
            separator=" ",
        ),
        Part(
            Signature,
            Signature.history.filter(content_type_id=memo_type.pk, object_id__in=memo_ids),
            lambda r: r.name,
            {"+": ADDED, "~": CHANGED, "-": DELETED},
            kind="underskrift",
            phrase=lambda r, done: (
                _("Underskrift av %(name)s på missivet %(done)s") % {"name": r.name, "done": done}
            ),
        ),
    ]


@login_required
def case_history(request: HttpRequest, pk: int) -> HttpResponse:
    case, _access = get_case_for_user(request.user, pk)
    return render_history(
        request,
        with_partnership(request.user, case),
        case_history_parts(case),
        reverse("council:as_of", args=[case.pk]),
    )


@login_required
def case_as_of(request: HttpRequest, pk: int) -> HttpResponse:
    """The case and its paragraphs, read-only, as they were at the moment given in ?tid=."""
    case, _access = get_case_for_user(request.user, pk)
    try:
        moment = moment_from(request)
    except InvalidMoment as error:
        return invalid_moment(request, error)
    old_case = document_as_of(case, moment)
    basis = list(DecisionBasis.history.as_of(moment).filter(case_id=pk).order_by("position"))
    for line in basis:
        line.url = document_url(line)
    paragraphs = list(
        MinutesParagraph.history.as_of(moment).filter(case_id=pk).order_by(*PARAGRAPH_ORDER)
    )
    recipients: dict[int, list[Recipient]] = {}
    for recipient in (
        Recipient.history.as_of(moment)
        .filter(paragraph_id__in=[p.pk for p in paragraphs])
        .order_by("position")
    ):
        recipients.setdefault(recipient.paragraph_id, []).append(recipient)
    for paragraph in paragraphs:
        paragraph.recipient_list = recipients.get(paragraph.pk, [])
        paragraph.case_then, paragraph.basis_then = old_case, basis
    old_case.municipality = case.municipality
    old_case.partnership = partnership_of(request.user, case.municipality_id)
    context = {
        "case": old_case,
        "officer": old_case.case_officer,
        "basis": basis,
        "paragraphs": paragraphs,
        "as_of": moment,
    }
    return render(request, TEMPLATE, context)
