"""The lab internet: generator and process control behind lab/up, down, status, exec."""
