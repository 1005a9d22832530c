"""Internal marks: what a coordinator has said must never be shown to the public.

A mark lies beside the row it marks (a measure, a tertial comment, a pledge report's
"done" text, an annual follow-up's notes) rather than in it. Those rows belong to signed
documents or finalised reports, which models and SQL triggers keep from changing
(safety_partnership/freezing.py, triggers.py, pledges.models.ReportRow); a flag on the
row itself would need a hole in those guards, and marking something internal would then
change what was signed. A mark here changes nothing signed, names who marked and when,
and its history shows every mark ever set or lifted.
"""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# A mark on the whole row (a measure) rather than on one of its fields.
WHOLE_ROW = ""


class InternalMark(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    row = GenericForeignKey("content_type", "object_id")
    field = models.CharField(_("fält"), max_length=50, blank=True, default=WHOLE_ROW)
    marked_by = models.ForeignKey(
        "safety_partnership.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("markerad av"),
    )
    marked_at = models.DateTimeField(_("markerad"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("intern markering")
        verbose_name_plural = _("interna markeringar")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field"], name="internal_mark_once"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} {self.field}".strip()
