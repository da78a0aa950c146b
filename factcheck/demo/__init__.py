"""The demo desk: the seed article's companies, claims, sources and checks (load_demo)."""
