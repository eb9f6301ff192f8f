"""Writes of organizations' data that the pages, the back office and a future API share."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import stamps
from organizations.models import HeadcountSnapshot, Level


def headcount_snapshots_add(*, organization, as_of, levels, source=""):
    """Record one date's headcount, ``levels`` = {level: (women, men, not stated)}: every level or none.

    ValidationError (on ``as_of``) when a level already has a snapshot on that date, also when someone
    saved it a moment ago. Returns the new snapshots.
    """
    rows = [
        HeadcountSnapshot(
            organization=organization,
            as_of=as_of,
            level=level,
            women=women,
            men=men,
            not_stated=not_stated,
            source=source,
        )
        for level, (women, men, not_stated) in levels.items()
    ]
    for row in rows:
        # Field checks only (counts, level, lengths): no query per row; the date rule follows.
        row.full_clean(exclude=["organization"], validate_unique=False, validate_constraints=False)
    taken = HeadcountSnapshot.objects.levels_taken(organization=organization, as_of=as_of, levels=levels)
    if taken:
        labels = dict(Level.choices)
        raise ValidationError({"as_of": [HeadcountSnapshot.LEVEL_TAKEN % {"level": labels[level]} for level in taken]})
    try:
        with transaction.atomic():
            HeadcountSnapshot.objects.bulk_create(rows)
            stamps.renew_for(HeadcountSnapshot)  # bulk_create sends no signal
    except IntegrityError:
        # Someone saved the same date and level a moment ago.
        raise ValidationError(
            {"as_of": _("Some levels already have a snapshot on this date. Reload the profile.")}
        ) from None
    return rows
