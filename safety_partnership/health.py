"""/halsa/: whether this process can serve the register, for a proxy or a monitor to ask.

JSON, 200 when every check passes and 503 otherwise; no login, no session, nothing cached.
The task worker leaves no heartbeat, so it counts as alive while no queued task has waited
longer than WORKER_GRACE for it: a signing's mail and archived PDF are queued at once.
"""

from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

OK, FAILING, NOT_USED = "ok", "fel", "används inte"
WORKER_GRACE = timedelta(minutes=10)


def database() -> tuple[str, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return FAILING, f"Databasen svarar inte: {error}"
    return OK, "Databasen svarar."


def migrations() -> tuple[str, str]:
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return FAILING, f"Migreringarna kunde inte läsas: {error}"
    if plan:
        names = ", ".join(f"{m.app_label}.{m.name}" for m, _backwards in plan)
        return FAILING, f"{len(plan)} migreringar är inte körda: {names}"
    return OK, "Alla migreringar är körda."


def uses_task_queue() -> bool:
    return settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"


def worker() -> tuple[str, str]:
    if not uses_task_queue():
        return NOT_USED, "Bakgrundsuppgifterna körs direkt i webbprocessen (TASKS_BACKEND)."
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    cutoff = timezone.now() - WORKER_GRACE
    try:
        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).filter(
            Q(run_after=get_date_max(), enqueued_at__lte=cutoff)  # to run at once
            | (Q(run_after__lte=cutoff) & ~Q(run_after=get_date_max()))  # to run later
        )
        count = waiting.count()
        latest = (
            DBTaskResult.objects.filter(finished_at__isnull=False)
            .order_by("-finished_at")
            .values_list("finished_at", flat=True)
            .first()
        )
    except DatabaseError as error:
        return FAILING, f"Kön kunde inte läsas: {error}"
    done = f" Senast klar: {latest.isoformat()}." if latest else ""
    if count:
        return FAILING, (
            f"{count} uppgifter har väntat i kön längre än {WORKER_GRACE.seconds // 60} "
            f"minuter: ingen db_worker tar dem.{done}"
        )
    return OK, f"Ingen uppgift väntar för länge.{done}"


@require_safe
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    checks = {"database": database()}
    if checks["database"][0] == OK:  # the others ask the database too
        checks["migrations"] = migrations()
        checks["worker"] = worker()
    healthy = all(status != FAILING for status, _detail in checks.values())
    return JsonResponse(
        {
            "status": OK if healthy else FAILING,
            "checks": {
                name: {"status": status, "detail": detail}
                for name, (status, detail) in checks.items()
            },
        },
        status=200 if healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )
