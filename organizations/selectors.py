"""Read-only queries of organizations that pages share."""

from organizations.models import HeadcountSnapshot


def latest_headcounts(*, organization):
    """The organization's most recent snapshot at each level, as {level: snapshot}."""
    latest = {}
    for snapshot in HeadcountSnapshot.objects.filter(organization=organization).order_by("level", "-as_of"):
        latest.setdefault(snapshot.level, snapshot)
    return latest
