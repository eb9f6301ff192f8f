from django.core.management.base import BaseCommand, CommandError

from notifications.mail import address_ok, test_mail_send


class Command(BaseCommand):
    help = "Queue a test mail to the given address; the worker (manage.py qcluster) sends it with the SMTP settings."

    def add_arguments(self, parser):
        parser.add_argument("address")

    def handle(self, *args, address, **options):
        if not address_ok(address):
            raise CommandError(f"Not an e-mail address: {address!r}")
        mail = test_mail_send(to=address)
        self.stdout.write(
            f"Queued as mail {mail.pk}. It goes out when the worker runs; see its status in the admin "
            "(Notifications → Outgoing mails)."
        )
