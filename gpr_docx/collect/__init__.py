"""Collect a season's submissions: match them to units, review them, find copies, roll them up."""
