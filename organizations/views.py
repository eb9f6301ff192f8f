from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from core.lookups import lookup_response
from core.paging import annotated_page
from core.roles import coordinator_required, is_coordinator
from organizations.filters import OrganizationFilter
from organizations.forms import HeadcountSnapshotForm, OrganizationForm
from organizations.models import HeadcountSnapshot, Level, Membership, Organization
from organizations.selectors import directory_stamp, organization_for_user
from organizations.services import headcount_snapshots_add

PAGE_SIZE = 25


@login_required
def organization_lookup(request):
    """Organizations matching ``?q=`` for the organization pickers (JSON); a partner finds only their own."""
    organizations = Organization.objects.for_user(request.user).only("pk", "name").order_by("name", "pk")
    return lookup_response(request, organizations, search_fields=("name", "short_name"), label=lambda o: o.name)


@coordinator_required
def organization_list(request):
    organizations = Organization.objects.for_user(request.user).order_by("name")
    organization_filter = OrganizationFilter(request.GET or None, queryset=organizations)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": organization_filter,
        # Counted and read only when the template draws it: once per directory stamp, query string (filters,
        # search, page) and language (its cache tag). Coordinators all see every organization: no reader in the key.
        "stamp": directory_stamp(),
        "page": SimpleLazyObject(
            lambda: annotated_page(
                organization_filter.qs,
                number=request.GET.get("page"),
                per_page=PAGE_SIZE,
                annotate=lambda rows: rows.annotate(
                    session_count=Count("attendances", distinct=True), plan_count=Count("action_plans", distinct=True)
                ),
            )
        ),
        "query": query.urlencode(),
    }
    return render(request, "organizations/organization_list.html", context)


def _snapshot_table(snapshots):
    """Snapshots grouped by date (newest first), each date's levels in the order of Level."""
    order = {value: index for index, value in enumerate(Level.values)}
    dates = {}
    for snapshot in sorted(snapshots, key=lambda s: (-s.as_of.toordinal(), order.get(s.level, 99))):
        dates.setdefault(snapshot.as_of, []).append(snapshot)
    return list(dates.items())


@login_required
def organization_detail(request, pk):
    organization = organization_for_user(user=request.user, pk=pk)
    user = request.user
    context = {
        "organization": organization,
        "can_manage": is_coordinator(user),
        # The rows below are read (their queries even built) only when the template draws them: once per directory
        # stamp, organization, kind of reader and language (its cache tag). Everyone who may open a profile sees all
        # of its rows (coordinators all, partners their own organization's); only the coordinators' links and notes
        # differ: can_manage.
        "stamp": directory_stamp(),
        "members": SimpleLazyObject(
            lambda: list(Membership.objects.for_user(user).filter(organization=organization).select_related("user"))
        ),
        # Trainings and plans through their own doors by the reverse relations: organizations imports no app above it.
        "attendances": SimpleLazyObject(
            lambda: list(organization.attendances.for_user(user).select_related("session"))
        ),
        "plans": SimpleLazyObject(lambda: list(organization.action_plans.for_user(user).order_by("-period_start"))),
        "snapshots": SimpleLazyObject(
            lambda: _snapshot_table(HeadcountSnapshot.objects.for_user(user).filter(organization=organization))
        ),
    }
    return render(request, "organizations/organization_detail.html", context)


def _organization_form_page(request, organization):
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        organization = form.save()
        messages.success(request, _("“%(name)s” was saved.") % {"name": organization.name})
        return redirect(organization)
    return render(request, "organizations/organization_form.html", {"form": form, "organization": organization})


@coordinator_required
def organization_create(request):
    return _organization_form_page(request, Organization())


@coordinator_required
def organization_edit(request, pk):
    return _organization_form_page(request, organization_for_user(user=request.user, pk=pk))


@coordinator_required
def add_snapshot(request, pk):
    organization = organization_for_user(user=request.user, pk=pk)
    form = HeadcountSnapshotForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            rows = headcount_snapshots_add(
                organization=organization,
                as_of=form.cleaned_data["as_of"],
                levels=form.levels,
                source=form.cleaned_data["source"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The gender profile of %(date)s was added.") % {"date": rows[0].as_of})
            return redirect(f"{organization.get_absolute_url()}#snapshots")
    return render(request, "organizations/snapshot_form.html", {"form": form, "organization": organization})
