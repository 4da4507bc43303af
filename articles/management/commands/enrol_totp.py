"""python manage.py enrol_totp USER: two-factor authentication for a staff member (TOTP).

    enrol_totp USER               new device: prints the otpauth:// URI (and a QR code to scan)
    enrol_totp USER --confirm CODE  confirms it with a code from the app (then it is asked at login)
    enrol_totp USER --remove      deletes the user's devices (a lost phone)
"""
import io

import segno
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from articles.services import two_factor


class Command(BaseCommand):
    help = "Enrol USER's authenticator app for two-factor login (TOTP), confirm it, or remove it."

    def add_arguments(self, parser):
        parser.add_argument("username")
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--confirm", metavar="CODE", help="a 6-digit code from the app, to confirm the new device")
        group.add_argument("--remove", action="store_true", help="delete the user's devices")
        parser.add_argument("--no-qr", action="store_true", help="print only the URI")

    def handle(self, *args, username, confirm, remove, no_qr, **options):
        try:
            user = get_user_model().objects.get_by_natural_key(username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no user {username!r}") from None
        if remove:
            n = two_factor.remove_devices(user)
            self.stdout.write(f"{n} device(s) removed for {username}")
        elif confirm:
            if not two_factor.confirm_enrolment(user, confirm.strip()):
                raise CommandError("that code does not match the pending device (run enrol_totp USER first; "
                                   "check the phone's clock)")
            self.stdout.write(f"two-factor login confirmed for {username}")
        else:
            device = two_factor.start_enrolment(user)
            if not no_qr:
                qr = io.StringIO()
                segno.make(device.config_url).terminal(out=qr, compact=True)
                self.stdout.write(qr.getvalue(), ending="")
            self.stdout.write(device.config_url)
            self.stdout.write(f"Scan it (or enter the URI's secret) in an authenticator app, then run:\n"
                              f"  python manage.py enrol_totp {username} --confirm CODE")
