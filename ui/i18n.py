"""Chinese for Gradio's own strings (upload box, buttons, queue and error notices).

Gradio's frontend picks its language from the browser: a browser set to zh-CN gets a
partial Chinese table (common.copy and others fall back to English) and one set to "zh",
"zh-HK" or English gets English. The app's users read Chinese, so the same Chinese table
is given for every locale Gradio 6 ships; keys are Gradio's own (see its lang/en.json).
"""

from __future__ import annotations

import gradio as gr

# The locales of Gradio 6's frontend (gradio/templates/frontend/assets/*-<hash>.js).
GRADIO_LOCALES = (
    "ar", "ca", "ckb", "de", "en", "es", "et", "eu", "fa", "fi", "fr", "he", "hi", "id", "ja", "ko", "lt",
    "nb", "nl", "pl", "pt-BR", "pt", "ro", "ru", "sv", "ta", "th", "tr", "uk", "ur", "uz", "zh-CN", "zh-TW",
)  # fmt: skip

BUILT_IN_CHINESE: dict[str, str] = {
    "common.built_with": "构建于",
    "common.built_with_gradio": "使用 Gradio 构建",
    "common.clear": "清除",
    "common.copy": "复制",
    "common.copied": "已复制",
    "common.download": "下载",
    "common.download_all": "全部下载",
    "common.edit": "编辑",
    "common.empty": "空",
    "common.error": "出错了",
    "common.hosted_on": "托管于",
    "common.loading": "加载中",
    "common.logo": "标志",
    "common.or": "或",
    "common.remove": "移除",
    "common.settings": "设置",
    "common.share": "分享",
    "common.submit": "提交",
    "common.undo": "撤销",
    "common.upload": "上传",
    "common.no_devices": "未找到设备",
    "common.language": "语言",
    "common.display_theme": "显示主题",
    "common.progress": "进度",
    "common.complete": "完成",
    "common.stop_recording": "停止录制",
    "common.runs": "运行记录",
    "common.runs_description": "查看保存在本浏览器中的运行记录",
    "common.back_to_app": "返回应用",
    "common.back_to_app_description": "返回应用",
    "common.run": "运行",
    "upload_text.click_to_upload": "点击上传",
    "upload_text.drop_file": "将文件拖放到此处",
    "upload_text.drop_csv": "将 CSV 文件拖放到此处",
    "upload_text.drop_image": "将图片拖放到此处",
    "upload_text.drop_audio": "将音频拖放到此处",
    "upload_text.drop_video": "将视频拖放到此处",
    "upload_text.drop_gallery": "将媒体文件拖放到此处",
    "upload_text.paste_clipboard": "从剪贴板粘贴",
    "file.uploading": "正在上传…",
    "blocks.connection_can_break": "在手机上，如果切换到其他页面或手机休眠，连接可能中断，排队位置会丢失。",
    "blocks.long_requests_queue": "当前排队的请求较多，请稍候。",
    "blocks.lost_connection": "连接已断开，正在重新连接…",
    "blocks.waiting_for_inputs": "正在等待文件上传完成，请稍后再试。",
    "status.queue_position": "排队中：第 {position} 位，共 {size} 位",
    "errors.use_via_api": "通过 API 调用",
    "errors.use_via_api_or_mcp": "通过 API 或 MCP 调用",
    "errors.build_error": "构建出错",
    "errors.config_error": "配置出错",
    "errors.contact_page_author": "请联系网站管理员。",
    "errors.no_app_file": "缺少应用文件",
    "errors.runtime_error": "运行出错",
    "errors.space_not_working": "服务暂不可用，原因：{0}",
    "errors.space_paused": "服务已暂停",
    "chatbot.copy_message": "复制",
    "chatbot.copied_message": "已复制",
    "dropdown.dropdown": "下拉选择",
    "checkbox.checkbox": "复选框",
    "checkbox.checkbox_group": "复选框组",
}


# Labels Gradio's components write in English outside its translation tables (screen readers
# read them, and they show as tooltips). The page script below translates them, and the
# progress text further down, as they appear.
HARD_CODED_LABELS: dict[str, str] = {
    "Click to upload or drop files": "点击上传或拖放文件",
    "File upload": "上传文件",
    "Remove this file": "移除这个文件",
    "More tabs": "更多标签页",
    "Gradio footer navigation": "页脚导航",
    "Upload a file": "上传文件",
    "Drop a file here, or click to browse": "将文件拖放到此处，或点击选择",
    "Choose a file": "选择文件",
    "Clear": "清除",
    "Empty value": "空",
    "No value": "无",
    "Copy": "复制",
    "Copied": "已复制",
    "Close": "关闭",
    "Dismiss": "关闭",
    "Select/Deselect All": "全选/取消全选",
    "Open in new tab": "在新标签页中打开",
    "View full screen": "全屏查看",
}
_FILE_LABEL = ("File: ", "文件：")

# Text Gradio's progress indicator writes in English outside its tables, while an event runs
# ("processing | 0.4s", "queue: 2/5 |"): pattern and its Chinese, applied to text nodes.
# So does its upload box when a file of another type is dropped ("Invalid file type: a.exe.
# Only .txt, .md allowed.", under an "Error" title).
HARD_CODED_TEXT: tuple[tuple[str, str], ...] = (
    (r"^processing \|", "处理中 |"),
    (r"^queue: (\d+)/(\d*) \|", "排队：$1/$2 |"),
    (
        r"^Invalid file types?: (.*?)(?: and (\d+) more)?\. Only (.*) allowed\.$",
        "不支持的文件类型：$1。只能上传 $3 文件。",
    ),
    (r"^\s*Error\s*$", "出错了"),
)


def label_script() -> str:
    """A <script> for the page head that puts HARD_CODED_LABELS into Chinese as elements appear."""
    import json

    table = json.dumps(HARD_CODED_LABELS, ensure_ascii=False)
    texts = json.dumps(HARD_CODED_TEXT, ensure_ascii=False)
    prefix, chinese = (json.dumps(s, ensure_ascii=False) for s in _FILE_LABEL)
    return f"""<script>
(() => {{
  const table = {table};
  const texts = {texts}.map(([pattern, chinese]) => [new RegExp(pattern), chinese]);
  const say = (node) => {{
    for (const [pattern, chinese] of texts) {{
      if (!pattern.test(node.nodeValue)) continue;
      node.nodeValue = node.nodeValue.replace(pattern, chinese);
      return;
    }}
  }};
  const names = ['aria-label', 'title', 'placeholder'];
  const fix = (el) => {{
    for (const name of names) {{
      const value = el.getAttribute && el.getAttribute(name);
      if (!value) continue;
      if (table[value]) el.setAttribute(name, table[value]);
      else if (value.startsWith({prefix})) {{
        el.setAttribute(name, {chinese} + value.slice({len(_FILE_LABEL[0])}));
      }}
    }}
  }};
  const sweep = (root) => {{
    if (root.nodeType === 3) {{ say(root); return; }}
    if (root.nodeType !== 1) return;
    fix(root);
    root.querySelectorAll('[aria-label], [title], [placeholder]').forEach(fix);
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) say(walker.currentNode);
  }};
  new MutationObserver((changes) => {{
    for (const change of changes) {{
      if (change.type === 'attributes') fix(change.target);
      else if (change.type === 'characterData') say(change.target);
      else change.addedNodes.forEach(sweep);
    }}
  }}).observe(document.documentElement, {{
    subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: names,
  }});
}})();
</script>"""


def chinese_everywhere() -> gr.I18n:
    """The Chinese table for every locale, so the page is Chinese whatever the browser says."""
    return gr.I18n(**{locale: dict(BUILT_IN_CHINESE) for locale in GRADIO_LOCALES})
