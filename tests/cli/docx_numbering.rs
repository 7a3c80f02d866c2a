//! A .docx whose chapter and section numbers are Word's automatic numbering (heading styles
//! tied to a list in numbering.xml), not typed text: drafted through `planmap draft`'s
//! library function, its entries carry "第三章 …" section paths; the same document without
//! numbering.xml drafts too, only without the numbers.

use std::io::Write;
use std::path::{Path, PathBuf};

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn para(style: Option<&str>, text: &str) -> String {
    let style = style.map_or(String::new(), |s| format!(r#"<w:pPr><w:pStyle w:val="{s}"/></w:pPr>"#));
    format!(r#"<w:p>{style}<w:r><w:t>{text}</w:t></w:r></w:p>"#)
}

fn document() -> String {
    let paras = [
        para(None, "宝鸡市“十四五”卫生健康发展规划"),
        para(Some("Heading1"), "发展基础"),
        para(None, "全市医疗卫生服务体系不断完善。"),
        para(Some("Heading1"), "总体要求"),
        para(None, "坚持以人民健康为中心。"),
        para(Some("Heading1"), "功能布局"),
        para(Some("Heading2"), "总体格局"),
        para(None, "构建“一核两翼”的健康服务格局。"),
        para(Some("Heading2"), "一核"),
        para(None, "一核，即依托渭滨区、金台区建设健康医疗服务中心。"),
        para(Some("Heading2"), "两翼"),
        para(None, "两翼，即眉县、太白县康养服务区和凤翔区、岐山县中医药服务区。"),
    ];
    format!(r#"<w:document {W}><w:body>{}</w:body></w:document>"#, paras.concat())
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%1章"/><w:suff w:val="space"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%2节"/><w:suff w:val="space"/></w:lvl>
</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#;

const STYLES: &str = r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
</w:styles>"#;

fn write_docx(path: &Path, numbering: Option<&str>) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    let opts = zip::write::SimpleFileOptions::default();
    let doc = document();
    let mut parts = vec![("word/document.xml", doc.as_str()), ("word/styles.xml", STYLES)];
    parts.extend(numbering.map(|n| ("word/numbering.xml", n)));
    for (name, xml) in parts {
        zip.start_file(name, opts).expect("entry");
        zip.write_all(xml.as_bytes()).expect("write");
    }
    zip.finish().expect("zip");
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-docx-numbering-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn automatic_heading_numbers_reach_the_drafts_sections() {
    let dir = temp_dir();
    let numbered = dir.join("numbered.docx");
    write_docx(&numbered, Some(NUMBERING));
    let text = planmap::io::plan_text::read(&numbered).expect("reads").text;
    assert!(text.contains("第三章 功能布局\n第一节 总体格局\n"), "{text}");
    assert!(text.contains("第三节 两翼"), "{text}");

    let out = dir.join("numbered.draft.toml");
    let w = planmap::document::draft_files::write_draft(&numbered, None, &out).expect("drafts");
    assert_eq!(w.region.name, "宝鸡市");
    let core = w.draft.structures.iter().find(|s| s.display_name().contains("一核")).expect("一核 drafted");
    assert!(core.source.starts_with("第三章"), "the section path has the chapter: {}", core.source);
    let toml = std::fs::read_to_string(&out).expect("written");
    assert!(toml.contains("第三章 第二节"), "{toml}");

    // Without numbering.xml the headings lose their numbers, nothing else.
    let plain = dir.join("plain.docx");
    write_docx(&plain, None);
    let text = planmap::io::plan_text::read(&plain).expect("reads").text;
    assert!(text.contains("\n功能布局\n总体格局\n") && !text.contains("第三章"), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}
