"""Benchmarks: scripts that print figures (see README.md); the product never imports them."""
