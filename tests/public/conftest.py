"""The public tests share the fixture with a marker in every internal field."""

from tests.public.test_public_pages import marked  # noqa: F401
