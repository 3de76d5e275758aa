"""Pure renderers: content-model objects in, HTML or SVG strings out. Unit tests call them directly."""
