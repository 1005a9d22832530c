from django.db import models
from simple_history.models import HistoricalRecords, HistoricForeignKey

from safety_partnership.models import CONTENT_FORM, Document, DocumentRow, Partnership
from safety_partnership.models.documents import GuardedHistoryQuerySet, content_of


class SafetyWalkReport(Document):
    """The report of a safety walk (trygghetsvandring), signed by both parties."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="safety_walk_reports"
    )
    route = models.TextField("sträcka", blank=True)

    class Meta(Document.Meta):
        verbose_name = "trygghetsvandringsrapport"

    def content_tree(self, form: int = CONTENT_FORM) -> dict:
        observations = self.observations.order_by("position")
        return {
            **super().content_tree(form),
            "observations": [content_of(o, form) for o in observations],
        }


class Observation(DocumentRow):
    report = HistoricForeignKey(
        SafetyWalkReport, on_delete=models.CASCADE, related_name="observations"
    )
    position = models.PositiveSmallIntegerField()
    text = models.TextField("iakttagelse")
    history = HistoricalRecords(historical_queryset=GuardedHistoryQuerySet)
    status_lookup = "report__status"

    class Meta:
        ordering = ["report", "position"]
        verbose_name = "iakttagelse"

    def __str__(self) -> str:
        return self.text

    def document_of_row(self):
        return self.report
