"""Lab: the skill linker's evaluation and fitting (calibration, extract, document filter)."""
