import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from environ import Env


class Command(BaseCommand):
    help = (
        "Make sure an 'admin' superuser exists. Its password comes from "
        "DJANGO_SUPERUSER_PASSWORD; otherwise a generated one is printed, once."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        password = Env().str("DJANGO_SUPERUSER_PASSWORD", default="")
        user = User.objects.filter(username="admin").first()
        if user is not None:
            if password and not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write("admin: password set from DJANGO_SUPERUSER_PASSWORD.")
            else:
                self.stdout.write("admin: already exists (password unchanged).")
            return
        generated = not password
        password = password or secrets.token_urlsafe(12)
        User.objects.create_superuser("admin", "admin@example.org", password)
        if generated:
            self.stdout.write(
                self.style.WARNING(
                    f"Created superuser 'admin' with password: {password}\n"
                    "It is shown only this once; note it down."
                )
            )
        else:
            self.stdout.write(
                "Created superuser 'admin' (password from DJANGO_SUPERUSER_PASSWORD)."
            )
