"""The addresses of many rows of one view at once: reversed once, each row's key put in its
place. reverse() costs tens of microseconds (a namespaced view most), which a table of a
few hundred links on one page feels."""

from collections.abc import Callable

from django.urls import reverse

# Stands in for the key in the reversed address: no address holds it otherwise.
PLACEHOLDER = 987654321


def addresses(
    viewname: str, placeholder: int | str = PLACEHOLDER, current_app: str | None = None
) -> Callable[[object], str]:
    """key → reverse(viewname, args=[key]), for a view whose only argument is a number, or
    (with a placeholder of its form) a slug. The key is put in as it is: no quoting."""
    address = reverse(viewname, args=[placeholder], current_app=current_app)
    head, _placeholder, tail = address.rpartition(str(placeholder))
    return lambda key: f"{head}{key}{tail}"
