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
