"""stalkcard: en kommunes handlekort ved mistanke om stalking, som et guidet værktøj."""

__version__ = "2.0.0"
