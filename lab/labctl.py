#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Entry point behind lab/up, down, status, exec and selftest."""
import sys

from labkit.cli import main

sys.exit(main(sys.argv[1:]))
