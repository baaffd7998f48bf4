"""Routes of the versioned content API (``/api/v1/``)."""

urlpatterns: list = []
