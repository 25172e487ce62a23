"""The app's CSS (a Python string, so it ships with the package without package-data)."""

CSS = """
#pa-header h2 { margin-bottom: 0; }
.pa-sources, .pa-hits, .pa-tree, .pa-reports { font-size: 0.95em; line-height: 1.6; }
.pa-hint { color: var(--body-text-color-subdued); font-size: 0.85em; }
.pa-swatch { background: #ffe58f; color: #000; }
.pa-empty { color: var(--body-text-color-subdued); padding: 0.5em 0; }
.pa-warning { background: #fff7e6; color: #613400; border-left: 4px solid #fa8c16;
               padding: 0.3em 0.6em; margin: 0.3em 0; }
.pa-cite { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.4em 0.7em;
           margin: 0.5em 0; }
.pa-cite summary { cursor: pointer; font-weight: 600; }
.pa-n { color: var(--color-accent); }
.pa-meta { color: var(--body-text-color-subdued); font-size: 0.9em; margin: 0.2em 0; }
.pa-clause { margin: 0.4em 0; padding-left: 0.8em; border-left: 3px solid var(--border-color-primary); }
.pa-clause mark { background: #ffe58f; color: #000; padding: 0 1px; }
.pa-badge { display: inline-block; font-size: 0.8em; padding: 0 0.5em; border-radius: 4px;
            background: #f0f0f0; color: #444; font-weight: 600;
            white-space: nowrap; }
.pa-expired { background: #fff1f0; color: #cf1322; border: 1px solid #ffa39e; }
.pa-valid { background: #f6ffed; color: #389e0d; border: 1px solid #b7eb8f; }
.pa-hit { border-bottom: 1px solid var(--border-color-primary); padding: 0.5em 0; }
.pa-node { margin: 0.3em 0; }
.pa-node-label { font-weight: 600; }
.pa-docs { width: 100%; border-collapse: collapse; font-size: 0.92em; }
.pa-docs th, .pa-docs td { border-bottom: 1px solid var(--border-color-primary); padding: 0.35em 0.5em;
                           text-align: left; vertical-align: top; }
.pa-docs td:nth-child(2), .pa-docs td:nth-child(4) { white-space: nowrap; }
.pa-ok { color: #237804; }
.pa-error { color: #cf1322; }
.pa-report-warnings { color: var(--body-text-color-subdued); margin: 0 0 0.4em 1.5em; }
"""
