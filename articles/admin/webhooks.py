"""Outbound webhooks in the admin: the addresses, the events each hears, and the delivery log."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html

from articles.models import Webhook, WebhookDelivery
from articles.services import webhooks


class WebhookForm(forms.ModelForm):
    url = forms.URLField(label="Address", max_length=1000, assume_scheme="https",
                         widget=forms.URLInput(attrs={"size": 80}))
    events = forms.MultipleChoiceField(choices=Webhook.Event.choices, widget=forms.CheckboxSelectMultiple,
                                       required=False, help_text="What this address is told of.")

    class Meta:
        model = Webhook
        fields = ["name", "url", "events", "slack", "active", "secret"]
        widgets = {"secret": forms.TextInput(attrs={"size": 70})}


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    form = WebhookForm
    list_display = ["name", "url", "active", "slack", "events_display", "deliveries_link"]
    list_filter = ["active"]
    readonly_fields = ["signing"]
    fieldsets = [(None, {"fields": ["name", "url", "events", "slack", "active"]}),
                 ("Signature", {"fields": ["secret", "signing"]})]

    def get_changeform_initial_data(self, request):
        return {"secret": Webhook.new_secret(), **super().get_changeform_initial_data(request)}

    @admin.display(description="events")
    def events_display(self, obj):
        labels = dict(Webhook.Event.choices)
        return "; ".join(labels.get(e, e) for e in obj.events) or "none"

    @admin.display(description="deliveries")
    def deliveries_link(self, obj):
        url = reverse("admin:articles_webhookdelivery_changelist") + f"?webhook__id__exact={obj.pk}"
        return format_html('<a href="{}">{} sent, {} pending, {} failed</a>', url,
                           obj.deliveries.filter(state=WebhookDelivery.State.DELIVERED).count(),
                           obj.deliveries.filter(state=WebhookDelivery.State.PENDING).count(),
                           obj.deliveries.filter(state=WebhookDelivery.State.FAILED).count())

    @admin.display(description="how to check a delivery")
    def signing(self, obj):
        return format_html(
            "Each POST carries <code>{}: sha256=&lt;hex&gt;</code>, the HMAC-SHA256 of the raw body under the "
            "secret, and <code>{}</code> (Unix seconds, also the body's <code>timestamp</code>): compute the "
            "HMAC over the body as received, compare in constant time, and refuse old timestamps.",
            webhooks.SIGNATURE_HEADER, webhooks.TIMESTAMP_HEADER)


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    """The delivery log: every event sent (or being retried) to every webhook."""

    list_display = ["created_at", "event", "webhook", "state", "attempts", "status_code", "next_attempt_at",
                    "error"]
    list_filter = ["state", "event", "webhook"]
    list_select_related = ["webhook"]
    readonly_fields = ["webhook", "event", "payload", "state", "attempts", "status_code", "next_attempt_at", "error",
                       "created_at", "delivered_at"]
    actions = ["send_again"]

    @admin.action(description="Send again now", permissions=["resend"])
    def send_again(self, request, queryset):
        n = webhooks.retry_now(queryset)
        counts = webhooks.deliver_due([d.pk for d in queryset])
        self.message_user(request, f"{n} made due; {counts['delivered']} delivered, {counts['retrying']} to retry, "
                          f"{counts['failed']} given up.", messages.SUCCESS)

    def has_resend_permission(self, request) -> bool:
        return request.user.has_perm("articles.change_webhook")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
