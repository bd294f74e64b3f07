"""A copy of a PDF signed electronically, as the certificate authority's tools stamp one: on
every page a QR code and a two-line note in the foot ("Dokumen ini telah ditandatangani secara
elektronik ..."), laid over the page (qpdf)."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import numpy as np

__all__ = ["NOTE", "signed"]

NOTE = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang "
    "diterbitkan oleh",
    "Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara",
)


def signed(source: Path, target: Path) -> Path:
    """Write to ``target`` ``source`` with the note ``NOTE`` and a QR code in each page's foot."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from extract.document import page_texts

    cells = np.random.default_rng(1).random((33, 33)) > 0.5
    code = Image.fromarray(cells.astype(np.uint8) * 255).resize((99, 99), Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    code.save(buffer, format="PNG")
    stamp = target.with_name(f"stamp-{target.name}")
    drawing = canvas.Canvas(str(stamp))
    for page in page_texts(source):
        drawing.setPageSize((page.width, page.height))
        drawing.drawImage(ImageReader(io.BytesIO(buffer.getvalue())), page.width - 70, 8, 40, 40)
        drawing.setFont("Helvetica", 6)
        for line, y in zip(NOTE, (22, 14), strict=True):
            drawing.drawString(36, y, line)
        drawing.showPage()
    drawing.save()
    subprocess.run(["qpdf", str(source), "--overlay", str(stamp), "--", str(target)], check=True)
    return target
