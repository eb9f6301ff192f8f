"""Wiring-level middleware."""

from config.views import healthz


class HealthCheckMiddleware:
    """Answers /healthz before the session and the signed-in person are read from the database.

    During a database outage a probe that sends a session cookie would otherwise fail in those middlewares
    with a 500 instead of the 503 the load balancer and monitoring expect.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == "/healthz":
            return healthz(request)
        return self.get_response(request)
