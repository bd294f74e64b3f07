"""Where the tables are: the pages worth reading, and what a table's title says it is.

Judged from the fast text layer before any table is read, and from the text printed above each
table once it is: the plan table (T-C.33, "Rumusan Rencana Program dan Kegiatan") and the other
tables of a Renja (review of the draft RKPD, evaluation of last year, service performance,
community proposals).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.document import PageText
from transform.vocabulary import PAGE_BUDGET_WORDS, PAGE_INDICATOR_WORDS

__all__ = [
    "END_OF_TABLE",
    "PLAN_TITLE",
    "PageChoice",
    "all_pages_with_amounts",
    "candidate_pages",
    "from_last_label",
    "title_kind",
]

_OTHER_TABLE = re.compile(
    r"review|rancangan\s+awal|evaluasi|usulan|pemangku|pencapaian\s+kinerja|kinerja\s+pelayanan"
    r"|realisasi|rincian\s+belanja|rekapitulasi",
    re.IGNORECASE,
)
_PLAN_TABLE = re.compile(
    r"rumusan|rencana\s+program|program\s+dan\s+kegiatan|prakiraan\s+maju|\brenja\b",
    re.IGNORECASE,
)
# The title of the plan table itself, wherever it stands on a page.
PLAN_TITLE = re.compile(
    r"rumusan\s+rencana\s+program|rencana\s+program\s+(?:dan|,)\s*kegiatan.{0,80}prakiraan\s+maju",
    re.IGNORECASE | re.DOTALL,
)
# A line that ends a table: another table's caption, a chapter, a signature or closing block.
END_OF_TABLE = re.compile(
    r"^\s*(?:tabel\s+[\dIVX]+(?:\.\d+)*\b|table\s+\d|bab\s+[IVX\d]+\b|"
    r"(?:plt\.?\s+|plh\.?\s+)?kepala\s+(?:dinas|badan|kantor|satuan|bagian)\b|"
    r"mengetahui\b|ditetapkan\s+di\b|nip\.?\s*[:.]?\s*\d)",
    re.IGNORECASE,
)
_ENDS_TABLE = re.compile(END_OF_TABLE.pattern, re.IGNORECASE | re.MULTILINE)
_TABLE_LABEL = re.compile(r"\btabel\.?\s+(\d+(?:\.\d+)*)", re.IGNORECASE)


def title_kind(text: str) -> tuple[str | None, str | None]:
    """Classify the text printed above a table: ``("plan" | "other" | None, table label)``.

    The label is the printed table number (``3.3``) when there is one.
    """
    label_match = list(_TABLE_LABEL.finditer(text))
    label = label_match[-1][1] if label_match else None
    if label_match:
        text = text[label_match[-1].start() :]
    if _OTHER_TABLE.search(text):
        return "other", label
    if _PLAN_TABLE.search(text):
        return "plan", label
    return (None, label) if label else (None, None)


def from_last_label(text: str) -> str:
    """The text from its last table label on ("Tabel 2.4 Review ..."): the title nearest to
    the table below it."""
    label_match = list(_TABLE_LABEL.finditer(text))
    return text[label_match[-1].start() :] if label_match else text


@dataclass(frozen=True)
class PageChoice:
    """The pages to read: ``plan`` (the plan table's, and the page after each), ``other`` (the
    other titled tables', and the page after each) and ``inside_other`` (pages that open
    inside another table, whose first table is not the plan)."""

    plan: list[int]
    inside_other: set[int]
    other: list[int]

    @property
    def to_read(self) -> list[int]:
        return sorted(set(self.plan) | set(self.other))


def candidate_pages(pages: list[PageText]) -> PageChoice:
    """Pages worth a table search, judged from the fast text layer.

    A page is searched when it prints a plan table title, a plan-like header (indicators and
    budgets), or amounts while a plan table is running; and the page after each such page (a
    table's last rows may carry no amount). Pages of another titled table (the review of the
    draft RKPD, the evaluation of last year) are skipped until a new title appears. Also
    returns the pages that open inside such another table, whose first table is not the plan,
    and the pages of the other titled tables (and the page after each), read for their own rows.
    """
    numbers: set[int] = set()
    inside_other: set[int] = set()
    other: set[int] = set()
    state: str | None = None
    gap: list[int] = []  # a running plan table's page that prints no amount (its rows "Rp -")
    for page in pages:
        kind = _titled_kind(page.text)
        header = bool(
            PAGE_INDICATOR_WORDS.search(page.text) and PAGE_BUDGET_WORDS.search(page.text)
        )
        if kind == "plan" or PLAN_TITLE.search(page.text):
            if state == "other":
                inside_other.add(page.number)
            state = "plan"
            numbers.add(page.number)
        elif kind == "other":
            state = "other"
        elif state != "other" and (
            header or (state in ("plan", "gap") and page.amount_tokens >= 1)
        ):
            # a running plan table's page may print a single amount (its other rows "Rp -")
            if state == "gap":
                numbers.update(gap)
            state = "plan"
            numbers.add(page.number)
        elif state == "other" and _table_like(page):
            pass  # the other table runs on (evaluation and service pages print no amounts)
        elif page.amount_tokens < 1 and not header:
            # A page without amounts ends the plan table only when it prints what ends a table
            # (a caption, a chapter, a signature), or when the page after it prints none either.
            bridged = state == "plan" and not _ENDS_TABLE.search(page.text)
            state, gap = ("gap", [page.number]) if bridged else (None, [])
        if state == "other":
            other.add(page.number)
    numbers |= {n + 1 for n in numbers if n < len(pages)}
    other |= {n + 1 for n in other if n < len(pages)}
    return PageChoice(sorted(numbers), inside_other, sorted(other))


_VALUE_TOKEN = re.compile(r"(?<!\S)\d+(?:[.,]\d+)?%?(?!\S)")


def _table_like(page: PageText) -> bool:
    """Whether a page prints many bare numbers (targets, realisations, percentages), as the
    pages of an evaluation or service performance table do and narrative pages do not."""
    return len(_VALUE_TOKEN.findall(page.text)) >= 40


_LABEL_LINE = re.compile(r"^\s*tabel\.?\s+[\dIVX]+(?:\.\d+)*\b.*$", re.IGNORECASE | re.MULTILINE)


# The evaluation's title is often printed without a table number.
_UNNUMBERED_TITLE = re.compile(
    r"^\s*rekapitulasi\s+evaluasi\s+hasil\s+pelaksanaan\s+renja\b.*$", re.IGNORECASE | re.MULTILINE
)


def _titled_kind(text: str) -> str | None:
    """The kind of the last table title ("Tabel 2.4 Review ...") printed on a page, if any."""
    kind = None
    titles = sorted([*_LABEL_LINE.finditer(text), *_UNNUMBERED_TITLE.finditer(text)],
                    key=lambda m: m.start())  # fmt: skip
    for match in titles:
        following = text[match.start() : match.end() + 160]
        kind = title_kind(following)[0] or kind
    return kind


def all_pages_with_amounts(pages: list[PageText]) -> list[int]:
    """Every page that prints amounts: the wider search when the text layer misled."""
    return [p.number for p in pages if p.amount_tokens >= 2]
