"""The API tokens page: a person makes, lists and revokes their own personal access tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from api.forms import TokenForm
from api.models import PersonalAccessToken
from api.services import token_create

# The new token goes to the next page in a short-lived signed cookie of this page only: POST-redirect-GET without
# keeping the secret on the server (the session table), and a reload no longer shows it (nor makes another).
NEW_TOKEN_COOKIE = "api_new_token"
NEW_TOKEN_SALT = "api.pages.new-token"
NEW_TOKEN_SECONDS = 120


@never_cache
@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, raw = token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            expires_at=form.expires_at(),
            read_only=form.cleaned_data["read_only"],
        )
        message = _("The token “%(name)s” was made. Copy it now: it is shown only once.")
        messages.success(request, message % {"name": token.name})
        response = redirect("api:tokens")
        response.set_signed_cookie(
            NEW_TOKEN_COOKIE,
            raw,
            salt=NEW_TOKEN_SALT + str(request.user.pk),
            max_age=NEW_TOKEN_SECONDS,
            path=reverse("api:tokens"),
            secure=request.is_secure(),
            httponly=True,
            samesite="Strict",
        )
        return response
    new_token = request.get_signed_cookie(
        NEW_TOKEN_COOKIE, default=None, salt=NEW_TOKEN_SALT + str(request.user.pk), max_age=NEW_TOKEN_SECONDS
    )
    context = {
        "form": form,
        "new_token": new_token,
        "header_example": f"Authorization: Bearer {new_token[:12]}…" if new_token else "",
        "tokens": PersonalAccessToken.objects.for_user(request.user),
    }
    response = render(request, "api/token_list.html", context)
    if NEW_TOKEN_COOKIE in request.COOKIES:
        response.delete_cookie(NEW_TOKEN_COOKIE, path=reverse("api:tokens"), samesite="Strict")
    return response


@require_POST
@login_required
def token_revoke(request, pk):
    token = get_object_or_404(PersonalAccessToken.objects.for_user(request.user), pk=pk)
    token.revoke()
    messages.success(request, _("The token “%(name)s” was revoked; it no longer works.") % {"name": token.name})
    return redirect("api:tokens")
