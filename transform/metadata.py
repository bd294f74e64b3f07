"""What a document says of itself in its text: the agency (OPD), the plan year, and the totals
its narrative states ("Total kebutuhan dana ... adalah sebesar Rp ...")."""

from __future__ import annotations

import re
from collections import Counter

from extract.document import PageText
from extract.locate import PLAN_TITLE, from_last_label
from transform.headers import place_years
from transform.hierarchy import StatedTotal
from transform.numbers import parse_amount
from transform.rows import LogicalTable
from transform.vocabulary import title_year

__all__ = [
    "caption_year",
    "cover_year",
    "header_years",
    "opd_name",
    "plan_year",
    "stated_in_text",
    "title_plan_year",
]

_OPD_LINE = re.compile(
    r"^\s*(?:nama\s+perangkat\s+daerah\s*:\s*)?((?:DINAS|BADAN|SEKRETARIAT|INSPEKTORAT|SATUAN|"
    r"KANTOR|RUMAH\s+SAKIT|RSUD|KECAMATAN)\b.*)$",
    re.IGNORECASE | re.MULTILINE,
)
_REGION_LINE = re.compile(r"^\s*((?:KOTA|KABUPATEN|PROVINSI)\b.*)$", re.IGNORECASE)
_YEAR = title_year("tahun", r"ta\.?", "anggaran")

_TOTAL_SENTENCE = re.compile(
    r"total\s+kebutuhan\s+dana\s*/?\s*(?:pagu\s+indikatif\s+)?(?:\w+\s+){0,6}?"
    r"(?:adalah\s+)?sebesar\s+(Rp\.?\s*\d[\d.]*(?:,\d{1,2})?(?:,-)?)",
    re.IGNORECASE,
)


def stated_in_text(pages: list[PageText]) -> list[StatedTotal]:
    """The total the narrative states ("Total kebutuhan dana/pagu indikatif adalah sebesar
    Rp. 13.319.369.434,-"), with the page it is printed on."""
    found = []
    for page in pages:
        for match in _TOTAL_SENTENCE.finditer(" ".join(page.text.split())):
            label = " ".join(match[0].split()[:5])
            found.append(
                StatedTotal(label, parse_amount(match[1]), parse_amount(None), page.number, "text")
            )
    return found


def opd_name(pages: list[PageText]) -> str | None:
    """The agency's name as printed ("DINAS ... KOTA ..."), with its region when that stands on
    the next line."""
    for page in pages[:5] + pages[5:]:
        lines = page.text.splitlines()
        for i, line in enumerate(lines):
            match = _OPD_LINE.match(line)
            if not match or len(match[1]) > 160:
                continue
            name = " ".join(match[1].split())
            following = lines[i + 1] if i + 1 < len(lines) else ""
            region = _REGION_LINE.match(following)
            if region and not re.search(r"\b(kota|kabupaten|provinsi)\b", name, re.IGNORECASE):
                name = f"{name} {' '.join(region[1].split())}"
            return name
    return None


def _document_year(pages: list[PageText]) -> int | None:
    years = Counter(int(y) for page in pages[:3] for y in _YEAR.findall(page.text))
    return years.most_common(1)[0][0] if years else None


# The plan table's title: "... Tahun 2022 dan Prakiraan Maju Tahun 2023" names both years.
_PLAN_AND_NEXT = re.compile(
    r"\b(?:tahun|ta\.?)\s+(?:anggaran\s+)?(20\d\d)\s*(?:dan|&|,)?\s*(?:prakiraan|perkiraan)\s+maju",
    re.IGNORECASE,
)
# The cover: "RENCANA KERJA PERANGKAT DAERAH (RENJA-PD) TAHUN 2022", "RENJA 2025": the first
# year after the document's name, with no other number between (a law's "Nomor 86 Tahun 2017").
# Between them a cover may spell out the bidang, sub urusan, dinas and province in full
# ("RENJA BIDANG BINA KONSTRUKSI SUB URUSAN ... PROVINSI KALIMANTAN TIMUR TAHUN ANGGARAN 2025":
# 170 letters).
_COVER = re.compile(r"(?:rencana\s+kerja|\brenja\b)\D{0,240}?\b(20\d\d)\b", re.IGNORECASE)


def caption_year(text: str) -> int | None:
    """The plan year a plan table's caption names: the year before "Prakiraan Maju", else the
    "Tahun N" of the caption nearest to the table (from its last "Tabel" label on, or from its
    last mention of the plan's title)."""
    flat = " ".join(text.split())
    both = list(_PLAN_AND_NEXT.finditer(flat))
    if both:
        return int(both[-1][1])
    titles = list(PLAN_TITLE.finditer(flat)) or list(_PLAN_TITLE_WORDS.finditer(flat))
    caption = from_last_label(flat)
    if caption == flat and not titles:
        return None  # no caption, only the text above the table
    if titles and titles[-1].start() > len(flat) - len(caption):
        caption = flat[titles[-1].start() :]
    match = _YEAR.search(caption)
    return int(match[1]) if match else None


_PLAN_TITLE_WORDS = re.compile(r"rumusan|rencana\s+program|program\s+dan\s+kegiatan", re.I)


def title_plan_year(plans: list[LogicalTable], pages: list[PageText]) -> int | None:
    """The plan year the first plan table's caption names: printed above the table on its
    first page, or at the foot of the page before."""
    if not plans:
        return None
    first, _, _ = plans[0].segments[0]
    before = [p.text[-600:] for p in pages if p.number == first.page - 1]
    for text in (first.text_before, *before):
        year = caption_year(text)
        if year is not None:
            return year
    return None


def cover_year(pages: list[PageText]) -> int | None:
    """The year the cover (the first page that prints text) names in the document's title
    ("RENJA ... TAHUN 2022")."""
    for page in pages:
        if page.text.strip():
            match = _COVER.search(page.text)
            return int(match[1]) if match else None
    return None


def plan_year(plans: list[LogicalTable], pages: list[PageText]) -> int | None:
    """The year the plan is for: the year the plan table's title names, where its column
    headers agree (they name that year or the next and no earlier one, or no year); else the
    year its headers' year groups give; else the cover's year; else the year the first pages
    name most.

    Each plan table's target and amount columns are then put in time from that year, by the
    year their headers name (``transform.headers.place_years``)."""
    headed = [p.header.plan_year for p in plans if p.header.plan_year is not None]
    title = title_plan_year(plans, pages)
    year: int | None = None
    if title is not None and all(_agrees(plan, title) for plan in plans):
        year = title
    elif headed:
        year = headed[0]
    elif title is not None:
        year = title
    else:
        year = cover_year(pages) or _document_year(pages)
    if year is not None:
        for plan in plans:
            for _, header, _ in plan.segments:
                place_years(header, year)
    return year


def _agrees(plan: LogicalTable, year: int) -> bool:
    """Whether the years a plan table's column headers name fit a plan year: none named, or
    only that year and the next (a column of an earlier year is the plan's, one two years on
    is the prakiraan maju of an earlier plan year: either way the title is the one that is
    wrong)."""
    named = {y for _, h, _ in plan.segments for r in h.roles.values() for y in r.years}
    return named <= {year, year + 1}


def header_years(plans: list[LogicalTable]) -> list[int]:
    """The years the plan tables' target and amount column headers name."""
    named = {y for p in plans for _, h, _ in p.segments for r in h.roles.values() for y in r.years}
    return sorted(named)
