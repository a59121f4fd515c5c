from django.apps import AppConfig


class FinalAccountsConfig(AppConfig):
    name = "jixiao.web.final_accounts"
    label = "final_accounts"
    verbose_name = "决算说明"
