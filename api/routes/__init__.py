"""The JSON API: one small handler per question, each calling one query function."""
