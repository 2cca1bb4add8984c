"""Pagination that seeks instead of skipping, for lists that run deep.

`Paginator` reads page 100 with OFFSET 1980: the database fetches and joins (author,
category, …) 1,980 rows to throw them away. `SeekPaginator` first finds the page's
first row alone, reading only the columns of the ordering (an index-only scan when an
index matches the ordering), then reads the page from that row on (keyset
pagination), so a deep page costs about what the first one does. Page numbers and
links stay as they are (`?seite=100`).

The ordering must be plain field names and end with the primary key (a total order);
otherwise the paginator falls back to OFFSET.

Where the list's length is kept anyway (a counter on the row the list belongs to),
`count=` gives it, and no COUNT over the list runs (`CountedPaginator`, which skips:
for short lists whose page is read by OFFSET anyway).
"""

from functools import reduce
from operator import or_

from django.core.paginator import Paginator
from django.db.models import Q

# The parameter of a page's number in every list's address.
PAGE_PARAMETER = "seite"


class CountedPaginator(Paginator):
    """Django's, with the list's length given (`count=`) where it is known anyway."""

    def __init__(
        self, object_list, per_page, *args, count: int | None = None, **kwargs
    ):
        super().__init__(object_list, per_page, *args, **kwargs)
        if count is not None:
            self.__dict__["count"] = count  # Paginator.count is a cached_property


class SeekPaginator(CountedPaginator):
    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ordering = self._ordering()
        if bottom == 0 or ordering is None:
            return super().page(number)
        names = [name for name, _descending in ordering]
        first = list(self.object_list.values_list(*names)[bottom : bottom + 1])
        if not first:
            return super().page(number)
        rows = self.object_list.filter(_at_or_after(ordering, first[0]))
        return self._get_page(rows[: self.per_page], number, self)

    def _ordering(self) -> list[tuple[str, bool]] | None:
        queryset = self.object_list
        if not hasattr(queryset, "query"):
            return None
        ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
        if not ordering or not all(isinstance(item, str) for item in ordering):
            return None
        fields = [(name.lstrip("-"), name.startswith("-")) for name in ordering]
        pk_names = {"pk", queryset.model._meta.pk.name}
        if fields[-1][0] not in pk_names or any("__" in name for name, _ in fields):
            return None
        return fields


def _at_or_after(ordering: list[tuple[str, bool]], values: tuple) -> Q:
    """Rows that come at or after `values` in the ordering (ties broken by the pk)."""
    alternatives = []
    for index, (name, descending) in enumerate(ordering):
        equal = {n: v for (n, _d), v in zip(ordering[:index], values, strict=False)}
        lookup = "lt" if descending else "gt"
        alternatives.append(Q(**equal, **{f"{name}__{lookup}": values[index]}))
    alternatives.append(
        Q(**{name: value for (name, _d), value in zip(ordering, values, strict=True)})
    )
    return reduce(or_, alternatives)
