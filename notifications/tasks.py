"""Functions the task queue's worker runs (django-q2 calls them by their dotted path)."""

from notifications import mail


def mail_send(pk):
    """Send one stored mail (enqueued when it was stored, and again by each retry)."""
    return mail.mail_send(pk)


def mails_send_due():
    """The sweeper: every waiting mail whose time has come (scheduled every few minutes)."""
    return mail.mails_send_due()
