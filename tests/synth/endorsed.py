"""A copy of a PDF with the head of the agency's signature block under its last table, as a
Renja is signed off (Permendagri 86's forms end so): the place and date, the office, room for
the signature, the name, rank and NIP, set at the right under the table's last columns, where
the prakiraan maju and its pagu stand (qpdf)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

__all__ = ["BLOCK", "CLOSING", "SOURCE", "closed", "endorsed", "sourced"]

BLOCK = (
    "Cilegon, 14 Januari {year}",
    "KEPALA DINAS PERHUBUNGAN",
    "KOTA CILEGON",
    "",
    "",
    "",
    "Drs. H. AHMAD SUBAGJA, M.Si",
    "Pembina Utama Muda",
    "NIP. 19680512 199203 1 007",
)
CLOSING = (
    "Demikian Rencana Kerja Perangkat Daerah ini disusun sebagai pedoman dalam pelaksanaan "
    "program, kegiatan dan sub kegiatan Tahun {plan}, untuk",
    "dilaksanakan dengan penuh tanggung jawab sesuai dengan ketentuan peraturan "
    "perundang-undangan yang berlaku.",
)
# The note of a table's source, as tables in Indonesian reports print under them.
SOURCE = "Sumber: Hasil Analisis Dinas Perhubungan Kota Cilegon, {year}"
_GAP = 14.0  # points between the table's last line and the block
_NOTE_GAP = 4.0  # points between the table's last line and a source note
_MARGIN = 20.0  # points the block keeps from the page's lower edge
_YEAR = re.compile(r"Tahun\s+(20\d\d)", re.IGNORECASE)


def closed(source: Path, target: Path) -> Path:
    """``endorsed`` with the closing words (``CLOSING``) over the block, across the page."""
    return endorsed(source, target, closing=True)


def sourced(source: Path, target: Path) -> Path:
    """A note of the table's source (``SOURCE``) close under it, from the page's leftmost text,
    in type half a point smaller than the page's; no block."""
    return endorsed(source, target, note=True)


def endorsed(source: Path, target: Path, closing: bool = False, note: bool = False) -> Path:
    """Write to ``target`` ``source`` with ``BLOCK`` under the lowest line of its last page,
    right-aligned with the page's rightmost text, in the page's body type size (the year: the
    one before the first ``Tahun 20NN`` the last page prints, the plan's). ``closing``: the
    paragraph ``CLOSING`` goes first, from the page's leftmost text; ``note``: the note
    ``SOURCE`` alone instead (``sourced``). When they do not fit under the last line,
    ``target`` is a plain copy."""
    import pdfplumber
    from reportlab.pdfgen import canvas

    with pdfplumber.open(source) as pdf:
        found = _YEAR.search(pdf.pages[-1].extract_text() or "")
        year = int(found.group(1)) - 1 if found else 2022
        sizes_of_pages = [(float(page.width), float(page.height)) for page in pdf.pages]
        last = pdf.pages[-1]
        words = last.extract_words()
        width, height = sizes_of_pages[-1]
        sizes = sorted(c["size"] for c in last.chars) or [7.0]
    size = sizes[len(sizes) // 2]
    lowest = max((w["bottom"] for w in words), default=height / 2)
    right = max((w["x1"] for w in words), default=width - 36)
    left = min((w["x0"] for w in words), default=36)
    lines = [SOURCE] if note else [*(CLOSING if closing else ()), *BLOCK]
    leading = size * 1.3
    top = lowest + (_NOTE_GAP if note else _GAP)  # from the page's top
    if top + leading * (len(lines) + 1) > height - _MARGIN:
        subprocess.run(["qpdf", str(source), str(target)], check=True)
        return target
    stamp = target.with_name(f"block-{target.name}")
    drawing = canvas.Canvas(str(stamp))
    for number, page_size in enumerate(sizes_of_pages):
        drawing.setPageSize(page_size)
        if number == len(sizes_of_pages) - 1:
            baseline = height - top
            if note:
                drawing.setFont("Helvetica-Oblique", size - 0.5)
                drawing.drawString(left, baseline - leading, SOURCE.format(year=year))
            elif closing:
                drawing.setFont("Helvetica", size)
                for line in CLOSING:
                    baseline -= leading
                    drawing.drawString(left, baseline, line.format(plan=year + 1))
                baseline -= leading
            for index, line in enumerate(() if note else BLOCK):
                drawing.setFont("Helvetica-Bold" if index in (1, 2, 6) else "Helvetica", size)
                baseline -= leading
                drawing.drawCentredString(right - 110, baseline, line.format(year=year))
        drawing.showPage()
    drawing.save()
    subprocess.run(["qpdf", str(source), "--overlay", str(stamp), "--", str(target)], check=True)
    return target
