"""The URLconf of settings/bench.py: the project's URLs and the bare baseline view that
`make bench` measures every page against. No other settings route /bench/ok/."""

from django.urls import path

from regiondermitte import urls as project

from .views import baseline

urlpatterns = [
    path("bench/ok/", baseline, name="bench-baseline"),
    *project.urlpatterns,
]

handler400 = project.handler400
handler403 = project.handler403
handler404 = project.handler404
handler500 = project.handler500
