"""The change history of the programme's records (django-simple-history), with its manager's class made once.

simple-history reads ``instance.history`` on every save, to write the history row, and its descriptor builds the
manager's class anew each time (``HistoryManager.from_queryset``: ``inspect.getmembers`` over the queryset class),
about a millisecond per save, which a plan saved with 100 actions or an import of thousands of rows pays per row.
Here that class is made once per queryset class; the manager itself is still made per access, bound to its instance.
"""

import functools

from simple_history import models as simple_history
from simple_history.manager import HistoryManager


class HistoryManagerMadeOnce(HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(simple_history.HistoricalRecords):
    """``simple_history.models.HistoricalRecords`` with the manager above (same history tables, same API)."""

    def __init__(self, *args, history_manager=HistoryManagerMadeOnce, **kwargs):
        super().__init__(*args, history_manager=history_manager, **kwargs)
