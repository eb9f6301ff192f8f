from django.core.mail.backends.base import BaseEmailBackend

from notifications.mail import mail_enqueue


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND for the whole site: every mail is stored and sent by the worker, never in the request.

    Password reset, invitations and notifications all call Django's send_mail as usual and get the queue's
    retries and record for free. The worker delivers through EMAIL_DELIVERY_BACKEND (SMTP in production).
    """

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if mail_enqueue(message=message) is not None:
                count += 1
        return count
