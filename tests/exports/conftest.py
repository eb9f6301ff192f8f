# The real worker process and SMTP server of the notification tests, for the one test that runs an export through them.
from tests.notifications.conftest import smtp_server, worker  # noqa: F401
