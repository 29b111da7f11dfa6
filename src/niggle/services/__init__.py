"""Use cases: one function per thing a user does. Only this layer opens transactions."""
