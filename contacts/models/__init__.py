"""The contact directory (directory.py) and who is responsible for which
municipality (municipalities.py)."""

from .directory import (
    Organisation,
    OrganisationType,
    Person,
    PersonManager,
    PersonQuerySet,
    Topic,
)
from .municipalities import (
    Municipality,
    MunicipalityQuerySet,
    Responsibility,
    Task,
)

__all__ = [
    "Municipality",
    "MunicipalityQuerySet",
    "Organisation",
    "OrganisationType",
    "Person",
    "PersonManager",
    "PersonQuerySet",
    "Responsibility",
    "Task",
    "Topic",
]
