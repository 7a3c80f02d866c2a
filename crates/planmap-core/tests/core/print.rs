//! Atlas pages and print layouts: each step's caption and legend, captions beside the map (never
//! over a member), the words around the map in the language asked for, the plan cited by title.

use crate::support::root;
use planmap_core::document::Document;
use planmap_core::export::picture::{Item, Picture};
use planmap_core::export::{self, Lang, Options};

fn baoji() -> Document {
    Document::open(&root().join("layouts/baoji.toml")).unwrap().0
}

/// Texts drawn without a halo: everything but the map's own labels.
fn chrome_texts(p: &Picture) -> Vec<([f32; 2], String)> {
    p.items.iter().filter_map(|i| if let Item::Text { at, text, halo: None, .. } = i { Some((*at, text.clone())) } else { None }).collect()
}

fn inside(at: [f32; 2], r: [f32; 4]) -> bool {
    (r[0]..=r[2]).contains(&at[0]) && (r[1]..=r[3]).contains(&at[1])
}

#[test]
fn the_twelve_products_page_captions_the_group_with_one_legend_entry() {
    let d = baoji();
    let plan = d.plan.as_ref().unwrap();
    let steps = planmap_core::model::steps(plan);
    let k = steps.iter().position(|s| s.title == "十二品").expect("a 十二品 step") + 1;
    let opts = Options { step: Some(k), ..Options::default() };
    let pic = export::compose(&d, &opts);
    let texts = chrome_texts(&pic);
    let legend: Vec<&String> = texts.iter().map(|(_, t)| t).filter(|t| t.contains('〔')).collect();
    assert_eq!(legend.len(), 1, "one legend entry for the group: {legend:?}");
    assert!(legend[0].starts_with("十二品〔"), "{legend:?}");
    assert!(!texts.iter().any(|(_, t)| t.starts_with("一核心〔")), "the main structures are not in this page's legend");
    // The caption is the group's: its title, then every member by its short name.
    let map = export::frames(&d, &opts).map;
    let title = texts.iter().find(|(_, t)| t == "十二品").expect("the group's title");
    assert!(!inside(title.0, map), "the caption is beside the map");
    for s in steps[k - 1].structures.iter().map(|&i| &plan.structures[i]) {
        let short = s.name.rsplit('：').next().unwrap();
        assert!(texts.iter().any(|(at, t)| t == short && !inside(*at, map)), "{short} is listed beside the map");
    }
    // Nothing but the map's own labels is written over the map.
    for (at, t) in &texts {
        assert!(!inside(*at, map), "{t:?} at {at:?} is over the map {map:?}");
    }
}

#[test]
fn every_atlas_page_has_its_own_caption_and_legend() {
    let d = baoji();
    let plan = d.plan.as_ref().unwrap();
    for (i, step) in planmap_core::model::steps(plan).iter().enumerate() {
        let opts = Options { step: Some(i + 1), ..Options::default() };
        let texts = chrome_texts(&export::compose(&d, &opts));
        let legend: Vec<&String> = texts.iter().map(|(_, t)| t).filter(|t| t.contains('〔')).collect();
        assert_eq!(legend.len(), 1, "step {}: {legend:?}", i + 1);
        assert!(legend[0].starts_with(step.title.as_str()), "step {}: {legend:?} for {}", i + 1, step.title);
        assert!(texts.iter().any(|(_, t)| *t == step.title), "step {} is captioned {}", i + 1, step.title);
        if let [s] = step.structures[..] {
            let positioning = plan.structures[s].positioning.clone().unwrap_or_default();
            let first: String = positioning.chars().take(8).collect();
            assert!(texts.iter().any(|(_, t)| t.starts_with(&first)), "step {}: its positioning is shown", i + 1);
        }
    }
}

#[test]
fn chinese_only_chrome_has_no_english_words() {
    let d = baoji();
    for step in [None, Some(1), Some(5)] {
        let texts = chrome_texts(&export::compose(&d, &Options { step, lang: Lang::Zh, ..Options::default() }));
        let all: Vec<&str> = texts.iter().map(|(_, t)| t.as_str()).collect();
        assert!(all.contains(&"图例") && all.contains(&"北"), "{all:?}");
        for word in ["Legend", "Boundaries", "Stripes", "hatching", "step", "Source", "context", "core"] {
            assert!(!all.iter().any(|t| t.contains(word)), "{word} in a Chinese-only page: {all:?}");
        }
    }
    let both = chrome_texts(&export::compose(&d, &Options::default()));
    assert!(both.iter().any(|(_, t)| t == "图例 Legend"), "both languages stay the default");
    let en = chrome_texts(&export::compose(&d, &Options { lang: Lang::En, ..Options::default() }));
    assert!(en.iter().any(|(_, t)| t == "Legend") && !en.iter().any(|(_, t)| t.contains("图例")));
}

#[test]
fn the_source_line_cites_the_plan_by_its_title_not_its_file() {
    let d = baoji();
    let title = d.plan.as_ref().unwrap().plan.title.clone();
    let texts = chrome_texts(&export::compose(&d, &Options::default()));
    assert!(texts.iter().any(|(_, t)| t.contains(&format!("《{title}》"))), "{texts:?}");
    assert!(!texts.iter().any(|(_, t)| t.contains(".txt")), "no file name: {texts:?}");
    let given = chrome_texts(&export::compose(&d, &Options { source: Some("资料来源：市卫健委".into()), subtitle: Some("二〇二五年".into()), ..Options::default() }));
    assert!(given.iter().any(|(_, t)| t == "资料来源：市卫健委") && given.iter().any(|(_, t)| t == "二〇二五年"));
}

#[test]
fn wrapped_lines_never_start_with_closing_punctuation() {
    let text = "打造健康食品加工产业、关中医养结合养老服务新高地，和宝鸡乡村健康旅游示范基地。";
    for width in 40..200 {
        let lines = export::wrap(text, 12.0, width as f32);
        assert_eq!(lines.concat(), text);
        for l in lines.iter().skip(1) {
            assert!(!l.starts_with(['、', '，', '。']), "width {width}: {lines:?}");
        }
    }
}

fn page_options(lang: Lang) -> Options {
    let page = export::Page { paper: export::Paper::A4, landscape: true };
    let (width, height) = page.points();
    Options { width, height, scale: export::Page::scale_for_dpi(150.0), page: Some(page), lang, ..Options::default() }
}

/// The text a PDF reader extracts from each page (lopdf, through the fonts' ToUnicode maps).
fn pdf_text(path: &std::path::Path) -> Vec<String> {
    let pdf = lopdf::Document::load(path).expect("a PDF lopdf reads");
    let pages: Vec<u32> = pdf.get_pages().keys().copied().collect();
    pages.iter().map(|&p| pdf.extract_text(&[p]).expect("its text")).collect()
}

#[test]
fn a_print_page_is_a_one_page_pdf_whose_text_is_selectable() {
    let d = baoji();
    let dir = crate::support::scratch("print-pdf");
    let out = dir.join("baoji.pdf");
    export::write(&d, &page_options(Lang::Both), &out).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = pdf_text(&out);
    assert_eq!(pages.len(), 1, "one page");
    let text: String = pages[0].split_whitespace().collect();
    let title: String = d.plan.as_ref().unwrap().plan.title.split_whitespace().collect();
    assert!(text.contains(&title), "the title extracts as text: {text}");
    for word in ["图例", "Legend", "生态温泉森林康养服务区", "资料来源"] {
        assert!(text.contains(word), "{word} extracts: {text}");
    }
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/FontFile2") && raw.contains("/ToUnicode") && raw.contains("+DroidSansFallback"), "the CJK font is embedded as a subset");
    assert!(bytes.len() < 600_000, "a subset, not the whole font: {} bytes", bytes.len());
    // A4 landscape in points.
    let doc = lopdf::Document::load(&out).unwrap();
    let page = doc.get_pages().values().next().copied().unwrap();
    let media = doc.get_dictionary(page).unwrap().get(b"MediaBox").unwrap().as_array().unwrap().iter().map(|o| o.as_float().unwrap()).collect::<Vec<_>>();
    assert_eq!(media.iter().map(|v| v.round()).collect::<Vec<_>>(), vec![0.0, 0.0, 842.0, 595.0]);
    // The same export twice gives the same bytes (no dates, no random ids).
    let again = dir.join("again.pdf");
    export::write(&d, &page_options(Lang::Both), &again).unwrap();
    assert!(std::fs::read(&again).unwrap() == bytes, "byte-stable");
}

#[test]
fn a_chinese_only_pdf_has_no_english_chrome() {
    let dir = crate::support::scratch("print-pdf-zh");
    let out = dir.join("zh.pdf");
    export::write(&baoji(), &Options { step: Some(5), ..page_options(Lang::Zh) }, &out).unwrap();
    let text: String = pdf_text(&out)[0].split_whitespace().collect();
    assert!(text.contains("图例") && text.contains("十二品") && text.contains("岐山县"), "{text}");
    for word in ["Legend", "Source", "Boundaries", "step"] {
        assert!(!text.contains(word), "{word}: {text}");
    }
}

#[test]
fn a_print_page_png_has_the_paper_size_at_the_dpi() {
    let dir = crate::support::scratch("print-png");
    let out = dir.join("a4.png");
    export::write(&baoji(), &page_options(Lang::Zh), &out).unwrap();
    let p = tiny_skia::Pixmap::load_png(&out).unwrap();
    assert_eq!((p.width(), p.height()), (1754, 1240), "A4 landscape at 150 dpi");
    let svg = dir.join("a4.svg");
    export::write(&baoji(), &page_options(Lang::Zh), &svg).unwrap();
    assert!(std::fs::read_to_string(&svg).unwrap().contains("width=\"297mm\" height=\"210mm\""), "the SVG prints at paper size");
}

/// The slides' titles (the title placeholder's text), in the deck's order.
fn slide_titles(pptx: &[u8]) -> Vec<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(pptx)).expect("a zip");
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap_or_else(|_| panic!("{name} in the deck")).read_to_string(&mut s).unwrap();
        s
    };
    let presentation = read("ppt/presentation.xml");
    let rels = read("ppt/_rels/presentation.xml.rels");
    let rels = roxmltree::Document::parse(&rels).unwrap();
    let pres = roxmltree::Document::parse(&presentation).unwrap();
    let targets: Vec<String> = pres
        .descendants()
        .filter(|n| n.has_tag_name("sldId"))
        .map(|n| {
            let id = n.attributes().find(|a| a.name() == "id" && a.namespace().is_some()).unwrap().value().to_string();
            rels.descendants().find(|r| r.attribute("Id") == Some(id.as_str())).unwrap().attribute("Target").unwrap().to_string()
        })
        .collect();
    targets
        .iter()
        .map(|t| {
            let xml = read(&format!("ppt/{t}"));
            let doc = roxmltree::Document::parse(&xml).expect("slide XML");
            let title =
                doc.descendants().find(|n| n.has_tag_name("sp") && n.descendants().any(|p| p.has_tag_name("ph") && p.attribute("type") == Some("title"))).expect("a title");
            title.descendants().filter(|n| n.has_tag_name("t")).filter_map(|n| n.text()).collect::<String>()
        })
        .collect()
}

#[test]
fn slides_are_a_title_slide_then_one_per_step_with_its_name() {
    let d = baoji();
    let plan = d.plan.as_ref().unwrap();
    let steps = planmap_core::model::steps(plan);
    let dir = crate::support::scratch("slides");
    let out = dir.join("baoji.pptx");
    let n = export::slides::write(&d, &Options { lang: Lang::Zh, ..Options::default() }, &out).unwrap();
    assert_eq!(n, 1 + steps.len());
    let bytes = std::fs::read(&out).unwrap();
    let titles = slide_titles(&bytes);
    assert_eq!(titles.len(), 1 + steps.len(), "{titles:?}");
    assert_eq!(titles[0], plan.plan.title);
    for (t, s) in titles.iter().skip(1).zip(&steps) {
        assert_eq!(t, &s.title);
    }
    // Each step slide: its map as a picture, its positioning as text (the group: every member).
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
    let mut slide5 = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("ppt/slides/slide6.xml").unwrap(), &mut slide5).unwrap();
    assert!(slide5.contains("r:embed=\"rIdMap\""), "a picture");
    for &s in &steps[4].structures {
        let st = &plan.structures[s];
        assert!(slide5.contains(st.name.rsplit('：').next().unwrap()), "{}", st.name);
        assert!(slide5.contains(st.positioning.as_deref().unwrap()), "{}'s positioning", st.name);
    }
    assert!(zip.by_name("ppt/media/map6.png").unwrap().size() > 10_000, "the step's map");
    // No dates: the same deck twice is the same bytes.
    let again = dir.join("again.pptx");
    export::write(&d, &Options { lang: Lang::Zh, ..Options::default() }, &again).unwrap();
    assert!(std::fs::read(&again).unwrap() == bytes, "byte-stable (.pptx through export::write too)");
}

#[test]
fn a_pdf_atlas_is_one_file_with_a_page_per_step() {
    let d = baoji();
    let steps = planmap_core::model::steps(d.plan.as_ref().unwrap());
    let dir = crate::support::scratch("print-atlas");
    let out = dir.join("atlas.pdf");
    let written = export::write_all_steps(&d, &page_options(Lang::Zh), &out).unwrap();
    assert_eq!(written, vec![out.clone()], "one file");
    let pages = pdf_text(&out);
    assert_eq!(pages.len(), steps.len(), "a page per step");
    for (text, step) in pages.iter().zip(&steps) {
        let text: String = text.split_whitespace().collect();
        assert!(text.contains(&step.title), "{}: {text}", step.title);
    }
}

#[test]
fn a_huge_positioning_is_cut_on_the_page_and_the_slide() {
    let dir = crate::support::scratch("print-huge");
    let huge = "康养".repeat(200_000);
    let path =
        crate::support::baoji_in(&dir, &crate::support::baoji_boundaries(), |s| s.replacen("positioning = \"依托中心城区", &format!("positioning = \"{huge}依托中心城区"), 1));
    let d = Document::open(&path).unwrap().0;
    assert!(d.plan.as_ref().unwrap().structures[0].positioning.as_ref().unwrap().len() > 1_000_000);
    let pdf = dir.join("step1.pdf");
    export::write(&d, &Options { step: Some(1), ..page_options(Lang::Zh) }, &pdf).unwrap();
    let text: String = pdf_text(&pdf)[0].split_whitespace().collect();
    assert!(text.contains("康养康养") && text.len() < 20_000, "cut to what a page holds ({} bytes)", text.len());
    let deck = dir.join("huge.pptx");
    export::slides::write(&d, &Options::default(), &deck).unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&deck).unwrap()).unwrap();
    assert!(zip.by_name("ppt/slides/slide2.xml").unwrap().size() < 100_000, "the slide carries a cut text");
}

#[test]
fn on_portrait_paper_the_legend_and_caption_sit_under_the_map() {
    let d = baoji();
    let plan = d.plan.as_ref().unwrap();
    let page = export::Page { paper: export::Paper::A4, landscape: false };
    let (width, height) = page.points();
    let opts = Options { width, height, page: Some(page), step: Some(5), lang: Lang::Zh, ..Options::default() };
    let f = export::frames(&d, &opts);
    assert!(f.below && f.map[2] - f.map[0] > width * 0.9, "the map takes the page's width");
    let texts = chrome_texts(&export::compose(&d, &opts));
    for (at, t) in &texts {
        assert!(!inside(*at, f.map), "{t:?} is over the map");
    }
    for &s in &planmap_core::model::steps(plan)[4].structures {
        let short = plan.structures[s].name.rsplit('：').next().unwrap();
        assert!(texts.iter().any(|(at, t)| t == short && at[1] > f.map[3]), "{short} under the map");
    }
}
