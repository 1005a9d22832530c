"""The themes of the public search and theme overview: a fixed list, each with the words
that find it. A measure, promise or report text belongs to a theme when any of its
keywords occurs in it (the same word matching as the search, search/query.py)."""

from dataclasses import dataclass

from django.utils.functional import Promise as LazyText
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Theme:
    slug: str
    name: LazyText
    keywords: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.keywords)


THEMES = (
    Theme("trafik", _("Trafik"), ("trafik", "trafikmiljö", "hastighet", "buskörning", "moped")),
    Theme("droger", _("Droger och ANDT"), ("droger", "narkotika", "andt", "alkohol", "langning")),
    Theme("vald", _("Våld"), ("våld", "misshandel", "våldsbrott", "hot")),
    Theme(
        "inbrott", _("Inbrott och tillgrepp"), ("inbrott", "tillgrepp", "stöld", "grannsamverkan")
    ),
    Theme("skadegorelse", _("Skadegörelse"), ("skadegörelse", "klotter", "vandalisering")),
    Theme(
        "trygghet",
        _("Trygghet i boendemiljön"),
        ("otrygghet", "trygghetsvandring", "boendemiljö", "belysning", "otrygga"),
    ),
    Theme("ungdomar", _("Barn och unga"), ("ungdomar", "unga", "skola", "fritidsgård")),
    Theme("extremism", _("Våldsbejakande extremism"), ("extremism", "radikalisering")),
)
BY_SLUG = {theme.slug: theme for theme in THEMES}

# Län by the first two digits of a municipality code (SCB).
COUNTIES = {
    "01": "Stockholms län",
    "03": "Uppsala län",
    "04": "Södermanlands län",
    "05": "Östergötlands län",
    "06": "Jönköpings län",
    "07": "Kronobergs län",
    "08": "Kalmar län",
    "09": "Gotlands län",
    "10": "Blekinge län",
    "12": "Skåne län",
    "13": "Hallands län",
    "14": "Västra Götalands län",
    "17": "Värmlands län",
    "18": "Örebro län",
    "19": "Västmanlands län",
    "20": "Dalarnas län",
    "21": "Gävleborgs län",
    "22": "Västernorrlands län",
    "23": "Jämtlands län",
    "24": "Västerbottens län",
    "25": "Norrbottens län",
}
