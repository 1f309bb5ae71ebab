"""(being written)"""

from __future__ import annotations

from fastapi import APIRouter

from ..session import PageRoute

router = APIRouter(route_class=PageRoute, include_in_schema=False)
