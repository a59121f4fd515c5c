"""jixiao（绩效）：预算绩效评价 — read, score and review budget performance self-evaluation forms."""

__version__ = "0.1.0"
