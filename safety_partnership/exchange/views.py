"""The import page: the coordinator uploads a file in the exchange format, sees what it will
create (a dry run) and then imports it; any error is shown with the path of the bad field,
and nothing is saved."""

import json
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..access import active_person, get_partnership_for_user
from ..models import Partnership, Role
from ..pdf.base import file_name_of
from ..uploads import EXPIRED, confirmed, forget, keep_for_confirmation
from .export import export_register
from .importing import ImportRefused, import_register

MAX_BYTES = 5 * 1024 * 1024
SESSION_KEY = "exchange_import"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil i registrets utbytesformat (JSON)"),
        help_text=gettext_lazy("Som manage.py export_register skriver den. Högst 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Filen är större än 5 MB."))
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise forms.ValidationError(
                _("Filen kan inte läsas som JSON: %(error)s") % {"error": error}
            ) from None


def importer_scope(user):
    """(may import, only this municipality): a superuser imports anything; a coordinator her
    own municipality's documents; nobody else imports."""
    if user.is_authenticated and user.is_superuser:
        return None
    person = active_person(user)
    if person is None or person.role != Role.COORDINATOR or person.municipality is None:
        raise PermissionDenied(_("Bara kommunens säkerhetssamordnare importerar dokument."))
    return person.municipality


@login_required
def export_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The partnership in the exchange format, for anyone who reads it."""
    partnership, _access = get_partnership_for_user(request.user, pk)
    data = export_register(Partnership.objects.filter(pk=partnership.pk))
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    name = file_name_of([partnership.municipality.name, "Samverkan"], ".json")
    response["Content-Disposition"] = cast(str, content_disposition_header(True, name))
    return response


@login_required
def import_file(request: HttpRequest) -> HttpResponse:
    only = importer_scope(request.user)
    context: dict = {"form": UploadForm()}
    if request.method == "POST" and "token" in request.POST:
        pending = confirmed(request, SESSION_KEY)
        if pending is None:
            messages.error(request, EXPIRED)
            return redirect("exchange:import")
        try:
            summary = import_register(pending["data"], user=request.user, only_municipality=only)
        except ImportRefused as refused:
            context["errors"] = refused.errors
        else:
            forget(request, SESSION_KEY)
            messages.success(
                request,
                _("Importen är klar: %(created)s nya, %(existing)s fanns redan.")
                % {"created": len(summary.created), "existing": len(summary.existing)},
            )
            return redirect("home")
    elif request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            data = form.cleaned_data["file"]
            try:
                summary = import_register(
                    data, user=request.user, only_municipality=only, dry_run=True
                )
            except ImportRefused as refused:
                context["errors"] = refused.errors
            else:
                token = keep_for_confirmation(request, SESSION_KEY, data=data)
                context.update(summary=summary, token=token)
    return render(request, "exchange/import.html", context)
