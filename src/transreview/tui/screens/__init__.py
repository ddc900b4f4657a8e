"""Screens of the review UI."""
