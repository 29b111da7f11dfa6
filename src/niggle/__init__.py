"""niggle: a self-hosted coach for runners who get hurt while training."""

__version__ = "0.1.0"
