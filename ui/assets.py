"""The app's CSS and the conversation view's script (Python strings, so they ship with the
package without package-data). Phone first: the rules for wide screens come last."""

CSS = """
.gradio-container { max-width: 1100px !important; margin: 0 auto; }
#pa-header { margin: 0; }
.pa-icon { display: inline-block !important; width: 1.05em; height: 1.05em; vertical-align: -0.15em;
           margin-right: 0.25em; }
#pa-header h1 { font-size: 1.3em; margin: 0.1em 0; }
#pa-header p { margin: 0; color: var(--body-text-color-subdued); font-size: 0.9em; }
.pa-startup { background: #e6f4ff; color: #003a8c; border-left: 4px solid #1677ff; padding: 0.5em 0.8em;
              border-radius: 6px; }
.pa-startup progress { width: 100%; height: 6px; margin: 0.3em 0; }
.pa-startup.pa-error { background: #fff1f0; color: #a8071a; border-left-color: #cf1322; }

/* the profile row: above the chat, compact, and visibly in use when set */
#pa-profile-row { gap: 6px; }
#pa-profile-row .form { display: grid !important; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 6px;
                        border: none; }
#pa-profile-row .block { min-width: 0 !important; padding: 4px 8px !important; }
#pa-profile-row [data-testid="block-info"] { font-size: 12px; margin-bottom: 2px; }
#pa-profile-state-row { align-items: center; flex-wrap: nowrap; gap: 6px; }
.pa-chip-state { font-size: 0.88em; padding: 0.3em 0.6em; border-radius: 6px; }
.pa-chip-state.pa-off { color: var(--body-text-color-subdued); background: var(--background-fill-secondary); }
.pa-chip-state.pa-on { color: #135200; background: #f6ffed; border: 1px solid #95de64; }
.pa-chip-state.pa-bad { color: #a8071a; background: #fff1f0; border: 1px solid #ffa39e; margin-bottom: 4px; }
#pa-profile-panel { padding: 2px 8px !important; }
#pa-profile-panel > .label-wrap { font-size: 0.92em; padding: 4px 0; }
/* the fold arrow stays inside the panel's edge: Gradio stretches its ▼ to the label's height
   and turns it on its side, so that height became its width, past the edge on a phone */
#pa-profile-panel > .label-wrap > .icon { align-self: center; }

/* the conversation */
#pa-view { padding: 0 !important; }
/* The page scrolls as one (no box inside a box): the conversation is at least a screen tall,
   so a new answer can be brought to the top with the question box still pinned under it. */
.pa-conv { position: relative; min-height: calc(100dvh - 140px);
           border: 1px solid var(--border-color-primary); border-radius: 10px; padding: 0.6em;
           background: var(--background-fill-primary); line-height: 1.65; }
/* The last turn is at least a screen tall, so every new question, not only the first, can
   be brought to the top of the window while its answer is still being made. */
.pa-conv > .pa-turn:last-of-type { min-height: calc(100dvh - 90px); }
.pa-welcome p { margin: 0.2em 0 0.6em; }
.pa-label { color: var(--body-text-color-subdued); font-size: 0.88em; margin-right: 0.3em; }
.pa-chip { display: inline-block; margin: 0.2em 0.3em 0.2em 0; padding: 0.25em 0.7em; border-radius: 999px;
           border: 1px solid var(--color-accent); color: var(--color-accent); background: transparent;
           font-size: 0.92em; cursor: pointer; text-align: left; }
.pa-chip:hover:not([disabled]) { background: var(--color-accent-soft); }
.pa-chip[disabled], .pa-act[disabled] { opacity: 0.5; cursor: not-allowed; }
.pa-turn { margin: 0 0 1em; }
.pa-q, .pa-a { display: flex; gap: 0.5em; align-items: flex-start; }
.pa-q { margin-bottom: 0.4em; }
.pa-q-text { background: var(--color-accent-soft); padding: 0.35em 0.7em; border-radius: 8px;
             white-space: pre-wrap; overflow-wrap: anywhere; max-height: 12em; overflow-y: auto; }
.pa-who { flex: none; width: 1.8em; height: 1.8em; border-radius: 50%; text-align: center; line-height: 1.8em;
          font-size: 0.85em; font-weight: 700; background: var(--neutral-200); color: var(--neutral-700); }
.pa-a .pa-who { background: var(--color-accent); color: white; }
.pa-a-body { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.pa-waiting { color: var(--body-text-color-subdued); }
.pa-ref { border: none; background: none; padding: 0 1px; margin: 0; font: inherit; font-weight: 700;
          color: var(--color-accent); cursor: pointer; text-decoration: underline dotted; }
.pa-ref:hover, .pa-ref:focus { background: var(--color-accent-soft); border-radius: 3px; }
.pa-used { font-size: 0.85em; color: #135200; margin: 0.3em 0; }
.pa-warning { background: #fff7e6; color: #613400; border-left: 4px solid #fa8c16; padding: 0.3em 0.6em;
              margin: 0.3em 0; }
.pa-sources { margin: 0.4em 0; }
.pa-cite { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 0.3em 0.6em;
           margin: 0.3em 0; }
.pa-cite summary { cursor: pointer; font-weight: 600; }
.pa-cite.pa-flash { animation: pa-flash 1.2s ease-out; }
@keyframes pa-flash { from { background: #fff1b8; } to { background: transparent; } }
.pa-n { color: var(--color-accent); }
.pa-meta { color: var(--body-text-color-subdued); font-size: 0.88em; margin: 0.2em 0; }
.pa-clause { margin: 0.4em 0; padding-left: 0.8em; border-left: 3px solid var(--border-color-primary); }
.pa-clause mark, .pa-swatch, .pa-text mark, .pa-hit-head mark { background: #ffe58f; color: #000;
                                                                 padding: 0 1px; }
.pa-lost { background: #f0f0f0; color: #8c8c8c; border-bottom: 1px dashed #8c8c8c; cursor: help; }
.pa-hint, .pa-hint-line { color: var(--body-text-color-subdued); font-size: 0.85em; }
.pa-suggest { margin: 0.4em 0; }
.pa-actions { display: flex; flex-wrap: wrap; gap: 0.4em; margin-top: 0.4em; }
.pa-act { border: 1px solid var(--border-color-primary); border-radius: 6px; padding: 0.2em 0.7em;
          background: var(--background-fill-secondary); font-size: 0.88em; cursor: pointer;
          color: var(--body-text-color); }
.pa-act[aria-pressed="true"] { border-color: var(--color-accent); background: var(--color-accent-soft);
                               font-weight: 700; }
.pa-feedback { margin-top: 0.4em; display: flex; flex-wrap: wrap; gap: 0.4em; align-items: center; }
.pa-feedback textarea { flex: 1 1 16em; min-height: 2.6em; font: inherit; padding: 0.3em;
                        border: 1px solid var(--border-color-primary); border-radius: 6px; }
.pa-saved { color: #135200; font-size: 0.88em; width: 100%; }
.pa-notice { color: var(--body-text-color-subdued); font-size: 0.9em; padding: 0.4em 0; }
.pa-badge { display: inline-block; font-size: 0.8em; padding: 0 0.5em; border-radius: 4px;
            background: #f0f0f0; color: #444; font-weight: 600; white-space: nowrap; }
.pa-expired { background: #fff1f0; color: #cf1322; border: 1px solid #ffa39e; }
.pa-valid { background: #f6ffed; color: #389e0d; border: 1px solid #b7eb8f; }

/* the input row: the screen's last line at every scroll position, whatever the page holds
   below the chat (the staff login); as wide as the page's content (1100 px at most) */
#pa-input-row { gap: 6px; align-items: stretch; flex-wrap: nowrap; position: fixed; bottom: 0; z-index: 20;
                left: 0; right: 0; margin: 0 auto; max-width: 1068px; box-sizing: border-box;
                background: var(--background-fill-primary); padding: 6px 0;
                box-shadow: 0 -6px 8px -6px rgba(0, 0, 0, 0.15); }
#pa-input-row button { min-width: 4.2em !important; flex: none; }
#pa-question textarea { max-height: 9em; overflow-y: auto !important; }

/* every tab keeps the page's full width, so controls never move under the cursor */
#pa-tab-chat, #pa-tab-lookup, #pa-tab-documents { width: 100%; min-width: 100%; box-sizing: border-box; }
/* destructive buttons look destructive, never like 取消 */
#pa-docs-remove, #pa-docs-confirm { background: #cf1322 !important; color: #fff !important;
                                    border-color: #a8071a !important; }
#pa-docs-remove:hover, #pa-docs-confirm:hover { background: #a8071a !important; }

/* lookup, documents, reports */
.pa-hits, .pa-tree, .pa-reports { line-height: 1.6; }
.pa-count { margin: 0.3em 0 0.5em; }
.pa-hit { border-bottom: 1px solid var(--border-color-primary); padding: 0.5em 0; overflow-wrap: anywhere; }
.pa-empty { color: var(--body-text-color-subdued); padding: 0.5em 0; }
.pa-node { margin: 0.3em 0; }
.pa-node-label { font-weight: 600; }
.pa-docs { width: 100%; border-collapse: collapse; font-size: 0.92em; border: none !important; }
.pa-docs th, .pa-docs td { border: none !important; padding: 0.35em 0.5em; text-align: left;
                           vertical-align: top; }
.pa-docs tr { border-bottom: 1px solid var(--border-color-primary); }
.pa-ok { color: #237804; }
.pa-error { color: #cf1322; }
.pa-same { color: var(--body-text-color-subdued); }
.pa-pending { background: #e6f4ff; color: #0958d9; border: 1px solid #91caff; }
.pa-report-warnings { color: var(--body-text-color-subdued); margin: 0 0 0.4em 1.5em; }
.pa-section { margin-top: 0.6em; }
/* the metadata form: two boxes a row on a desktop, one on a phone */
#pa-docs-form .form { display: grid !important; grid-template-columns: repeat(2, minmax(0, 1fr)); }
#pa-docs-form .form > * { min-width: 0 !important; }
.pa-docs td[data-label="日期"] { white-space: nowrap; }

/* phones: the documents table becomes one card per document; every column stays readable */
@media (max-width: 700px) {
  .column { gap: 8px !important; }
  #pa-header h1 { font-size: 1.1em; }
  #pa-header p { display: none; }
  #pa-profile-row .form { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 4px; }
  .pa-conv { min-height: calc(100dvh - 90px); }
  #pa-input-row { padding: 6px 8px; }
  .pa-chip-state { font-size: 0.8em; }
  .pa-conv { padding: 0.4em; }
  .pa-who { display: none; }
  #pa-lookup-row .form, #pa-filter-row .form { display: grid !important; grid-template-columns: 1fr 1fr; }
  #pa-lookup-row .block, #pa-filter-row .block { min-width: 0 !important; }
  #pa-kw, #pa-mode, #pa-in-force { grid-column: 1 / -1; }
  #pa-filter-row { flex-wrap: wrap; }
  .pa-docs thead { display: none; }
  .pa-docs, .pa-docs tbody, .pa-docs tr, .pa-docs td { display: block; width: 100%; }
  .pa-docs tr { border: 1px solid var(--border-color-primary); border-radius: 8px; margin: 0 0 0.6em;
                padding: 0.3em 0.5em; }
  .pa-docs td { border: none; padding: 0.1em 0; }
  .pa-docs td::before { content: attr(data-label) "："; color: var(--body-text-color-subdued); }
  .pa-docs td:first-child { font-weight: 700; }
  .pa-docs td:first-child::before { content: ""; }
  #pa-docs-form .form { grid-template-columns: 1fr; }
}
"""

# Gradio scopes the CSS above to its content area; the page margins around it are set here.
HEAD = """<style>
/* Gradio's container is as wide as its content and clips what overflows it: the tabs would
   change width with their results, and the question box could not stay pinned (sticky) to
   the bottom of the window. Full width up to 1100 px, and nothing clipped. */
.gradio-container { width: 100% !important; overflow: visible !important; }
@media (max-width: 700px) { .gradio-container .main.app { padding: 4px 6px !important; } }
/* room under the page's last line for the question box fixed over it (see CSS) */
.gradio-container { padding-bottom: 72px !important; }
</style>"""

# The hotline block's 复制答复 button: copies exactly the text in the box, in the browser.
COPY_JS = """(text) => {
  const button = document.getElementById('pa-copy-btn');
  const said = (word) => {
    if (!button) return;
    button.textContent = word;
    setTimeout(() => { button.textContent = '复制答复'; }, 1500);
  };
  const fallback = () => {
    const area = document.createElement('textarea');
    area.value = text || '';
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); said('已复制'); } catch (e) { said('复制失败，请手动选择文字'); }
    area.remove();
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text || '').then(() => said('已复制'), fallback);
  } else {
    fallback();
  }
  return [];
}"""

# Runs once when the conversation view is first drawn (gr.HTML js_on_load). Clicks inside
# the view are handled here: [n] opens that answer's own source in place; the buttons send
# their custom events to Python with trigger(); "复制回答" copies in the browser.
VIEW_JS = """
const opened = new Set();
let lastTurns = -1;
let lastBusy = false;
const conv = () => element.querySelector('.pa-conv');

function copyText(text, button) {
  const label = button.textContent;
  const done = () => {
    button.textContent = '已复制';
    setTimeout(() => { button.textContent = label; }, 1500);
  };
  const fallback = () => {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      document.execCommand('copy');
      done();
    } catch (e) {
      button.textContent = '复制失败，请手动选择文字';
    }
    area.remove();
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, fallback);
  } else {
    fallback();
  }
}

function openSource(ref) {
  const turn = ref.closest('.pa-turn');
  const source = turn && turn.querySelector('details.pa-cite[data-n="' + ref.dataset.n + '"]');
  if (!source) return;
  source.open = true;
  if (source.id) opened.add(source.id);
  source.classList.remove('pa-flash');
  void source.offsetWidth;
  source.classList.add('pa-flash');
  source.scrollIntoView({ block: 'nearest' });
}

element.addEventListener('click', (event) => {
  const ref = event.target.closest('.pa-ref');
  if (ref) { event.preventDefault(); openSource(ref); return; }
  const button = event.target.closest('[data-action]');
  if (!button || button.disabled) return;
  const turn = button.closest('.pa-turn');
  const id = turn ? turn.dataset.turn : '';
  const box = turn ? turn.querySelector('textarea.pa-comment') : null;
  const action = button.dataset.action;
  if (action === 'ask') {
    element.querySelectorAll('[data-action="ask"]').forEach((b) => { b.disabled = true; });
    trigger('ask', { text: button.dataset.text || button.textContent });
  } else if (action === 'rate') {
    trigger('rate', { id: id, rating: button.dataset.rating, comment: box ? box.value : null });
  } else if (action === 'comment') {
    trigger('rate', { id: id, rating: turn.dataset.rating, comment: box ? box.value : '' });
  } else if (action === 'regenerate') {
    button.disabled = true;
    trigger('regenerate', { id: id });
  } else if (action === 'copy') {
    const text = turn.querySelector('textarea.pa-copy-text');
    copyText(text ? text.value : '', button);
  }
});

element.addEventListener('toggle', (event) => {
  const source = event.target;
  if (source.matches && source.matches('details.pa-cite') && source.id) {
    if (source.open) { opened.add(source.id); } else { opened.delete(source.id); }
  }
}, true);

// The page scrolls as one: a new question is brought to the top of the window, so its
// answer gets the screen above the pinned question box.
function scrollToTop(el) {
  window.scrollTo({ top: Math.max(0, el.getBoundingClientRect().top + window.scrollY - 6) });
}

function settle() {
  opened.forEach((id) => {
    const source = document.getElementById(id);
    if (source && element.contains(source)) source.open = true;
  });
  const box = conv();
  if (!box) return;
  const turns = Number(box.dataset.turns || 0);
  const busy = box.dataset.busy === '1';
  const notice = box.querySelector('.pa-notice');
  if (busy && !lastBusy) {
    const pending = box.querySelector('.pa-pending');
    if (pending) scrollToTop(pending);
  } else if (notice && !busy) {
    notice.scrollIntoView({ block: 'nearest' });
  } else if (lastTurns === -1 && turns > 0) {
    const all = box.querySelectorAll('.pa-turn');
    scrollToTop(all[all.length - 1]);
  }
  lastTurns = turns;
  lastBusy = busy;
}

watch('value', () => { settle(); });
settle();
"""
