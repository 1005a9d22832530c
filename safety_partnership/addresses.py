"""The addresses of many rows of one view at once: reversed once, each row's keys put in
their places. reverse() costs tens of microseconds (a namespaced view most), which a table
of a few hundred links on one page feels."""

from collections.abc import Callable

from django.urls import reverse

# Stands in for a key in the reversed address: no address holds it otherwise.
PLACEHOLDER = 987654321


def addresses(
    viewname: str, *placeholders: int | str, current_app: str | None = None
) -> Callable[..., str]:
    """keys → reverse(viewname, args=keys), for a view whose arguments are numbers, or (with
    placeholders of their form, in order) slugs. The keys are put in as they are: no quoting."""
    placeholders = placeholders or (PLACEHOLDER,)
    pieces = [reverse(viewname, args=placeholders, current_app=current_app)]
    for placeholder in placeholders:
        head, _placeholder, tail = pieces.pop().partition(str(placeholder))
        pieces += [head, tail]
    head, *tails = pieces
    return lambda *keys: (
        head + "".join(f"{key}{tail}" for key, tail in zip(keys, tails, strict=True))
    )
