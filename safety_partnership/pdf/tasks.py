"""Background work on PDFs (django-tasks: immediate in development, a database queue and
`manage.py db_worker` in production)."""

from django_tasks import task

from ..kinds import by_slug
from .archive import archive


@task()
def archive_signed_document(kind: str, pk: int) -> None:
    """Render and keep the PDF of a document that has just been signed; a second run keeps
    the first PDF."""
    document_kind = by_slug(kind)
    if document_kind is None:
        raise LookupError(f"No document kind {kind!r}")
    archive(document_kind.model.objects.get(pk=pk))
