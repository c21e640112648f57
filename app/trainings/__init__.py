"""Training providers and schools list their trainings, with skills suggested from the text."""
