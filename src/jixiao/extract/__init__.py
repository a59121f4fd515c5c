"""Extraction: a read Document → the declared forms in it."""

from jixiao.extract.forms import extract_forms

__all__ = ["extract_forms"]
