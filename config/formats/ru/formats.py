"""Russian dates: the month in the genitive after a day ("16 ноября 2021"), without Django's trailing "г."
so table cells stay short; a month and year in the nominative ("Ноябрь 2021")."""

from django.conf.locale.ru.formats import *  # noqa: F403

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
