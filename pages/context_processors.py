from .models import Operator


def operator(request):
    return {"operator": Operator.objects.current()}
