from django.apps import AppConfig


class ExtraKindConfig(AppConfig):
    """A fourth kind of document that lives only in the tests: the report of a safety walk.

    It touches nothing outside this folder, yet signing, history, PDF, the dashboard and
    the access checks of the register pick it up through the registry of kinds.
    """

    name = "tests.extra_kind"
    label = "extra_kind"

    def ready(self) -> None:
        from safety_partnership import kinds

        from .kind import KIND

        kinds.register(KIND)
