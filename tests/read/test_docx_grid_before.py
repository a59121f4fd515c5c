"""gridBefore shifts a row's cells along the table grid; gridAfter leaves them in place."""

from docx_builder import read, tbl, tc, tr

from jixiao.model.grid import Document


def anchored(doc: Document) -> list[tuple[str, int, int, int, int]]:
    """(text, row, col, rowspan, colspan) of the first table's cells, in reading order."""
    cells = sorted(doc.tables[0].cells, key=lambda c: (c.row, c.col))
    return [(c.text, c.row, c.col, c.rowspan, c.colspan) for c in cells]


def test_grid_before_shifts_the_rows_cells_to_the_right():
    doc = read(tbl(tr(tc("甲"), tc("乙"), tc("丙")), tr(tc("丁"), tc("戊"), before=1)))
    assert anchored(doc) == [
        ("甲", 0, 0, 1, 1),
        ("乙", 0, 1, 1, 1),
        ("丙", 0, 2, 1, 1),
        ("丁", 1, 1, 1, 1),
        ("戊", 1, 2, 1, 1),
    ]
    assert doc.tables[0].cells[3].loc.col == 1


def test_grid_after_leaves_the_cells_where_they_are():
    doc = read(tbl(tr(tc("甲"), tc("乙"), tc("丙")), tr(tc("丁", span=2), after=1)))
    assert ("丁", 1, 0, 1, 2) in anchored(doc)
    assert doc.tables[0].n_cols == 3


def test_a_vertical_merge_follows_grid_columns_after_grid_before():
    doc = read(
        tbl(
            tr(tc("左"), tc("合并", vmerge="restart"), tc("右")),
            tr(tc(vmerge=""), tc("新右"), before=1),
        )
    )
    assert anchored(doc) == [
        ("左", 0, 0, 1, 1),
        ("合并", 0, 1, 2, 1),
        ("右", 0, 2, 1, 1),
        ("新右", 1, 2, 1, 1),
    ]
