"""Form widgets every app's pages use, defined once."""

from django import forms


def date_input():
    """A native date picker; the value in ISO form, as the browser's picker requires."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def small_select():
    """A compact select for filter bars."""
    return forms.Select(attrs={"class": "form-select form-select-sm"})


class AutocompleteSelect(forms.Select):
    """A select for a long list (2,000 organizations, 3,000 trainings) that renders only the chosen option.

    ``static/js/autocomplete.js`` puts a search box before it: typing asks ``url`` (a JSON view answering
    ``?q=`` with ``{"results": [{"id": ..., "text": ...}]}``) and fills the select with the matches, so the
    choice is still made in a native select (keyboard and screen readers as usual). The field's queryset still
    validates what is posted. ``labels`` ({pk as text: label}) lets a formset look up the chosen rows' labels
    in one query for all rows; without it the widget looks up its own choice (one query when one is chosen).
    """

    def __init__(self, *, url, attrs=None, labels=None):
        super().__init__(attrs=attrs)
        self.url = url
        self.labels = labels

    def __deepcopy__(self, memo):
        copied = super().__deepcopy__(memo)
        copied.labels = self.labels
        return copied

    def get_context(self, name, value, attrs):
        from django.utils.translation import gettext

        attrs = {
            **(attrs or {}),
            "data-autocomplete-url": str(self.url),
            "data-autocomplete-search": gettext("Search"),
            "data-autocomplete-hint": gettext("Type a few letters, then choose from the list below."),
            "data-autocomplete-found": gettext("Matches in the list: %(count)s"),
        }
        return super().get_context(name, value, attrs)

    def optgroups(self, name, value, attrs=None):
        chosen = [str(v) for v in value if v not in (None, "")]
        iterator = self.choices
        field = getattr(iterator, "field", None)
        options = []
        if field is not None and field.empty_label is not None:
            options.append(("", field.empty_label))
        if chosen:
            if self.labels is not None and all(pk in self.labels for pk in chosen):
                options += [(pk, self.labels[pk]) for pk in chosen]
            elif field is not None:
                found = field.queryset.filter(pk__in=[pk for pk in chosen if pk.isdecimal()])
                options += [(str(obj.pk), field.label_from_instance(obj)) for obj in found]
        self.choices = options
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = iterator
