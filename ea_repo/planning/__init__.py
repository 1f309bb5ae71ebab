"""The to-be side: the gap between plateaus and the roadmap records (Peta Rencana)."""
