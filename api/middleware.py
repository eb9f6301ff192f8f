from api.services import api_request_log


class ApiRequestLogMiddleware:
    """Log every request that a personal access token authenticated, with the status it got (throttled ones too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        token = getattr(request, "api_token", None)
        if token is not None:
            api_request_log(token=token, request=request, status=response.status_code)
        return response
