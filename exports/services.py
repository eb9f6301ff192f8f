"""Exports made by the task worker: queue one, make it (streamed into a temporary file, then media storage), tell
the person, and delete what is older than EXPORT_KEEP_DAYS days."""

import logging
import tempfile

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from actionplans.reports import report_may_export, report_write
from core.exports import admin_export_write
from exports.events import EXPORT_FAILED, EXPORT_READY
from exports.models import ExportJob
from notifications.services import notify

logger = logging.getLogger("exports")

TASK = "exports.tasks.export_run"


def export_queue(*, user, title, filename, spec):
    """Record an export for ``user`` and hand it to the task worker once the request's transaction commits."""
    job = ExportJob.objects.create(
        user=user, title=title[:200], filename=filename[:200], file_format=spec["format"], spec=spec
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(pk):
    from django_q.tasks import async_task

    # Its own time limit: a large workbook takes minutes, longer than a mail may (Q_TIMEOUT).
    async_task(TASK, str(pk), task_name=f"export {pk}", group="exports", timeout=settings.EXPORT_TIMEOUT)


def export_queue_from_request(*, request, title, filename, spec):
    """Queue a large export asked for on a back-office page and send the person to "My exports"."""
    spec = {**spec, "language": translation.get_language() or settings.LANGUAGE_CODE}
    export_queue(user=request.user, title=title, filename=filename, spec=spec)
    messages.info(
        request,
        _(
            "“%(title)s” has more than %(rows)s rows, so it is being made in the background. You will be notified "
            "when it is ready; it is listed here."
        )
        % {"title": title, "rows": settings.EXPORT_BACKGROUND_ROWS},
    )
    return redirect("exports:list")


def _write(job, out):
    """Write the job's rows into ``out``; PermissionDenied when the person may no longer export them."""
    spec = job.spec
    if spec["source"] == "admin":
        return admin_export_write(spec=spec, user=job.user, out=out)
    if not (job.user.is_active and job.user.is_staff and report_may_export(job.user, spec["name"])):
        raise PermissionDenied
    return report_write(
        name=spec["name"],
        file_format=spec["format"],
        out=out,
        year=spec.get("year"),
        statuses=spec.get("statuses"),
        filters=spec.get("filters"),
    )


def export_run(*, pk):
    """Make one queued export (once: the job is claimed with one guarded UPDATE) and notify the person."""
    if not ExportJob.objects.filter(pk=pk, status=ExportJob.Status.QUEUED).update(status=ExportJob.Status.RUNNING):
        return None  # made (or being made) already: a task delivered twice does nothing
    job = ExportJob.objects.select_related("user").get(pk=pk)
    try:
        language = job.spec.get("language") or settings.LANGUAGE_CODE
        with translation.override(language), tempfile.TemporaryFile() as out:
            job.rows = _write(job, out)
            out.seek(0)
            job.file.name = default_storage.save(f"exports/{job.pk}/{job.filename}", File(out, name=job.filename))
        job.size = job.file.size
        job.status = ExportJob.Status.READY
    except Exception as error:
        logger.exception("export %s failed", pk)
        job.status, job.error = ExportJob.Status.FAILED, f"{type(error).__name__}: {error}"[:2000]
    job.finished_at = timezone.now()
    job.save()
    _tell(job)
    return job.status


def _tell(job):
    ready = job.status == ExportJob.Status.READY
    notify(
        recipients=[job.user],
        kind=(EXPORT_READY if ready else EXPORT_FAILED).code,
        key=f"export-{job.status}:{job.pk}",
        link=job.get_absolute_url() if ready else reverse("exports:list"),
        params={"title": job.title, "rows": job.rows or 0, "days": settings.EXPORT_KEEP_DAYS},
        group=gettext("Exports"),
        topic=job.title,
    )


def exports_prune(*, now=None):
    """Delete exports older than EXPORT_KEEP_DAYS days with their files; returns how many went."""
    now = now or timezone.now()
    kept = ExportJob.objects.kept(now).values("pk")
    count = 0
    for job in ExportJob.objects.exclude(pk__in=kept).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count
