from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from core.exports import CONTENT_TYPES
from exports.models import ExportJob


@login_required
def export_list(request):
    """The person's exports of the last EXPORT_KEEP_DAYS days, newest first, with their download links."""
    jobs = ExportJob.objects.for_user(request.user).kept()[:100]
    return render(request, "exports/export_list.html", {"jobs": jobs, "keep_days": settings.EXPORT_KEEP_DAYS})


@login_required
def export_download(request, pk):
    """The file, to the person who asked for it only (anyone else, or after EXPORT_KEEP_DAYS days: 404)."""
    job = get_object_or_404(ExportJob.objects.for_user(request.user).kept(), pk=pk, status=ExportJob.Status.READY)
    try:
        handle = job.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    content_type = CONTENT_TYPES.get(job.file_format)
    response = FileResponse(handle, as_attachment=True, filename=job.filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response
