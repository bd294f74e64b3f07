"""What a document says of itself in its text: the agency (OPD), the plan year, and the totals
its narrative states ("Total kebutuhan dana ... adalah sebesar Rp ...")."""

from __future__ import annotations

import re
from collections import Counter

from extract.document import PageText
from transform.hierarchy import StatedTotal
from transform.numbers import parse_amount
from transform.rows import LogicalTable
from transform.vocabulary import title_year

__all__ = ["opd_name", "plan_year", "stated_in_text"]

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


def plan_year(plans: list[LogicalTable], pages: list[PageText]) -> int | None:
    """The year the plan is for: from its header's year groups, else its title, else the year
    the first pages name most."""
    for plan in plans:
        if plan.header.plan_year is not None:
            return plan.header.plan_year
    for plan in plans:
        titles = " ".join(t.text_before for t, _, _ in plan.segments[:1])
        match = _YEAR.search(titles)
        if match:
            return int(match[1])
    return _document_year(pages)
