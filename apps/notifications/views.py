# Placeholder while the notifications app is being written (foundation issue).
from django.http import HttpResponse


def notification_list(request):
    return HttpResponse("todo")


outbox = notification_list
