"""The Blocks layout: three tabs wired to the handlers, and the staff login under them.
No logic here beyond wiring: who sees which tab, and who may do what, is decided by
ui.access on the server for each request."""

from __future__ import annotations

import gradio as gr

from assistant.documents import EDITABLE
from ui.access import Guard, LoginHandlers
from ui.api import Api
from ui.assets import COPY_JS, VIEW_JS
from ui.chat import STATUSES, ChatHandlers, skill_levels, worker_groups
from ui.documents import FORM_FIELDS, UPLOAD_TYPES, DocumentHandlers
from ui.lookup import ALL, MODES, LookupHandlers
from ui.render import profile_chip, profile_label
from ui.services import Services

TITLE = "技能人才政策助手"
CONVERSATION_KEY = "policy-assistant-conversation-v1"
PROFILE_KEY = "policy-assistant-profile-v1"

# System fonts only: the default theme would fetch Google fonts, and there may be no network.
THEME = gr.themes.Soft(
    font=["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"],
    font_mono=["Noto Sans Mono CJK SC", "ui-monospace", "monospace"],
)
PRIVATE = {"api_visibility": "private"}


def build_app(services: Services, stream_delay: float = 0.04, browser_secret: str | None = None) -> gr.Blocks:
    """The whole app. Touches no index: documents are listed once the index is ready.

    `browser_secret` encrypts the conversation each browser keeps; a fixed one lets
    conversations survive a restart of the server.
    """
    chat = ChatHandlers(services, stream_delay=stream_delay)
    docs = DocumentHandlers(services)
    # Shown at once only where every visitor is a curator (`make run`); elsewhere the page
    # load shows the tabs this session's role may use.
    local = services.access.local_curator
    served = services.access.library_served
    login = LoginHandlers(Guard(services.access, services.sessions), library_built=served)
    with gr.Blocks(title=TITLE) as demo:
        _api(Api(services))  # first, so the public endpoints own their names
        gr.HTML(
            f"<h1>{TITLE}</h1><p>职业技能培训与技能人才政策问答，每个回答都注明出处条款。</p>",
            elem_id="pa-header",
        )
        banner = gr.HTML(elem_id="pa-startup-banner", visible=False)
        timer = gr.Timer(1.0, active=True)
        stored = gr.BrowserState(None, storage_key=CONVERSATION_KEY, secret=browser_secret)
        stored_profile = gr.BrowserState(None, storage_key=PROFILE_KEY, secret=browser_secret)
        with gr.Tabs() as tabs:
            with gr.Tab("政策问答", id="chat", elem_id="pa-tab-chat"):
                profile = _chat_tab(chat, stored, stored_profile)
            with gr.Tab("条款查询", id="lookup", elem_id="pa-tab-lookup", visible=local) as lookup_tab:
                doc_filter, province_filter, tree_doc = _lookup_tab(LookupHandlers(services))
            with gr.Tab("文件库", id="documents", elem_id="pa-tab-documents", visible=local) as docs_tab:
                if served:
                    table, managed = _documents_tab(docs, doc_filter, province_filter, tree_doc)
                else:  # no curator can exist: the library's controls are not even sent to browsers
                    table, managed = gr.HTML(visible=False), gr.Dropdown([], visible=False)
        session = _login_panel(login, lookup_tab, docs_tab, tabs)
        document_outputs = [table, doc_filter, province_filter, tree_doc, managed]
        timer.tick(docs.startup, None, [banner, timer, *document_outputs], show_progress="hidden", **PRIVATE)
        demo.load(docs.startup, None, [banner, timer, *document_outputs], show_progress="hidden", **PRIVATE)
        demo.load(login.page, None, session, show_progress="hidden", **PRIVATE)
        demo.load(chat.restore, [stored, stored_profile], profile, show_progress="hidden", **PRIVATE)
    return demo


def _chat_tab(
    h: ChatHandlers, stored: gr.BrowserState, stored_profile: gr.BrowserState
) -> list[gr.Component | gr.Accordion]:
    # Folded to one line (what the answers are matched to); a tap opens the form. On a
    # phone the answer, not the form, gets the screen.
    with gr.Accordion(profile_label(None), open=False, elem_id="pa-profile-panel") as panel:
        with gr.Row(elem_id="pa-profile-row", equal_height=True):
            region = gr.Textbox(
                label="所在地区", placeholder="如：无锡、宿迁、宁夏", max_length=40, elem_id="pa-region"
            )
            groups = gr.Dropdown(worker_groups(), multiselect=True, label="人员类别", elem_id="pa-groups")
            levels = [("不限", ""), *skill_levels()]
            level = gr.Dropdown(levels, value="", label="技能等级", elem_id="pa-level")
            status = gr.Dropdown([("不限", ""), *STATUSES], value="", label="就业状态", elem_id="pa-status")
        with gr.Row(elem_id="pa-profile-state-row", equal_height=True):
            chip = gr.HTML(profile_chip(None), elem_id="pa-profile-state")
            clear_profile = gr.Button("清除", size="sm", scale=0, min_width=60, elem_id="pa-profile-clear")
    view = gr.HTML(elem_id="pa-view", js_on_load=VIEW_JS, apply_default_css=False)
    with gr.Row(elem_id="pa-input-row", equal_height=True):
        message = gr.Textbox(
            label="问题",
            show_label=False,
            placeholder="输入问题，按回车发送",
            lines=1,
            max_lines=5,
            scale=5,
            container=False,
            elem_id="pa-question",
        )
        send = gr.Button("发送", variant="primary", scale=0, interactive=False, elem_id="pa-send")
        stop = gr.Button("停止", variant="stop", scale=0, visible=False, elem_id="pa-stop")
        new = gr.Button("新对话", scale=0, elem_id="pa-new")
    hint = gr.HTML(elem_id="pa-hint")
    pending = gr.State(None)  # the question being answered, put back in the box if stopped

    profile_in = [region, groups, level, status]
    outputs = [message, view, stored, send, stop, hint, pending]
    asking = gr.on(
        [message.submit, send.click], h.chat, [message, stored, *profile_in], outputs,
        trigger_mode="once", show_progress="hidden", **PRIVATE,
    )  # fmt: skip
    # An example or 猜你想问 question, and 重新回答: custom events of the view, one handler.
    clicked = [
        event(h.clicked, [stored, *profile_in], outputs, show_progress="hidden", **PRIVATE)
        for event in (view.ask, view.regenerate)
    ]
    stop.click(
        h.stop, [stored, pending, message], [message, view, send, stop, hint, pending],
        cancels=[asking, *clicked], **PRIVATE,
    )  # fmt: skip
    view.rate(h.rate, [stored], [view, stored, hint], show_progress="hidden", **PRIVATE)
    new.click(h.new_conversation, None, [view, stored, hint], cancels=[asking, *clicked], **PRIVATE)
    message.change(h.typing, message, [send, hint], queue=False, show_progress="hidden", **PRIVATE)
    gr.on(
        [region.change, groups.change, level.change, status.change], h.profile_changed, profile_in,
        [chip, stored_profile, panel], queue=False, show_progress="hidden", **PRIVATE,
    )  # fmt: skip
    clear_profile.click(
        h.clear_profile,
        None,
        [*profile_in, chip, stored_profile, panel],
        queue=False,
        show_progress="hidden",
        **PRIVATE,
    )
    return [view, stored, *profile_in, chip, panel]


def _lookup_tab(h: LookupHandlers) -> tuple[gr.Dropdown, gr.Dropdown, gr.Dropdown]:
    with gr.Row(equal_height=True, elem_id="pa-lookup-row"):
        keywords = gr.Textbox(
            label="关键词", placeholder="如：技术能手 奖励（多个词用空格隔开）", scale=3, elem_id="pa-kw"
        )
        mode = gr.Radio(MODES, value="keyword", label="查找方式", scale=2, elem_id="pa-mode")
    with gr.Row(equal_height=True, elem_id="pa-filter-row"):
        doc_filter = gr.Dropdown([("全部文件", ALL)], value=ALL, label="文件", scale=3, elem_id="pa-doc")
        province = gr.Dropdown([("全部地区", ALL)], value=ALL, label="地区", scale=2, elem_id="pa-prov")
        in_force = gr.Checkbox(label="只看有效文件", value=False, scale=1, elem_id="pa-in-force")
        search = gr.Button("查询", variant="primary", scale=1, elem_id="pa-search")
    results = gr.HTML(elem_id="pa-results")
    search_in = [keywords, mode, doc_filter, province, in_force]
    # Changing a filter or the mode re-runs the search (an empty box only asks for keywords).
    # always_last: a 查询 pressed while a filter's search is still running is run after it,
    # not dropped (on a busy server the click was lost and the old results stayed).
    gr.on(
        [search.click, keywords.submit, mode.change, doc_filter.change, province.change, in_force.change],
        h.search, search_in, results, trigger_mode="always_last", **PRIVATE,
    )  # fmt: skip

    with gr.Accordion("可复制答复（热线用）", open=False, elem_id="pa-copy-panel"):
        with gr.Row(equal_height=True):
            question = gr.Textbox(label="来电问题", scale=4, elem_id="pa-copy-question")
            region = gr.Textbox(label="来电人所在地区（可选）", scale=2, elem_id="pa-copy-region")
            answer = gr.Button("生成答复", variant="primary", scale=1, elem_id="pa-copy-ask")
        copy_box = gr.Textbox(label="答复与出处（可直接复制）", lines=8, interactive=False, elem_id="pa-copy")
        copy = gr.Button("复制答复", size="sm", elem_id="pa-copy-btn")
    answer.click(h.copy_block, [question, region], copy_box, **PRIVATE)
    copy.click(None, copy_box, None, js=COPY_JS)

    with gr.Accordion("文件条款目录", open=False, elem_id="pa-tree-panel"):
        tree_doc = gr.Dropdown([], label="选择文件", elem_id="pa-tree-doc")
        tree = gr.HTML(elem_id="pa-tree")
    tree_doc.change(h.clause_tree, tree_doc, tree, **PRIVATE)
    return doc_filter, province, tree_doc


def _documents_tab(
    h: DocumentHandlers, doc_filter: gr.Dropdown, province: gr.Dropdown, tree_doc: gr.Dropdown
) -> tuple[gr.HTML, gr.Dropdown]:
    """Curators: upload, the library table, one document's corrections, replacement and
    removal, and the feedback. Every change refreshes the table and every document dropdown."""
    with gr.Accordion("上传新文件", open=False, elem_id="pa-upload-panel"):
        files = gr.File(
            label="政策文件（txt / md / html / docx / pdf，可多选）",
            file_count="multiple",
            file_types=UPLOAD_TYPES,
            type="filepath",
            elem_id="pa-upload",
        )
        upload = gr.Button("加入文件库并更新索引", variant="primary", elem_id="pa-upload-btn")
        report = gr.HTML(elem_id="pa-report")
    table = gr.HTML(elem_id="pa-docs")
    with gr.Accordion("管理文件：修订元数据、替换、删除", open=False, elem_id="pa-manage-panel"):
        managed = gr.Dropdown([], label="选择文件", elem_id="pa-docs-select")
        message = gr.HTML(elem_id="pa-docs-message")
        gr.HTML(
            '<div class="pa-section"><b>修订元数据</b>：保存为馆员修订，原文件不变；'
            "清空某一项即撤销对它的修订。日期写成 2024-03-15 或 2024年3月15日。</div>"
        )
        with gr.Group(elem_id="pa-docs-form"):
            boxes = [
                gr.Textbox(label=EDITABLE[name], max_lines=2, elem_id=f"pa-docs-{name}")
                for name in FORM_FIELDS
            ]
        save = gr.Button("保存修订", variant="primary", elem_id="pa-docs-save")
        gr.HTML('<div class="pa-section"><b>替换为新版本</b>：已有的引用和馆员修订都保留。</div>')
        new_version = gr.File(
            label="新版本文件",
            file_types=UPLOAD_TYPES,
            type="filepath",
            height=140,
            elem_id="pa-docs-new-version",
        )
        replace = gr.Button("用新版本替换", elem_id="pa-docs-replace")
        gr.HTML('<div class="pa-section"><b>删除</b></div>')
        remove = gr.Button("删除所选文件…", variant="stop", elem_id="pa-docs-remove")
        with gr.Column(visible=False, elem_id="pa-docs-confirm-box") as confirm_box:
            question = gr.HTML(elem_id="pa-docs-confirm-text")
            with gr.Row():
                confirm = gr.Button("确认删除", variant="stop", elem_id="pa-docs-confirm")
                cancel = gr.Button("取消", elem_id="pa-docs-cancel")
    with gr.Accordion("用户反馈（供整理人员查看）", open=False, elem_id="pa-feedback-panel"):
        with gr.Row():
            show = gr.Button("查看最近反馈", elem_id="pa-feedback-show")
            export = gr.Button("导出全部反馈（CSV）", elem_id="pa-feedback-export")
        feedback = gr.HTML(elem_id="pa-feedback-list")
        download = gr.File(label="下载反馈文件", interactive=False, visible=False, elem_id="pa-feedback-file")

    awaiting = gr.State(None)  # the document whose removal this browser was asked to confirm
    listed = [table, doc_filter, province, tree_doc, managed]
    # One change at a time (the ingest lock serialises sessions): each may rebuild the index.
    # Progress shows on the report or the message only, never over the table.
    change = {"concurrency_limit": 1, "concurrency_id": "library", **PRIVATE}
    # The box is emptied once the files are in (or refused, with a report saying why): sending
    # it again would add the same files twice.
    upload.click(h.upload, files, [report, *listed], show_progress_on=[report], **change).then(
        _empty, None, files, show_progress="hidden", **PRIVATE
    )
    managed.change(
        h.select, managed, [*boxes, confirm_box, awaiting, message], show_progress="hidden", **PRIVATE
    )
    save.click(
        h.save_event, [managed, *boxes], [message, *listed, *boxes], show_progress_on=[message], **change
    )
    replace.click(h.replace, [managed, new_version], [message, *listed], show_progress_on=[message], **change)
    remove.click(h.ask_remove, managed, [confirm_box, question, awaiting, message], **PRIVATE)
    cancel.click(h.cancel_remove, None, [confirm_box, awaiting, message], **PRIVATE)
    confirm.click(
        h.remove, [awaiting, doc_filter, tree_doc], [message, confirm_box, awaiting, *listed],
        show_progress_on=[message], **change,
    )  # fmt: skip
    show.click(h.feedback, None, feedback, **PRIVATE)
    export.click(h.export_feedback, None, download, **PRIVATE).then(h.feedback, None, feedback, **PRIVATE)
    return table, managed


def _login_panel(
    h: LoginHandlers, lookup_tab: gr.Tab, docs_tab: gr.Tab, tabs: gr.Tabs
) -> list[gr.components.Component | gr.Tab | gr.Row]:
    """Under the tabs: who this session is, and the login for hotline staff and curators."""
    who = gr.HTML(elem_id="pa-login-state")
    with gr.Accordion("工作人员登录", open=False, elem_id="pa-login-panel"):
        with gr.Row(equal_height=True, elem_id="pa-login-form") as form:
            name = gr.Textbox(label="用户名", max_length=32, scale=2, elem_id="pa-login-name")
            password = gr.Textbox(
                label="密码", type="password", max_length=200, scale=2, elem_id="pa-login-password"
            )
            submit = gr.Button("登录", variant="primary", scale=1, elem_id="pa-login-btn")
        logout = gr.Button("退出登录", visible=False, elem_id="pa-logout-btn")
    shown = [who, lookup_tab, docs_tab, logout, form]
    gr.on([submit.click, password.submit], h.login, [name, password], [*shown, password, tabs], **PRIVATE)
    logout.click(h.logout, None, [*shown, password, tabs], **PRIVATE)
    gr.on([lookup_tab.select, docs_tab.select], h.opened, None, [*shown, tabs], **PRIVATE)
    return shown


def _empty() -> None:
    return None


def _api(api: Api) -> None:
    """The endpoints gradio_client sees: ask, chat and feedback (the UI's events are private)."""
    gr.api(api.ask, api_name="ask")
    gr.api(api.chat, api_name="chat")
    gr.api(api.feedback, api_name="feedback")
