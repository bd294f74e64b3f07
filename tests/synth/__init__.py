"""Synthetic Renja PDFs for tests."""

from .generator import LAYOUTS, Layout, format_amount, format_number, random_plan, render_pdf

__all__ = ["LAYOUTS", "Layout", "format_amount", "format_number", "random_plan", "render_pdf"]
