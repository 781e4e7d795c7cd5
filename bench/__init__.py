"""The benchmark: `make bench`. See README.md, "Performance"."""
