"""The Gradio app: chat for workers, lookup for hotline staff, the document corpus.

All gradio code lives in this package; `assistant/` never imports it. `app.py` at the
project root builds the app from here and launches it.
"""
