"""SQL implementations of the repository ports in ``bot.ports``, one module per table."""

from storage.repositories._common import UnknownPersonError
from storage.repositories.deliveries import SqlDeliveryRepository
from storage.repositories.followups import SqlFollowupRepository
from storage.repositories.owners import SqlOwnerRepository
from storage.repositories.people import SqlPersonRepository
from storage.repositories.touches import SqlTouchRepository

__all__ = [
    "SqlDeliveryRepository",
    "SqlFollowupRepository",
    "SqlOwnerRepository",
    "SqlPersonRepository",
    "SqlTouchRepository",
    "UnknownPersonError",
]
