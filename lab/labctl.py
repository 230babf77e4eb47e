#!/usr/bin/python3
"""Entry point behind lab/up, down, status, exec and selftest."""
import sys

from labkit.cli import main

sys.exit(main(sys.argv[1:]))
