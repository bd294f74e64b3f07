"""Hostile PDFs for tests, made here rather than committed."""

import zlib
from pathlib import Path

from extract.ocr import pdf_bytes


def write_stream_bomb(path: Path, inflated_mb: int = 4096) -> None:
    """A one-page PDF whose content stream is ``inflated_mb`` MB of spaces compressed into a few
    MB (a decompression bomb): a reader that inflates it whole runs out of memory."""
    packer = zlib.compressobj(9)
    block = b" " * (1 << 20)
    data = b"".join(packer.compress(block) for _ in range(inflated_mb)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream",
    ]
    path.write_bytes(pdf_bytes(objects, root=1))


def write_pages_cycle(path: Path) -> None:
    """A PDF whose page tree loops: the second ``/Pages`` node lists the first among its kids."""
    content = b"BT /F1 12 Tf 72 720 Td (Renja) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R"
        b" /Resources << /Font << /F1 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    path.write_bytes(pdf_bytes(objects, root=1))


def write_empty_boxes(source: Path, path: Path) -> None:
    """``source`` with every page's ``/MediaBox`` set to ``[0 0 0 0]`` (a damaged PDF that
    poppler still shows, on a default page size)."""
    import re
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        qdf = Path(tmp) / "q.pdf"
        subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(source), str(qdf)],
                       check=True)  # fmt: skip
        data = re.sub(rb"/MediaBox \[[^\]]*\]", b"/MediaBox [ 0 0 0 0 ]", qdf.read_bytes())
        qdf.write_bytes(data)
        fixed = subprocess.run(["fix-qdf", str(qdf)], check=True, capture_output=True).stdout
    path.write_bytes(fixed)
