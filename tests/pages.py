"""Pages as a reader sees them: visible text, and the entries of a history page."""

import re
from html import unescape


def visible_text(html: str) -> str:
    """The text of some HTML as a reader sees it: tags removed, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def history_entries(html: str) -> list[str]:
    """Each entry of a history page, in the page's order, as text without its time and link.

    E.g. "Roger Max · Ändrad: Löfte: Polisen patrullerar … Löfte Polisen utför … → Polisen
    patrullerar …": who, what happened to which row, and each change from → to.
    """
    entries = []
    for entry in re.findall(r'<li class="timeline__entry">(.*?)</li>', html, re.S):
        text = visible_text(entry)
        text = re.sub(r"^\d{1,2} \w+ \d{4} \d{2}:\d{2} · ", "", text)
        entries.append(re.sub(r" Visa dokumentet som det var då \([^)]*\)$", "", text))
    return entries
