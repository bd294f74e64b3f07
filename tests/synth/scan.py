"""A scanned copy of a PDF, made the way a scanner makes one: pages rendered to greyscale images
(pdftoppm), each turned by a fraction of a degree, with noise and dust, bound back into a PDF
without a text layer (img2pdf)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import numpy as np

__all__ = ["scanned_copy"]

_ANGLES = (0.7, -0.5, 0.4, -0.8)  # degrees, page after page


def scanned_copy(
    source: Path, target: Path, *, dpi: int = 200, first: int | None = None,
    last: int | None = None, seed: int = 2022,
) -> Path:  # fmt: skip
    """Write a scanned copy of ``source`` (pages ``first``..``last``, 1-based) to ``target``."""
    import img2pdf
    from PIL import Image

    pages = ([] if first is None else ["-f", str(first)]) + (
        [] if last is None else ["-l", str(last)]
    )
    rng = np.random.default_rng(seed)
    images = []
    with tempfile.TemporaryDirectory(prefix="renja-scan-") as folder:
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", "-png", *pages, str(source), f"{folder}/page"],
            check=True,
        )
        for index, png in enumerate(sorted(Path(folder).glob("page-*.png"))):
            image = Image.open(png).convert("L")
            angle = _ANGLES[index % len(_ANGLES)]
            image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
            pixels = np.asarray(image).astype(np.int16)
            pixels += rng.normal(0, 14, pixels.shape).astype(np.int16)
            pixels[rng.random(pixels.shape) < 0.001] = 0  # dust
            buffer = io.BytesIO()
            Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(
                buffer, format="JPEG", quality=85
            )
            images.append(buffer.getvalue())
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    target.write_bytes(img2pdf.convert(images, layout_fun=layout))
    return target
