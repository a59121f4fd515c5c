"""Extraction: a read Document → the declared forms in it."""

from jixiao.extract.forms import extract_forms as _from_tables
from jixiao.model.form import Form
from jixiao.model.grid import Document

__all__ = ["extract_forms"]


def extract_forms(doc: Document) -> list[Form]:
    """Every form in the document: from its tables, or, when they hold none, rebuilt from its
    text by labels and order (a table whose ruling lines or structure were lost, see
    `jixiao.extract.flat`)."""
    forms = _from_tables(doc)
    if not forms:
        from jixiao.extract.flat import flat_forms

        forms = flat_forms(doc)
    return forms
