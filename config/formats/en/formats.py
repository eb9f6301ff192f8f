"""English dates as the pages show them: compact, day first ("16 Nov 2021"), understood across the region.

Templates use the named formats (DATE_FORMAT, YEAR_MONTH_FORMAT, DATETIME_FORMAT) so that Russian and
Kyrgyz get their own grammar (genitive months, "-ж.") instead of an English pattern.
"""

from django.conf.locale.en.formats import *  # noqa: F403

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
YEAR_MONTH_FORMAT = "M Y"
SHORT_DATE_FORMAT = "d.m.Y"  # day first, as in the region (the grid of periods, the print view)
