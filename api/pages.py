"""The API tokens page: a person makes, lists and revokes their own personal access tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from api.forms import TokenForm
from api.models import PersonalAccessToken
from api.services import token_create


@never_cache
@login_required
def token_list(request):
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        token, new_token = token_create(
            user=request.user,
            name=form.cleaned_data["name"],
            expires_at=form.expires_at(),
            read_only=form.cleaned_data["read_only"],
        )
        # Shown in this answer and never again: no redirect, because carrying it to the next page would mean
        # keeping the secret in the session table, and only its hash is to be stored.
        message = _("The token “%(name)s” was made. Copy it now: it is shown only once.")
        messages.success(request, message % {"name": token.name})
        form = TokenForm()
    context = {
        "form": form,
        "new_token": new_token,
        "header_example": f"Authorization: Bearer {new_token[:12]}…" if new_token else "",
        "tokens": PersonalAccessToken.objects.for_user(request.user),
    }
    return render(request, "api/token_list.html", context)


@require_POST
@login_required
def token_revoke(request, pk):
    token = get_object_or_404(PersonalAccessToken.objects.for_user(request.user), pk=pk)
    token.revoke()
    messages.success(request, _("The token “%(name)s” was revoked; it no longer works.") % {"name": token.name})
    return redirect("api:tokens")
