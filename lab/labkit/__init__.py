# SPDX-License-Identifier: Apache-2.0
"""The lab internet: generator and process control behind lab/up, down, status, exec."""
