"""Sending for signing, signing, returning, revising: the same pages for every kind of document."""

from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import kinds
from ..access import Access, Need, may_change, require_draft, require_editor, require_reader
from ..forms import IdsChoiceField
from ..models import DocumentStatus, Person
from ..observability import log_refused_signing
from ..pdf.archive import archived, intact, signed_paper
from . import confirmation, reading
from . import services as signing
from .models import Signature, SigningEvent


def get_document(request: HttpRequest, kind: str, pk: int, need: Need = require_reader):
    """The document of the address, checked for what the page needs (reader by default)."""
    return kinds.by_slug_or_404(kind).get_for_user(request.user, pk, need)


def signing_context(request: HttpRequest, document, access: Access) -> dict:
    """What a document page shows of its signing: signatures, the user's turn, the actions."""
    signatures = list(document.signatures.select_related("person").order_by("position"))
    person = getattr(request.user, "person", None)
    pending = next(
        (
            s
            for s in signatures
            if document.status == DocumentStatus.AWAITING_SIGNATURES
            and person is not None
            and s.person_id == person.pk
            and s.signed_at is None
        ),
        None,
    )
    # A draft shows why it was returned, until it is sent again; a document sent or signed
    # without both parties shows the coordinator's reason for that exception.
    events = SigningEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(document), object_id=document.pk
    ).select_related("user")
    returned = exception = None
    if document.is_draft:
        latest = events.first()
        returned = latest if latest and latest.action == SigningEvent.Action.RETURNED else None
    else:
        sending = events.filter(
            action__in=[SigningEvent.Action.SENT, SigningEvent.Action.SIGNED_ON_PAPER]
        ).first()
        exception = sending if sending and sending.override_reason else None
    return {
        "signatures": signatures,
        "my_signature": pending,
        "returned": returned,
        "exception": exception,
        "signed_paper": signed_paper(document) if document.is_frozen else None,
        "can_send": may_change(access, document),
        "can_recall": access.edit and document.status == DocumentStatus.AWAITING_SIGNATURES,
        "can_revise": access.edit and document.status == DocumentStatus.SIGNED,
    }


class SignatoryField(IdsChoiceField):
    """The people who may be asked to sign, each with their title (or role) and party."""

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}, {obj.title or obj.get_role_display()} ({obj.party})"


class SendForm(forms.Form):
    signatories = SignatoryField(
        queryset=None,  # the document's eligible signatories, given in __init__
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Ska skriva under"),
        error_messages={"required": gettext_lazy("Välj minst en person som ska skriva under.")},
    )
    message = forms.CharField(
        label=gettext_lazy("Meddelande till dem som ska skriva under"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    override_reason = forms.CharField(
        label=gettext_lazy("Skäl att inte låta både kommunen och polisen skriva under"),
        help_text=gettext_lazy(
            "Fyll bara i om någon av parterna inte ska skriva under. Skälet sparas och visas "
            "med underskrifterna."
        ),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(SignatoryField, self.fields["signatories"])  # a copy of the one above
        field.queryset = signing.eligible_signatories(document)
        self.initial.setdefault("signatories", list(signing.proposed_signatories(document)))


@login_required
def send(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    document, _access = get_document(request, kind, pk, require_draft)
    form = SendForm(request.POST or None, document=document)
    if request.method == "POST" and form.is_valid():
        try:
            signing.send_for_signing(
                document=document,
                user=request.user,
                signatories=list(form.cleaned_data["signatories"]),
                message=form.cleaned_data["message"],
                override_reason=form.cleaned_data["override_reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Dokumentet är skickat för underskrift."))
            return redirect(document)
    return render(request, "signing/send.html", {"document": document, "form": form})


class SignForm(forms.Form):
    password = forms.CharField(
        label=gettext_lazy("Ditt lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=gettext_lazy("Du bekräftar underskriften med lösenordet du loggar in med."),
    )
    # Asked for where the signatory's organisation requires a second factor (confirmation.py).
    code = forms.CharField(
        label=gettext_lazy("Kod från autentiseringsappen"),
        max_length=10,
        help_text=gettext_lazy("Sex siffror från appen du har kopplat till din inloggning."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, needs_code: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_code:
            del self.fields["code"]


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Varför skickar du tillbaka dokumentet?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@login_required
def sign(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    document, _access = get_document(request, kind, pk)
    if signing.pending_signature(document, request.user) is None:
        refusal = _("Dokumentet väntar inte på din underskrift.")
        if request.method == "POST":
            log_refused_signing(document, request.user, [refusal])
        messages.info(request, refusal)
        return redirect(document)
    # Where her organisation requires a second factor, the form asks for her app's code; without
    # an app the page says to connect one (and signing refuses).
    needs_code = confirmation.needs_second_factor(request.user)
    without_app = needs_code and confirmation.confirmed_device(request.user) is None
    form = SignForm(request.POST or None, needs_code=needs_code and not without_app)
    if request.method == "POST" and form.is_valid():
        try:
            signature = signing.sign(
                document=document,
                user=request.user,
                password=form.cleaned_data["password"],
                code=form.cleaned_data.get("code", ""),
            )
        except ValidationError as error:
            form.add_error(confirmation.field_of(error), error)
        else:
            messages.success(
                request,
                _("Du har skrivit under. Kontrollkod: %(code)s")
                % {"code": signature.verification_code},
            )
            return redirect(document)
    return render(
        request,
        "signing/sign.html",
        {
            "document": document,
            "form": form,
            "return_form": ReturnForm(),
            "content_hash": signing.content_hash(document),
            "document_html": reading.document_html(document, level=2),
            "sent": reading.sent_event(document),
            "since_signed": reading.changes_since_signed(document),
            "without_app": without_app,
        },
    )


@login_required
@require_POST
def return_document(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    document, _access = get_document(request, kind, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            signing.return_to_draft(
                document=document, user=request.user, comment=form.cleaned_data["comment"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Dokumentet är återsänt till samordnaren."))
            return redirect(document)
    else:
        messages.error(request, _("Skriv varför du skickar tillbaka dokumentet."))
    return redirect("signing:sign", kind=kind, pk=pk)


@login_required
@require_POST
def recall(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    document, _access = get_document(request, kind, pk, require_editor)
    try:
        signing.recall(document=document, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Dokumentet är återtaget och är ett utkast igen."))
    return redirect(document)


@login_required
@require_POST
def revise(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    document, _access = get_document(request, kind, pk, require_editor)
    try:
        revision = signing.revise(document=document, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(document)
    messages.success(request, _("Revision %(n)s är skapad som utkast.") % {"n": revision.revision})
    return redirect(revision)


# A scanned signature page is a few megabytes; a book is not.
SCAN_LIMIT = 20 * 1024 * 1024


class PaperForm(forms.Form):
    signatories = SignatoryField(
        queryset=None,  # the document's eligible signatories, given in __init__
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Undertecknade papperet"),
        error_messages={"required": gettext_lazy("Välj dem som har skrivit under papperet.")},
    )
    signed_on = forms.DateField(
        label=gettext_lazy("Datum för underskrifterna"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place = forms.CharField(label=gettext_lazy("Ort"), required=False, max_length=100)
    scan = forms.FileField(
        label=gettext_lazy("Det undertecknade papperet, inskannat (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    scan_missing_reason = forms.CharField(
        label=gettext_lazy("Om skanningen saknas: varför"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    override_reason = SendForm.base_fields["override_reason"]

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(SignatoryField, self.fields["signatories"])
        field.queryset = signing.eligible_signatories(document)
        self.initial.setdefault("signatories", list(signing.proposed_signatories(document)))

    def clean_scan(self) -> signing.Scan | None:
        upload = self.cleaned_data["scan"]
        if not upload:
            return None
        if upload.size > SCAN_LIMIT:
            raise ValidationError(_("Filen är större än 20 MB."))
        pdf = upload.read()
        if not pdf.startswith(b"%PDF-"):
            raise ValidationError(_("Filen är ingen PDF. Skanna papperet till PDF."))
        return signing.Scan(pdf=pdf, file_name=upload.name[:200])


@login_required
def record_paper(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The draft was signed on paper: who signed, when and where, and the scan of the paper."""
    document, _access = get_document(request, kind, pk, require_draft)
    form = PaperForm(request.POST or None, request.FILES or None, document=document)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signing.record_paper_signatures(
                document=document,
                user=request.user,
                signed_on=data["signed_on"],
                place=data["place"],
                signatories=list(data["signatories"]),
                scan=data["scan"],
                scan_missing_reason=data["scan_missing_reason"],
                override_reason=data["override_reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Underskrifterna på papper är registrerade."))
            return redirect(document)
    return render(request, "signing/paper.html", {"document": document, "form": form})


def verify(request: HttpRequest) -> HttpResponse:
    """Open to anyone with a code: what was signed, by whom, when, and is it unchanged.

    Look-ups are counted per client address and refused beyond reading.VERIFY_RATES, so
    that the page cannot be used to try codes until one fits; the empty form is free.
    """
    code = request.GET.get("kod", "").strip().upper().replace(" ", "")
    context: dict[str, Any] = {"code": code}
    if code and reading.too_many_lookups(request):
        context["throttled"] = True
        response = render(request, "signing/verify.html", context, status=429)
        response["Retry-After"] = "60"
        return response
    if code:
        signature = (
            Signature.objects.filter(verification_code=code, signed_at__isnull=False)
            .select_related("content_type")
            .first()
        )
        if signature is None:
            context["not_found"] = True
        else:
            document = signature.document
            kept = archived(document)
            context.update(
                signature=signature,
                document=document,
                # Each signature with its role in words.
                all_signatures=[
                    (s, reading.role_label(s.role))
                    for s in document.signatures.order_by("position")
                    if s.is_signed
                ],
                content_matches=signing.content_matches(signature, document),
                document_html=reading.document_html(document, level=4),
                # The archived PDF, once there is one, must still be the bytes that were kept.
                archive_mismatch=kept is not None and not intact(kept),
            )
    return render(
        request, "signing/verify.html", context, status=404 if context.get("not_found") else 200
    )
