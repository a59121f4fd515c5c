"""Typed domain objects shared by every stage of the flow."""
