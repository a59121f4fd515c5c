from ninja import Router

router = Router(tags=["自评任务"])
