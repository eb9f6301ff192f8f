"""The plan's PDF uses the one HTML-to-PDF machinery in core.pdf (the training document uses it too)."""

from core.pdf import _fetcher, _static_path, html_to_pdf

__all__ = ["_fetcher", "_static_path", "html_to_pdf"]
