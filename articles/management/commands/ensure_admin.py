"""python manage.py ensure_admin: make sure someone can log in to the admin.

With ADMIN_USERNAME and ADMIN_PASSWORD set, that superuser is created (or its password reset).
Otherwise, when no superuser exists, "admin" is created with a random password printed once.
"""
import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the admin login from ADMIN_USERNAME/ADMIN_PASSWORD, or a generated one printed once."

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME")
        password = os.environ.get("ADMIN_PASSWORD")
        if username and password:
            user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True,
                                                                                      "is_superuser": True})
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            self.stdout.write(f"Admin login: {username} with the password in ADMIN_PASSWORD "
                              f"({'created' if created else 'updated'}).")
            return
        existing = User.objects.filter(is_superuser=True).order_by("id").first()
        if existing:
            self.stdout.write(f"Admin login: {existing.username} (already set up; set ADMIN_USERNAME and "
                              "ADMIN_PASSWORD to reset a password).")
            return
        password = secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", password=password)
        self.stdout.write(f"Admin login: admin / {password}  (shown once: note it, or set ADMIN_USERNAME and "
                          "ADMIN_PASSWORD and run this again)")
