"""renja-pipeline: Renja PDFs in; exact, tidy Parquet of programs, indicators and budgets out."""

__version__ = "0.1.0"
