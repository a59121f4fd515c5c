from django.apps import AppConfig


class ExportsConfig(AppConfig):
    name = "jixiao.web.exports"
    label = "exports"
    verbose_name = "导出"
