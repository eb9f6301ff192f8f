"""Kyrgyz formats: Django's own, with the day and year written the Kyrgyz way ("23-ноябрь 2021-ж.") and a
decimal comma, as Kyrgyz (like Russian, and CLDR's ky locale) writes numbers: "12,5 %".

Django's ky formats put a capitalized month between bare numbers ("23 Ноябрь 2021 ж."); the month names used
by the "E" format character are lowercase in locale_thirdparty/ky (msgctxt "alt. month").
"""

from django.conf.locale.ky.formats import *  # noqa: F403

DATE_FORMAT = r"j-E Y-\ж."
DATETIME_FORMAT = r"j-E Y-\ж. G:i"
YEAR_MONTH_FORMAT = r"F Y-\ж."
MONTH_DAY_FORMAT = r"j-E"
DECIMAL_SEPARATOR = ","
