"""Figure functions: each takes a table, returns a matplotlib Figure and knows nothing of the build."""
