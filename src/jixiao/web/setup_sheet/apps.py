from django.apps import AppConfig


class SetupSheetConfig(AppConfig):
    name = "jixiao.web.setup_sheet"
    label = "setup_sheet"
    verbose_name = "批量设置（Excel）"
