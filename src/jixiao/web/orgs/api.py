from ninja import Router

router = Router(tags=["机构与人员"])
