from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.my_space, name="my_space"),
    path("inbox/", views.inbox, name="inbox"),
    path("healthz", views.healthz, name="healthz"),
]
