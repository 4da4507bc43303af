from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissions


class ReadAnyoneWriteWithModelPerms(DjangoModelPermissions):
    """Anyone may read; writing needs a signed-in user with the model permission."""

    def has_permission(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        return super().has_permission(request, view)
