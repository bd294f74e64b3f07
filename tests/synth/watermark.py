"""A copy of a PDF with a watermark on every page, as a draft is marked: a word in large type,
set aslant or level, printed light behind the page's content or over it (qpdf)."""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["watermarked"]


def watermarked(
    source: Path,
    target: Path,
    word: str = "RANCANGAN",
    angle: float = 35.0,
    grey: float = 0.85,
    under: bool = True,
) -> Path:
    """Write to ``target`` ``source`` with ``word`` in 72 pt type across the middle of each
    page, turned by ``angle`` degrees, in ``grey`` (0 black, 1 white), behind the content
    (``under``) or over it."""
    from reportlab.pdfgen import canvas

    from extract.document import page_texts

    mark = target.with_name(f"mark-{target.name}")
    drawing = canvas.Canvas(str(mark))
    for page in page_texts(source):
        drawing.setPageSize((page.width, page.height))
        drawing.setFillGray(grey)
        drawing.setFont("Helvetica-Bold", 72)
        drawing.translate(page.width / 2, page.height / 2)
        drawing.rotate(angle)
        drawing.drawCentredString(0, 0, word)
        drawing.showPage()
    drawing.save()
    placed = "--underlay" if under else "--overlay"
    subprocess.run(["qpdf", str(source), placed, str(mark), "--", str(target)], check=True)
    return target
