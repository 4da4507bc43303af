"""Editors' identity decisions: surname link suggestions, split, "not a person" / "not an
organisation". The work is in entities.identity; this module declares forms and pages."""
from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path

from articles.entities import identity
from articles.ids import MAX_ID
from articles.models import Organisation, Person, PersonLink, RejectedName

from .common import admin_url


@admin.register(PersonLink)
class PersonLinkAdmin(admin.ModelAdmin):
    """Surnames used alone, and the full-name person each may be: low-confidence links wait here."""

    list_display = ["short_name", "candidate", "confidence", "reason", "status", "person"]
    list_filter = ["status"]
    search_fields = ["short_name", "candidate__name"]
    list_select_related = ["candidate", "person"]
    readonly_fields = ["short_name", "short_key", "person", "candidate", "confidence", "reason", "status",
                       "decided_by", "created_at"]
    actions = ["accept", "reject"]

    def has_add_permission(self, request):
        return False

    def has_accept_permission(self, request) -> bool:
        # Accepting merges the surname-only record into the candidate: the merge permission too.
        return self.has_change_permission(request) and request.user.has_perm("articles.merge_person")

    @admin.action(description="Accept: the surname names this person (merge)", permissions=["accept"])
    def accept(self, request, queryset):
        for link in queryset.filter(status=PersonLink.Status.SUGGESTED).select_related("person", "candidate"):
            identity.accept_link(link, request.user)
        self.message_user(request, "Linked.", messages.SUCCESS)

    @admin.action(description="Reject: not this person (never link them)", permissions=["change"])
    def reject(self, request, queryset):
        for link in queryset.exclude(status=PersonLink.Status.REJECTED):
            identity.reject_link(link, request.user)
        self.message_user(request, "Rejected.", messages.SUCCESS)


def _id_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=1, max_value=MAX_ID)


class SplitForm(forms.Form):
    aliases = forms.ModelMultipleChoiceField(queryset=None, widget=forms.CheckboxSelectMultiple,
                                             help_text="These names, and the claims made under them, move.")
    target = _id_field("Move to person (id)")
    new_name = forms.CharField(required=False, max_length=200, help_text="Or a new person with this name.")

    def __init__(self, person: Person, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aliases"].queryset = person.aliases.all()

    def clean_target(self):
        pk = self.cleaned_data.get("target")
        if pk is None:
            return None
        person = Person.objects.filter(pk=pk).first()
        if person is None:
            raise forms.ValidationError("No person has this id.")
        return person


class NotAForm(forms.Form):
    replacement_person = _id_field("Its claims are by this person (id)")
    replacement_organisation = _id_field("or by this organisation (id)")

    def clean(self):
        data = super().clean()
        p, o = data.get("replacement_person"), data.get("replacement_organisation")
        if p and o:
            raise forms.ValidationError("Name a person or an organisation, not both.")
        data["replacement_person"] = Person.objects.filter(pk=p).first() if p else None
        data["replacement_organisation"] = Organisation.objects.filter(pk=o).first() if o else None
        if (p and data["replacement_person"] is None) or (o and data["replacement_organisation"] is None):
            raise forms.ValidationError("No record has this id.")
        return data


def not_a_action(model):
    """ "Not a person…" / "Not an organisation…" for the selected records at once: a confirmation
    page naming them (and the claims each has), an optional replacement, then the identity service
    (entities.identity.not_people / not_organisations), which remembers every name for later imports
    as the single-record page does."""
    what = "person" if model is Person else "organisation"

    def action(modeladmin, request, queryset):
        if not request.user.has_perm(modeladmin.merge_permission):
            modeladmin.message_user(request, "You may not change identities.", messages.ERROR)
            return None
        records = list(queryset.annotate(n=Count("claims", distinct=True)).order_by("name"))
        form = NotAForm(request.POST if request.POST.get("confirm") == "yes" else None)
        if form.is_bound and form.is_valid():
            fn = identity.not_people if model is Person else identity.not_organisations
            try:
                n = fn(records, request.user, form.cleaned_data["replacement_person"],
                       form.cleaned_data["replacement_organisation"])
            except identity.IdentityError as e:
                form.add_error(None, str(e))
            else:
                modeladmin.message_user(request, f"{len(records)} record(s) removed as not a {what} "
                                        f"({', '.join(r.name for r in records)}); {n} claims re-pointed. "
                                        "Later imports map these names the same way.", messages.SUCCESS)
                return None
        return TemplateResponse(request, "admin/articles/not_a.html", {
            **modeladmin.admin_site.each_context(request), "title": f"Not a {what}: {len(records)} record(s)",
            "what": what, "records": records, "form": form, "opts": model._meta,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME, "action": request.POST.get("action")})

    action.short_description = f"Not a {what}… (selected records)"
    action.__name__ = "not_a_selected"
    action.allowed_permissions = ("merge",)  # offered only to those who may (EntityAdmin.has_merge_permission)
    return action


class IdentityToolsMixin:
    """Split and "not a person/organisation" pages for an entity admin (needs the merge permission)."""

    merge_permission = ""

    def get_urls(self):
        name = self.model._meta.model_name
        return [path("<int:pk>/split/", self.admin_site.admin_view(self.split_view), name=f"articles_{name}_split"),
                path("<int:pk>/reject/", self.admin_site.admin_view(self.reject_view), name=f"articles_{name}_reject"),
                *super().get_urls()]

    def _page(self, request, obj, form, title, intro, submit):
        return TemplateResponse(request, "admin/articles/identity_form.html", {
            **self.admin_site.each_context(request), "title": title, "intro": intro, "form": form,
            "submit": submit, "back": admin_url(obj), "opts": self.model._meta, "original": obj})

    def _allowed(self, request, obj) -> bool:
        if request.user.has_perm(self.merge_permission):
            return True
        self.message_user(request, "You may not change identities.", messages.ERROR)
        return False

    def split_view(self, request, pk):
        obj = get_object_or_404(self.model, pk=pk)
        if self.model is not Person or not self._allowed(request, obj):
            return HttpResponseRedirect(admin_url(obj))
        form = SplitForm(obj, request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                target = identity.split_person(obj, list(form.cleaned_data["aliases"]), request.user,
                                               form.cleaned_data["target"], form.cleaned_data["new_name"])
            except identity.IdentityError as e:
                form.add_error(None, str(e))
            else:
                self.message_user(request, f"Split off to {target.name}.", messages.SUCCESS)
                return HttpResponseRedirect(admin_url(target))
        return self._page(request, obj, form, f"Split {obj.name}",
                          "Move the chosen names, and the claims made under them, to another or a new person. "
                          "Later imports follow the names.", "Split")

    def reject_view(self, request, pk):
        obj = get_object_or_404(self.model, pk=pk)
        if not self._allowed(request, obj):
            return HttpResponseRedirect(admin_url(obj))
        form = NotAForm(request.POST if request.method == "POST" else None)
        what = "person" if self.model is Person else "organisation"
        if request.method == "POST" and form.is_valid():
            fn = identity.not_a_person if self.model is Person else identity.not_an_organisation
            try:
                n = fn(obj, request.user, form.cleaned_data["replacement_person"],
                       form.cleaned_data["replacement_organisation"])
            except identity.IdentityError as e:
                form.add_error(None, str(e))
            else:
                self.message_user(request, f"{obj.name} removed as not a {what}; {n} claims re-pointed. "
                                  "Later imports map the name the same way.", messages.SUCCESS)
                return HttpResponseRedirect("../../")
        published = "" if self.model is Person else (
            " Articles it published name the organisation you name as their publisher (or none).")
        return self._page(request, obj, form, f"{obj.name} is not a {what}",
                          "The record goes; its claims point at the record you name (or at none), and later "
                          f"imports map this name the same way.{published}", f"Not a {what}")


@admin.register(RejectedName)
class RejectedNameAdmin(admin.ModelAdmin):
    """Names editors ruled out; deleting a row lets later imports treat the name afresh."""

    list_display = ["name", "kind", "key", "replacement_person", "replacement_organisation", "decided_by", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "key"]
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False
