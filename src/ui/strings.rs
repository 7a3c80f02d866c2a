//! Every interface string, in Chinese and English, in one table.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Chinese when the system locale is Chinese, else English: the user's locale on Windows and
    /// macOS (which set no LANG), LANGUAGE, LC_ALL, LC_MESSAGES or LANG elsewhere.
    pub fn from_system() -> Lang {
        Lang::from_locale(sys_locale::get_locale().as_deref())
    }

    /// `zh`, `zh-CN`, `zh_TW.UTF-8`, `zh-Hans-CN` … are Chinese.
    pub fn from_locale(locale: Option<&str>) -> Lang {
        if locale.is_some_and(|l| l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("zh"))) { Lang::Zh } else { Lang::En }
    }

    /// The draft dialog's words.
    pub fn draft(self) -> &'static DraftWords {
        if self == Lang::Zh { &DRAFT_ZH } else { &DRAFT_EN }
    }

    /// The new-layout dialog's words.
    pub fn new_layout(self) -> &'static NewLayoutWords {
        if self == Lang::Zh { &NEW_LAYOUT_ZH } else { &NEW_LAYOUT_EN }
    }

    /// The language's own name, as the View menu offers it.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
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
    pub new_layout: &'static str,
    pub no_folder_dialog: &'static str,
    pub draft_layout: &'static str,
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
    pub saved: &'static str,
    pub save_failed: &'static str,
    pub reloaded: &'static str,
    pub unsaved_question: &'static str,
    pub save: &'static str,
    pub discard: &'static str,
    pub recover_question: &'static str,
    pub restore: &'static str,
    pub conflict_question: &'static str,
    pub keep_mine: &'static str,
    pub take_theirs: &'static str,
    pub save_mine_as: &'static str,
    pub edit_hint: &'static str,
    pub pick: &'static str,
    pub pick_hint: &'static str,
    pub up_short: &'static str,
    pub down_short: &'static str,
    pub delete: &'static str,
    pub new_structure: &'static str,
    pub name: &'static str,
    pub kind: &'static str,
    pub source_hint: &'static str,
    pub add: &'static str,
    pub partial_default: &'static str,
    pub remove_from: &'static str,
    pub specialities: &'static str,
    pub hospitals: &'static str,
    pub projects: &'static str,
    pub change: &'static str,
    pub text_hint: &'static str,
    pub focus_hint: &'static str,
    pub detail_hint: &'static str,
    pub apply: &'static str,
    pub add_place: &'static str,
    pub location_hint: &'static str,
    pub edit: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub show_hide: &'static str,
    pub compare_with: &'static str,
    pub compare_disk: &'static str,
    pub close_compare: &'static str,
    pub link_views: &'static str,
    pub link_hint: &'static str,
    pub close_compare_dirty: &'static str,
    pub panes: &'static str,
    pub city_level: &'static str,
    pub region_hint: &'static str,
    pub no_region_named: &'static str,
    pub loading_reload: &'static str,
    pub loading_read: &'static str,
    pub loading_check: &'static str,
    pub loading_build: &'static str,
    pub loading_line: &'static str,
    pub partial_of: &'static str,
    pub diagram_title: &'static str,
    pub diagram_none: &'static str,
    pub indicators_title: &'static str,
    pub summary_title: &'static str,
    pub indicators_n: &'static str,
    pub binding: &'static str,
    pub expected: &'static str,
    pub baseline: &'static str,
    pub target_own_scale: &'static str,
    pub no_indicators: &'static str,
    pub counts_title: &'static str,
    pub series_members: &'static str,
    pub series_hospitals: &'static str,
    pub series_projects: &'static str,
}

pub static ZH: Strings = Strings {
    file: "文件",
    open: "打开…",
    new_layout: "新建布局…",
    no_folder_dialog: "此系统没有选择文件夹的对话框：请在“文件名”中输入完整路径",
    draft_layout: "从规划文本新建布局…",
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
    saved: "已保存：",
    save_failed: "保存失败，编辑仍保留",
    reloaded: "文件已在外部修改，已重新载入",
    unsaved_question: "有未保存的编辑。先保存吗？",
    save: "保存 (Ctrl+S)",
    discard: "放弃",
    recover_question: "上次有未保存的编辑（程序意外退出）。恢复吗？",
    restore: "恢复",
    conflict_question: "文件已在外部修改，而这里还有未保存的编辑。",
    keep_mine: "保留我的",
    take_theirs: "采用磁盘上的",
    save_mine_as: "我的另存为…",
    edit_hint: "点“选”后在地图上点击区县，可加入或移出该结构。",
    pick: "选",
    pick_hint: "选中后点击地图上的区县以加入/移出",
    up_short: "上移",
    down_short: "下移",
    delete: "删除",
    new_structure: "新增结构",
    name: "名称",
    kind: "类型",
    source_hint: "出处（章节），如 第三章 第二节",
    add: "添加",
    partial_default: "（请填写规划原文的范围限定）",
    remove_from: "移出",
    specialities: "特色",
    hospitals: "医院",
    projects: "项目",
    change: "修改",
    text_hint: "特色内容",
    focus_hint: "发展重点 / 科室，用顿号分隔",
    detail_hint: "项目内容",
    apply: "应用修改",
    add_place: "新增无边界成员",
    location_hint: "规划所述位置",
    edit: "编辑",
    undo: "撤销",
    redo: "重做",
    show_hide: "在地图上显示 / 隐藏",
    compare_with: "对比布局…",
    compare_disk: "与磁盘上的文件对比（未保存的修改）",
    close_compare: "关闭对比",
    link_views: "联动视图",
    link_hint: "两幅图显示同一地区时一起平移缩放",
    close_compare_dirty: "右侧布局有未保存的修改：请先保存或撤销",
    panes: "窗格",
    city_level: "（市级，未注明区县）",
    region_hint: "输入地名或行政区划代码，如 青岛",
    no_region_named: "没有叫“{name}”的地区",
    loading_reload: "重新读取",
    loading_read: "读取",
    loading_check: "检查",
    loading_build: "绘制准备",
    loading_line: "正在{doing} {name}… {pct} %",
    partial_of: "（部分：{q}）",
    diagram_title: "结构图",
    diagram_none: "本规划的布局结构均为地域（见地图），无层级、圈层或中心—节点关系可绘",
    indicators_title: "指标",
    summary_title: "规划概要",
    indicators_n: "主要指标（{n} 项）",
    binding: "约束性",
    expected: "预期性",
    baseline: "基期",
    target_own_scale: "目标 · 每行自身刻度",
    no_indicators: "本规划未列指标表",
    counts_title: "各结构计数（成员、医院、项目）",
    series_members: "成员",
    series_hospitals: "医院",
    series_projects: "项目",
};

pub static EN: Strings = Strings {
    file: "File",
    open: "Open…",
    new_layout: "New layout…",
    no_folder_dialog: "This system has no folder dialog: type the full path in File name",
    draft_layout: "New layout from plan text…",
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
    saved: "Saved:",
    save_failed: "Save failed; your edits are kept",
    reloaded: "The file changed on disk and was reloaded",
    unsaved_question: "There are unsaved edits. Save them first?",
    save: "Save (Ctrl+S)",
    discard: "Discard",
    recover_question: "A previous session left unsaved edits (it did not close normally). Restore them?",
    restore: "Restore",
    conflict_question: "The file changed on disk while you have unsaved edits here.",
    keep_mine: "Keep mine",
    take_theirs: "Take theirs",
    save_mine_as: "Save mine as…",
    edit_hint: "Pick a structure, then click counties on the map to add or remove them.",
    pick: "Pick",
    pick_hint: "Then click counties on the map to add / remove",
    up_short: "Up",
    down_short: "Down",
    delete: "Delete",
    new_structure: "New structure",
    name: "Name",
    kind: "Kind",
    source_hint: "Source (section), e.g. 第三章 第二节",
    add: "Add",
    partial_default: "(the plan's qualifier)",
    remove_from: "Remove",
    specialities: "Specialities",
    hospitals: "Hospitals",
    projects: "Projects",
    change: "Change",
    text_hint: "What the plan says",
    focus_hint: "Focus / departments, separated by 、 or ,",
    detail_hint: "Detail",
    apply: "Apply",
    add_place: "Add a member without boundary",
    location_hint: "Where the plan puts it",
    edit: "Edit",
    undo: "Undo",
    redo: "Redo",
    show_hide: "Show / hide on the map",
    compare_with: "Compare with…",
    compare_disk: "Compare with the file on disk (unsaved edits)",
    close_compare: "Close comparison",
    link_views: "Link views",
    link_hint: "Pan and zoom both maps together when they show the same region",
    close_compare_dirty: "The right-hand layout has unsaved edits: save or undo them first",
    panes: "Panes",
    city_level: "(city level, district not stated)",
    region_hint: "type a place name or adcode, e.g. 青岛",
    no_region_named: "no region of China is named \"{name}\"",
    loading_reload: "Reloading",
    loading_read: "Reading",
    loading_check: "Checking",
    loading_build: "Preparing the map of",
    loading_line: "{doing} {name}… {pct} %",
    partial_of: "(part: {q})",
    diagram_title: "Structure diagram",
    diagram_none: "Every structure of this plan is a territory (see the map): no tiers, circles or centre and points to draw",
    indicators_title: "Indicators",
    summary_title: "Plan summary",
    indicators_n: "Indicators ({n})",
    binding: "约束性 binding",
    expected: "预期性 expected",
    baseline: "baseline",
    target_own_scale: "target · each row on its own scale",
    no_indicators: "The plan has no indicator table",
    counts_title: "Counts per structure (members, hospitals, projects)",
    series_members: "members",
    series_hospitals: "hospitals",
    series_projects: "projects",
};

/// The "new layout from plan text" dialog.
pub struct DraftWords {
    pub title: &'static str,
    pub from_file: &'static str,
    pub from_paste: &'static str,
    pub choose: &'static str,
    pub no_file: &'static str,
    pub paste_hint: &'static str,
    pub paste_button: &'static str,
    pub clear: &'static str,
    pub held: &'static str,
    pub region: &'static str,
    pub read_from_text: &'static str,
    pub chosen_by_you: &'static str,
    pub change: &'static str,
    pub ask_region: &'static str,
    pub no_text: &'static str,
    pub folder: &'static str,
    pub choose_folder: &'static str,
    pub file: &'static str,
    pub will_write: &'static str,
    pub draft: &'static str,
    pub draft_anyway: &'static str,
    pub cancel: &'static str,
    pub exists: &'static str,
    pub replace: &'static str,
    pub back: &'static str,
    pub pasted_name: &'static str,
    pub at: &'static str,
}

pub const DRAFT_ZH: DraftWords = DraftWords {
    title: "从规划文本新建布局",
    from_file: "规划文件（.txt / .docx）",
    from_paste: "粘贴规划文本",
    choose: "选择文件…",
    no_file: "尚未选择文件",
    paste_hint: "在此粘贴规划全文（Ctrl+V）",
    paste_button: "从剪贴板粘贴",
    clear: "清空",
    held: "已粘贴 {kb} KB，{lines} 行（文本较长，不在框内编辑）",
    region: "地区",
    read_from_text: "从文本识别",
    chosen_by_you: "手动选择",
    change: "更改…",
    ask_region: "无法从文本判断规划所属地区：请选择地区",
    no_text: "先选择文件或粘贴文本",
    folder: "保存到",
    choose_folder: "选择文件夹…",
    file: "文件名",
    will_write: "将写入",
    draft: "起草并打开",
    draft_anyway: "仍然写入草稿",
    cancel: "取消",
    exists: "以下文件已存在，是否替换？",
    replace: "替换",
    back: "返回",
    pasted_name: "粘贴的文本",
    at: "第 {line} 行第 {col} 列",
};

pub const DRAFT_EN: DraftWords = DraftWords {
    title: "New layout from plan text",
    from_file: "Plan file (.txt / .docx)",
    from_paste: "Paste the plan's text",
    choose: "Choose file…",
    no_file: "no file chosen",
    paste_hint: "paste the whole plan here (Ctrl+V)",
    paste_button: "Paste from clipboard",
    clear: "Clear",
    held: "{kb} KB pasted, {lines} lines (long: kept out of the box)",
    region: "Region",
    read_from_text: "read from the text",
    chosen_by_you: "chosen by you",
    change: "Change…",
    ask_region: "The text does not say which region it covers: pick the region",
    no_text: "choose a file or paste the text first",
    folder: "Save in",
    choose_folder: "Choose folder…",
    file: "File name",
    will_write: "Will write",
    draft: "Draft and open",
    draft_anyway: "Write the draft anyway",
    cancel: "Cancel",
    exists: "These files exist. Replace them?",
    replace: "Replace",
    back: "Back",
    pasted_name: "pasted text",
    at: "line {line}, column {col}",
};

/// The "new layout for a region" dialog.
pub struct NewLayoutWords {
    pub title: &'static str,
    pub region: &'static str,
    pub hint: &'static str,
    pub nothing: &'static str,
    pub units: &'static str,
    pub counties: &'static str,
    pub cities: &'static str,
    pub folder: &'static str,
    pub choose: &'static str,
    pub up: &'static str,
    pub use_folder: &'static str,
    pub file: &'static str,
    pub create: &'static str,
    pub cancel: &'static str,
    pub will_write: &'static str,
    /// "{n} counties, with neighbours" / "{n} cities, with neighbours".
    pub n_counties: &'static str,
    pub n_cities: &'static str,
}

pub const NEW_LAYOUT_ZH: NewLayoutWords = NewLayoutWords {
    title: "新建布局",
    region: "地区",
    hint: "输入地名或行政区划代码，如 青岛",
    nothing: "没有这个地名",
    units: "单元",
    counties: "区县",
    cities: "市（省级规划）",
    folder: "保存到",
    choose: "选择文件夹…",
    up: "上一级",
    use_folder: "用这个文件夹",
    file: "文件名",
    create: "创建并编辑",
    cancel: "取消",
    will_write: "将写入",
    n_counties: "{n} 个区县，及相邻单元",
    n_cities: "{n} 个市，及相邻单元",
};

pub const NEW_LAYOUT_EN: NewLayoutWords = NewLayoutWords {
    title: "New layout",
    region: "Region",
    hint: "type a place name or adcode, e.g. 青岛",
    nothing: "no region of that name",
    units: "Units",
    counties: "counties (区县)",
    cities: "cities (市, for a province-level plan)",
    folder: "Save in",
    choose: "Choose folder…",
    up: "Up",
    use_folder: "Use this folder",
    file: "File name",
    create: "Create and edit",
    cancel: "Cancel",
    will_write: "Will write",
    n_counties: "{n} counties, with their neighbours",
    n_cities: "{n} cities, with their neighbours",
};

#[cfg(test)]
mod tests {
    /// Words live in this table only: a Chinese string literal anywhere else in the interface
    /// is a word that the language switch cannot reach (comments and tests aside).
    #[test]
    fn chinese_words_are_only_in_the_strings_table() {
        let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ui")];
        let mut found = Vec::new();
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                // The review pane is being rewritten on another branch with its words in this table.
                if p.extension().is_none_or(|x| x != "rs") || p.ends_with("strings.rs") || p.ends_with("panes/review.rs") {
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or("");
                for (n, line) in code.lines().enumerate() {
                    let line = line.split("//").next().unwrap_or("");
                    let mut in_str = false;
                    let mut prev = ' ';
                    for c in line.chars() {
                        if c == '"' && prev != '\\' {
                            in_str = !in_str;
                        } else if in_str && ('\u{4e00}'..='\u{9fff}').contains(&c) {
                            found.push(format!("{}:{}", p.display(), n + 1));
                            break;
                        }
                        prev = c;
                    }
                }
            }
        }
        assert!(found.is_empty(), "Chinese words outside ui/strings.rs: {found:?}");
    }

    use super::Lang;

    #[test]
    fn chinese_locales_in_every_platforms_spelling_give_chinese() {
        // POSIX (LANG), BCP 47 from Windows and macOS, with script subtags.
        for l in ["zh_CN.UTF-8", "zh-CN", "zh-Hans-CN", "zh-TW", "ZH-cn", "zh"] {
            assert_eq!(Lang::from_locale(Some(l)), Lang::Zh, "{l}");
        }
        for l in ["en-US", "C", "POSIX", "", "z", "de-DE"] {
            assert_eq!(Lang::from_locale(Some(l)), Lang::En, "{l}");
        }
        assert_eq!(Lang::from_locale(None), Lang::En);
    }
}
