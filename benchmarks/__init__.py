"""Benchmarks of drafter against docxtpl and pandoc: see docs/performance.md."""
