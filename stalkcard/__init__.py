"""stalkcard: Skanderborg Kommunes actioncard ved mistanke om stalking, som et guidet værktøj."""

__version__ = "1.0.0"
