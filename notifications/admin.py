from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from notifications.mail import _enqueue_send
from notifications.models import DeliverySetting, Notification, OutgoingMail


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    """Every mail the site sent or is sending: staff see what went out, what waits and why one failed."""

    list_display = ["subject", "to", "status", "attempts", "created_at", "sent_at", "next_attempt_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["subject", "to", "key"]
    list_select_related = ["recipient"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutgoingMail._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Send again now"))
    def send_again(self, request, queryset):
        mails = list(queryset.exclude(status=OutgoingMail.Status.SENT))
        for mail in mails:
            OutgoingMail.objects.filter(pk=mail.pk).update(
                status=OutgoingMail.Status.PENDING, next_attempt_at=timezone.now(), attempts=0
            )
            transaction.on_commit(lambda pk=mail.pk: _enqueue_send(pk))
        self.message_user(
            request,
            ngettext("%(count)s mail queued again.", "%(count)s mails queued again.", len(mails))
            % {"count": len(mails)},
            messages.SUCCESS,
        )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["recipient", "kind", "topic", "group", "mail", "created_at", "read_at"]
    list_filter = ["kind", "mail", "created_at"]
    search_fields = ["recipient__username", "recipient__email", "topic", "group", "key"]
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(DeliverySetting)
class DeliverySettingAdmin(admin.ModelAdmin):
    list_display = ["user", "delivery"]
    list_filter = ["delivery"]
    search_fields = ["user__username", "user__email"]
    list_select_related = ["user"]
