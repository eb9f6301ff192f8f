"""A period report page drawn from the cache by one reader is right for the next: the body is shared, the
buttons and forms each reader may use are drawn for them (issue 16)."""

from django.test import Client
from django.urls import reverse
from django.utils import translation

from actionplans.models import PeriodReport


def _page(user, url, **headers):
    client = Client()
    client.force_login(user)
    return client.get(url, headers=headers).content.decode()


def test_each_reader_gets_their_own_buttons_from_a_warm_cache(coordinator, partner, viewer, rplan_a, today):
    period = rplan_a.reporting_periods.get(number=1)
    PeriodReport.objects.create(period=period, achieved="Two trainings held", status=PeriodReport.Status.SUBMITTED)
    url = reverse("actionplans:report", args=[rplan_a.pk, 1])
    first = _page(coordinator, url)  # fills the cache
    assert 'id="review"' in first and "Two trainings held" in first
    for user in (partner, viewer):
        html = _page(user, url)
        assert "Two trainings held" in html and 'id="review"' not in html


def test_the_write_button_is_the_editors_only_from_a_warm_cache(partner, viewer, rplan_a, today):
    url = reverse("actionplans:report", args=[rplan_a.pk, 1])
    edit = reverse("actionplans:report_edit", args=[rplan_a.pk, 1])
    assert f'href="{edit}"' in _page(partner, url)
    assert f'href="{edit}"' not in _page(viewer, url)


def test_a_russian_reading_after_an_english_one_is_in_russian(partner, rplan_a, today):
    url = reverse("actionplans:report", args=[rplan_a.pk, 1])
    assert "Nothing reported for this period yet." in _page(partner, url)
    with translation.override("en"):  # the request leaves Russian active in this thread; later tests expect English
        russian = _page(partner, url, **{"accept-language": "ru"})
    assert "Nothing reported for this period yet." not in russian and '<html lang="ru">' in russian
