"""专家评价: the JSON API endpoints (mounted on the main API)."""

from ninja import Router

router = Router(tags=["专家评价"])
