"""A scanned copy of a PDF, made the way a scanner makes one: pages rendered to greyscale images
(pdftoppm), each turned by a fraction of a degree, optionally blurred, with noise and dust, saved
as JPEG and bound back into a PDF without a text layer (img2pdf)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

import numpy as np

__all__ = ["ANGLES", "scanned_copy"]

ANGLES = (0.7, -0.5, 0.4, -0.8)  # degrees, page after page


def scanned_copy(
    source: Path, target: Path, *, dpi: int = 200, first: int | None = None,
    last: int | None = None, seed: int = 2022, angles: tuple[float, ...] = ANGLES,
    quality: int = 85, blur: float = 0.0,
) -> Path:  # fmt: skip
    """Write a scanned copy of ``source`` (pages ``first``..``last``, 1-based) to ``target``:
    page after page turned by ``angles`` (degrees), blurred with a Gaussian of radius ``blur``
    (pixels, 0 for none), saved as JPEG of ``quality``."""
    import img2pdf
    from PIL import Image, ImageFilter

    pages = ([] if first is None else ["-f", str(first)]) + (
        [] if last is None else ["-l", str(last)]
    )
    rng = np.random.default_rng(seed)
    images = []
    with tempfile.TemporaryDirectory(prefix="renja-scan-") as folder:
        # PGM, pdftoppm's own greyscale format: the pixels of its PNG without the compression
        # (a tenth of the time)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-gray", *pages, str(source), f"{folder}/page"],
            check=True,
        )
        for index, pgm in enumerate(sorted(Path(folder).glob("page-*.pgm"))):
            image = Image.open(pgm).convert("L")
            angle = angles[index % len(angles)]
            image = image.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
            if blur > 0:
                image = image.filter(ImageFilter.GaussianBlur(blur))
            pixels = np.asarray(image).astype(np.int16)
            pixels += rng.normal(0, 14, pixels.shape).astype(np.int16)
            pixels[rng.random(pixels.shape) < 0.001] = 0  # dust
            buffer = io.BytesIO()
            Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(
                buffer, format="JPEG", quality=quality
            )
            images.append(buffer.getvalue())
    layout = img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    target.write_bytes(img2pdf.convert(images, layout_fun=layout))
    return target
