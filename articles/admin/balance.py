"""The balance view of the desk: published checks by speaker, organisation or party and verdict,
month by month, as a page and as CSV. The counting is selectors.balance's; this is the page."""
from __future__ import annotations

from django import forms
from django.http import StreamingHttpResponse
from django.template.response import TemplateResponse

from articles.models import Claim
from articles.selectors import balance
from articles.services import export


class BalanceForm(forms.Form):
    group = forms.ChoiceField(choices=list(balance.GROUPS.items()), required=False, initial="speaker",
                              label="By")
    date_from = forms.DateField(required=False, label="Checks published from",
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="to", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError("The first date comes after the second.")
        return data


def balance_view(site, request):
    form = BalanceForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    b = balance.balance(data.get("group") or "speaker", data.get("date_from"), data.get("date_to")) if valid else None
    if b is not None and request.GET.get("format") == "csv":
        response = StreamingHttpResponse(export.balance_csv(b), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="balance-by-{b.group}.csv"'
        return response
    query = request.GET.copy()
    query["format"] = "csv"
    return TemplateResponse(request, "admin/balance.html", {
        **site.each_context(request), "title": "Balance of published checks", "form": form, "balance": b,
        "verdict_labels": Claim.Verdict.choices, "csv_query": query.urlencode(),
        "group_label": balance.GROUPS[b.group] if b else ""})
