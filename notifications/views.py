from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.kept import kept_page
from notifications.forms import DeliveryForm
from notifications.mail import address_ok
from notifications.models import Notification
from notifications.selectors import NOTIFICATION_PAGES_STAMP, notifications_page
from notifications.services import delivery_of, delivery_set, notifications_read

PER_PAGE = 50


@login_required
@kept_page(NOTIFICATION_PAGES_STAMP)
def notification_list(request):
    """The person's notifications, newest first; unread ones stand out."""
    only_unread = request.GET.get("show") == "unread"
    page = Paginator(notifications_page(user=request.user, only_unread=only_unread), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"page_obj": page, "only_unread": only_unread, "has_email": address_ok(request.user.email)}
    return render(request, "notifications/notification_list.html", context)


@require_POST
@login_required
def notification_open(request, pk):
    """Mark one notification read and go to its page (a POST: reading changes state)."""
    notification = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    notifications_read(user=request.user, pks=[notification.pk])
    if not url_has_allowed_host_and_scheme(notification.link, allowed_hosts={request.get_host()}):
        return redirect("notifications:list")
    return redirect(notification.link)


@require_POST
@login_required
def notifications_read_all(request):
    count = notifications_read(user=request.user)
    messages.success(request, _("All notifications are marked read (%(count)s).") % {"count": count})
    return redirect("notifications:list")


@login_required
def delivery_settings(request):
    """How the person hears of events by mail: every event, a daily or weekly digest, or not at all."""
    form = DeliveryForm(request.POST or None, initial={"delivery": delivery_of(request.user)})
    if request.method == "POST" and form.is_valid():
        delivery_set(user=request.user, delivery=form.cleaned_data["delivery"])
        messages.success(request, _("Your notification settings were saved."))
        return redirect("notifications:settings")
    context = {"form": form, "has_email": address_ok(request.user.email)}
    return render(request, "notifications/delivery_settings.html", context)
