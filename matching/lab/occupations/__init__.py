"""Lab: the occupation classifier's cross-validated evaluation and parameter fit."""
