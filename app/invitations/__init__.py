"""Public forms opened by a one-time link, without an account: a graduate's tracer answer and a
teacher's own skills."""
