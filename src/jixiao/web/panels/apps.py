from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "jixiao.web.panels"
    label = "panels"
    verbose_name = "专家评价"
