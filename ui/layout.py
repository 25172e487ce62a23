"""The Blocks layout: three tabs wired to Handlers. No logic here beyond wiring."""

from __future__ import annotations

import gradio as gr

from assistant import present
from ui.handlers import ALL, EXAMPLES, STATUSES, Handlers, skill_levels, worker_groups
from ui.services import Services

TITLE = "技能人才政策助手"

# System fonts only: the default theme would fetch Google fonts, and there may be no network.
THEME = gr.themes.Soft(
    font=["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"],
    font_mono=["Noto Sans Mono CJK SC", "ui-monospace", "monospace"],
)
UPLOAD_TYPES = [".txt", ".html", ".htm", ".docx", ".pdf"]


def build_app(services: Services, stream_delay: float = 0.04) -> gr.Blocks:
    """The whole app. Touches no index: document lists are filled when a page loads."""
    h = Handlers(services, stream_delay=stream_delay)
    with gr.Blocks(title=TITLE) as demo:
        gr.Markdown(f"## {TITLE}\n职业技能培训与技能人才政策问答，答案注明出处条款。", elem_id="pa-header")
        with gr.Tabs():
            with gr.Tab("政策问答", id="chat", elem_id="pa-tab-chat"):
                _chat_tab(h)
            with gr.Tab("条款查询", id="lookup", elem_id="pa-tab-lookup"):
                doc_filter, province_filter, tree_doc = _lookup_tab(h)
            with gr.Tab("文件库", id="documents", elem_id="pa-tab-documents"):
                table = _documents_tab(h, [doc_filter, province_filter, tree_doc])
        demo.load(h.refresh, None, [table, doc_filter, province_filter, tree_doc], api_visibility="private")
    return demo


def _chat_tab(h: Handlers) -> None:
    session = gr.State(None)  # per browser session (the chat handler creates it): never shared
    with gr.Row():
        with gr.Column(scale=3):
            chatbot = gr.Chatbot(
                label="对话",
                height=480,
                buttons=["copy"],
                render_markdown=False,  # answers are plain text; "[1]" must copy as "[1]"
                placeholder="请用日常语言提问，例如“我是无锡的农民工，参加技能培训有补贴吗？”",
                elem_id="pa-chatbot",
            )
            with gr.Row(equal_height=True):
                message = gr.Textbox(
                    show_label=False, placeholder="输入您的问题，按回车发送", scale=5, elem_id="pa-question"
                )
                send = gr.Button("发送", variant="primary", scale=1, min_width=80, elem_id="pa-send")
            with gr.Row(elem_id="pa-feedback-row"):
                up = gr.Button("👍 有帮助", size="sm", scale=0, min_width=90, elem_id="pa-up")
                down = gr.Button("👎 没帮助", size="sm", scale=0, min_width=90, elem_id="pa-down")
                comment = gr.Textbox(
                    show_label=False,
                    placeholder="可选：补充意见，再点 👍/👎",
                    scale=3,
                    container=False,
                    elem_id="pa-comment",
                )
                clear = gr.Button("🔄 新对话", size="sm", scale=0, min_width=90, elem_id="pa-clear")
            feedback_status = gr.Markdown(elem_id="pa-feedback-status")
            gr.Examples([[q] for q in EXAMPLES], inputs=[message], label="示例问题")
        with gr.Column(scale=2):
            with gr.Accordion("我的情况（可选，用于匹配适用政策）", open=False, elem_id="pa-profile"):
                region = gr.Textbox(label="所在地区", placeholder="如：无锡、宿迁、宁夏", elem_id="pa-region")
                groups = gr.CheckboxGroup(worker_groups(), label="人员类别", elem_id="pa-groups")
                level = gr.Dropdown(["", *skill_levels()], value="", label="技能等级")
                status = gr.Dropdown(["", *STATUSES], value="", label="就业状态")
            with gr.Accordion("出处与条款原文", open=True, elem_id="pa-sources-panel"):
                sources = gr.HTML(present.sources_html(None), elem_id="pa-sources")

    chat_in = [message, session, region, groups, level, status]
    chat_out = [chatbot, session, sources, message, feedback_status]
    private = {"api_visibility": "private"}
    # Callable by API clients that hold a session (gradio_client keeps the gr.State),
    # but kept out of the public API page, which documents only "ask".
    message.submit(h.chat, chat_in, chat_out, api_name="chat", api_visibility="undocumented")
    send.click(h.chat, chat_in, chat_out, **private)
    clear.click(h.clear, None, chat_out, **private)
    chatbot.clear(h.clear, None, chat_out, **private)  # the chatbot's own 🗑 button
    up.click(h.rate_up, [session, comment], [feedback_status, comment], **private)
    down.click(h.rate_down, [session, comment], [feedback_status, comment], **private)
    chatbot.like(h.on_like, [session], [feedback_status], **private)


def _lookup_tab(h: Handlers) -> tuple[gr.Dropdown, gr.Dropdown, gr.Dropdown]:
    private = {"api_visibility": "private"}
    with gr.Row(equal_height=True):
        keywords = gr.Textbox(
            label="关键词", placeholder="如：培训补贴、技师、退役军人", scale=3, elem_id="pa-kw"
        )
        doc_filter = gr.Dropdown([("全部文件", ALL)], value=ALL, label="文件", scale=3, elem_id="pa-doc")
        province = gr.Dropdown([("全部地区", ALL)], value=ALL, label="地区", scale=2, elem_id="pa-prov")
        in_force = gr.Checkbox(label="只看有效文件", value=False, scale=1, elem_id="pa-in-force")
        search = gr.Button("查询", variant="primary", scale=1, elem_id="pa-search")
    results = gr.HTML(elem_id="pa-results")
    search_in = [keywords, doc_filter, province, in_force]
    search.click(h.search, search_in, results, **private)
    keywords.submit(h.search, search_in, results, **private)

    with gr.Accordion("可复制答复（热线用）", open=True, elem_id="pa-copy-panel"):
        with gr.Row(equal_height=True):
            question = gr.Textbox(label="来电问题", scale=4, elem_id="pa-copy-question")
            region = gr.Textbox(label="来电人所在地区（可选）", scale=2, elem_id="pa-copy-region")
            answer = gr.Button("生成答复", variant="primary", scale=1, elem_id="pa-copy-ask")
        copy_box = gr.Textbox(
            label="答复与出处（可直接复制）", lines=8, buttons=["copy"], interactive=False, elem_id="pa-copy"
        )
        with gr.Accordion("JSON", open=False):
            answer_json = gr.JSON(label="Answer", elem_id="pa-answer-json")
    # The button's event is the public "ask" endpoint that gradio_client calls.
    answer.click(h.api_ask, [question, region], answer_json, api_name="ask").then(
        h.copy_block, answer_json, copy_box, **private
    )

    with gr.Accordion("文件条款目录", open=False, elem_id="pa-tree-panel"):
        tree_doc = gr.Dropdown([], label="选择文件", elem_id="pa-tree-doc")
        tree = gr.HTML(elem_id="pa-tree")
    tree_doc.change(h.clause_tree, tree_doc, tree, **private)
    return doc_filter, province, tree_doc


def _documents_tab(h: Handlers, dropdowns: list[gr.Dropdown]) -> gr.HTML:
    table = gr.HTML(elem_id="pa-docs")
    with gr.Accordion("上传新文件", open=True):
        files = gr.File(
            label="政策文件（txt / html / docx / pdf，可多选）",
            file_count="multiple",
            file_types=UPLOAD_TYPES,
            type="filepath",
            elem_id="pa-upload",
        )
        upload = gr.Button("加入文件库并更新索引", variant="primary", elem_id="pa-upload-btn")
        report = gr.HTML(elem_id="pa-report")
    # One upload at a time: each rebuilds the index from the sources folder.
    upload.click(h.upload, files, [report, table, *dropdowns], concurrency_limit=1, api_visibility="private")
    return table
