#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys
from pathlib import Path


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "officemgr.settings")
    # A machine with no secret configured anywhere (no SECRET_KEY in the environment, no .env file) is
    # a laptop: its commands run with the laptop settings, as `make run` does. Production always has a
    # secret (start-up refuses to serve without one), so there DEBUG stays off unless turned on.
    if "SECRET_KEY" not in os.environ and not (Path(__file__).resolve().parent / ".env").is_file():
        os.environ.setdefault("DEBUG", "True")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
