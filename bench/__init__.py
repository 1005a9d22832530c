"""Benchmarks of the register, run from the project root (see `make bench`)."""
