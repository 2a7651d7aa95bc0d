"""drafter: draft the annual reports of Chinese justice bureaus from a workbook of figures."""

__version__ = "0.1.0"
