from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "jixiao.web.forms"
    label = "forms"
    verbose_name = "自评表"

    def ready(self) -> None:
        # the signal that keeps each form's count of open comments current, whoever saves one
        from jixiao.web.services import comments  # noqa: F401
