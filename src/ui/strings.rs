//! Every interface string, in Chinese and English, in one table.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Chinese when the system locale is Chinese (LC_ALL, LC_MESSAGES, LANG), else English.
    pub fn from_system() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
        if locale.is_some_and(|l| l.to_lowercase().starts_with("zh")) { Lang::Zh } else { Lang::En }
    }

    pub fn t(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

pub struct Strings {
    pub file: &'static str,
    pub open: &'static str,
    pub recent: &'static str,
    pub quit: &'static str,
    pub view: &'static str,
    pub fit: &'static str,
    pub fit_short: &'static str,
    pub language: &'static str,
    pub layouts: &'static str,
    pub search_hint: &'static str,
    pub no_match: &'static str,
    pub structures: &'static str,
    pub no_polygon: &'static str,
    pub color_by: &'static str,
    pub none: &'static str,
    pub details: &'static str,
    pub click_hint: &'static str,
    pub problems: &'static str,
    pub close: &'static str,
    pub kept_previous: &'static str,
    pub source: &'static str,
    pub partial: &'static str,
    pub whole: &'static str,
    pub context: &'static str,
    pub open_file: &'static str,
    pub up: &'static str,
    pub cancel: &'static str,
    pub nothing_open: &'static str,
    pub keys_help: &'static str,
    pub features: &'static str,
    pub present: &'static str,
    pub export: &'static str,
    pub exported: &'static str,
    pub step_of: &'static str,
    pub present_help: &'static str,
}

pub static ZH: Strings = Strings {
    file: "文件",
    open: "打开…",
    recent: "最近打开",
    quit: "退出",
    view: "视图",
    fit: "全图 (Home)",
    fit_short: "全图",
    language: "语言 Language",
    layouts: "布局",
    search_hint: "搜索区县、结构、医院、项目…",
    no_match: "无匹配",
    structures: "布局结构（图例）",
    no_polygon: "无边界成员",
    color_by: "着色字段",
    none: "（无）",
    details: "详情",
    click_hint: "点击地图上的区县，或图例中的结构，查看规划内容。",
    problems: "问题",
    close: "关闭",
    kept_previous: "文件有错误，仍显示之前的布局。",
    source: "来源",
    partial: "部分",
    whole: "全域",
    context: "规划范围外",
    open_file: "打开文件",
    up: "上一级",
    cancel: "取消",
    nothing_open: "未打开布局：用 文件 ▸ 打开…，或把 .toml / .geojson 文件拖进窗口。",
    keys_help: "拖动平移 · 滚轮/＋－缩放 · 方向键移动 · Home 全图 · Esc 清除",
    features: "要素",
    present: "演示",
    export: "导出",
    exported: "已导出：",
    step_of: "第 {k} 步，共 {n} 步",
    present_help: "下一步：右方向键 / PageDown / 空格 · 上一步：左方向键 / PageUp · 点击区县看详情 · F11 全屏 · Esc 退出",
};

pub static EN: Strings = Strings {
    file: "File",
    open: "Open…",
    recent: "Recent",
    quit: "Quit",
    view: "View",
    fit: "Fit layout (Home)",
    fit_short: "Fit",
    language: "Language 语言",
    layouts: "Layouts",
    search_hint: "Search counties, structures, hospitals, projects…",
    no_match: "No match",
    structures: "Structures (legend)",
    no_polygon: "Members without boundary",
    color_by: "Colour by",
    none: "(none)",
    details: "Details",
    click_hint: "Click a county on the map, or a structure in the legend, to read the plan.",
    problems: "Problems",
    close: "Close",
    kept_previous: "The file has errors; the previous layout stays on screen.",
    source: "Source",
    partial: "partial",
    whole: "whole",
    context: "outside the plan",
    open_file: "Open file",
    up: "Up",
    cancel: "Cancel",
    nothing_open: "No layout open: use File ▸ Open…, or drop a .toml / .geojson file on the window.",
    keys_help: "Drag to pan · wheel/+− zoom · arrows move · Home fits · Esc clears",
    features: "features",
    present: "Present",
    export: "Export",
    exported: "Exported:",
    step_of: "Step {k} of {n}",
    present_help: "Next: Right / PageDown / Space · Back: Left / PageUp · click a county for details · F11 full screen · Esc leaves",
};
