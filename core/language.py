"""The page language: chosen in the header, remembered on the person's profile, applied on every browser.

Anonymous visitors follow Django's LocaleMiddleware (the language cookie, then Accept-Language). A signed-in
person with a saved language (``User.language``) sees that language whatever the browser says, and the cookie
is brought in line, so the choice follows them to a new browser as soon as they sign in there.
"""

from django.conf import settings
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


def profile_language(user):
    """The language saved on this person's profile, or "" (follow the browser) for anonymous visitors."""
    if user is None or not user.is_authenticated:
        return ""
    language = getattr(user, "language", "")
    return language if language in dict(settings.LANGUAGES) else ""


@require_POST
def set_language(request):
    """Django's set_language (cookie, redirect to ``next``), and the choice saved on the profile."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        # Django accepts any language it has a catalog for (e.g. "de"); this site offers only LANGUAGES.
        response.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    elif request.user.is_authenticated:
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


class UserLanguageMiddleware:
    """A signed-in person's saved language wins over the cookie and Accept-Language; the cookie follows it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = profile_language(getattr(request, "user", None))
        if language and language != getattr(request, "LANGUAGE_CODE", None):
            translation.activate(language)
            request.LANGUAGE_CODE = language
        response = self.get_response(request)
        # Read again: signing in happens inside the view, and request.user is then the person just signed in.
        language = profile_language(getattr(request, "user", None))
        if language and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def document_language(request):
    """The language of a printed document: ``?language=`` when it is one of the site's (the plan page links to
    the organization's working language), else the person's own."""
    asked = request.GET.get("language", "")
    if asked in dict(settings.LANGUAGES):
        return asked
    return translation.get_language()
