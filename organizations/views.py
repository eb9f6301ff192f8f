from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from organizations.models import Organization
from organizations.roles import coordinator_required


@coordinator_required
def organization_list(request):
    organizations = Organization.objects.for_user(request.user)
    return render(request, "organizations/organization_list.html", {"organizations": organizations})


@login_required
def organization_detail(request, pk):
    organization = get_object_or_404(Organization.objects.for_user(request.user), pk=pk)
    return render(request, "organizations/organization_detail.html", {"organization": organization})
