from django.apps import AppConfig


class DepartmentsConfig(AppConfig):
    name = "jixiao.web.departments"
    label = "departments"
    verbose_name = "部门整体评价"
