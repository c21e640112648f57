"""An organisation's own page: who it is and its verification."""
