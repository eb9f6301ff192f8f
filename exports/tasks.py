"""Functions the task queue's worker runs (django-q2 calls them by their dotted path)."""

from exports import services


def export_run(pk):
    """Make one queued export."""
    return services.export_run(pk=pk)


def exports_prune():
    """Delete exports older than EXPORT_KEEP_DAYS days and their files (scheduled daily)."""
    return services.exports_prune()
