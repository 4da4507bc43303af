"""The public side: published fact-checks, readable without an account."""
