//! The presentation as a slide deck (.pptx, Office Open XML, written here part by part — no
//! template): a title slide, then one slide per presentation step (the same steps as the
//! window's presentation and `--all-steps`) with the step's map as a picture, the structure's
//! name as the slide's title and its positioning as an editable text box. PowerPoint, WPS and
//! LibreOffice Impress open it. Every zip entry carries the same fixed date, so the same layout
//! gives the same bytes.

use std::io::Write;
use std::path::Path;

use zip::write::SimpleFileOptions;

use super::chrome::Lang;
use super::picture::Rgba;
use super::{ExportError, Options};
use crate::document::Document;
use crate::model::{self, Plan, Step};
use crate::scene::fills::rgba;

/// 16:9, in EMU (914400 per inch): 13.333 × 7.5 inches.
const SLIDE_W: i64 = 12_192_000;
const SLIDE_H: i64 = 6_858_000;
const EMU_PER_INCH: i64 = 914_400;
/// The map picture: its box on the slide and its pixels (200 per inch).
const MAP_BOX: [i64; 4] = [EMU_PER_INCH * 4 / 10, EMU_PER_INCH * 12 / 10, EMU_PER_INCH * 76 / 10, EMU_PER_INCH * 56 / 10];
const FONT: &str = "Microsoft YaHei";

fn esc(s: &str) -> String {
    s.chars().filter(|c| !c.is_control() || *c == '\t').collect::<String>().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn hex(c: Rgba) -> String {
    format!("{:02X}{:02X}{:02X}", c[0], c[1], c[2])
}

/// A run of text: `size` in points, bold or not, a colour.
fn run(text: &str, size: f32, bold: bool, color: Rgba) -> String {
    // A slide holds a few hundred characters; a huge text from a file is cut, not carried.
    let text = &model::shown_text(text, 2000);
    format!(
        r#"<a:r><a:rPr lang="zh-CN" altLang="en-US" sz="{}" b="{}" dirty="0"><a:solidFill><a:srgbClr val="{}"/></a:solidFill><a:latin typeface="{FONT}"/><a:ea typeface="{FONT}"/></a:rPr><a:t>{}</a:t></a:r>"#,
        (size * 100.0).round() as i64,
        u8::from(bold),
        hex(color),
        esc(text)
    )
}

fn paragraph(runs: &[String], space_after_pt: f32) -> String {
    format!(r#"<a:p><a:pPr><a:spcAft><a:spcPts val="{}"/></a:spcAft></a:pPr>{}</a:p>"#, (space_after_pt * 100.0).round() as i64, runs.concat())
}

/// A text box (editable in any presentation program); `title` makes it the slide's title
/// placeholder, so outlines and screen readers find it.
fn text_box(id: u32, name: &str, rect: [i64; 4], paragraphs: &[String], title: bool) -> String {
    let ph = if title { r#"<p:nvPr><p:ph type="title"/></p:nvPr>"# } else { "<p:nvPr/>" };
    let tx_box = if title { "" } else { r#" txBox="1""# };
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="{}"/><p:cNvSpPr{tx_box}/>{ph}</p:nvSpPr><p:spPr><a:xfrm><a:off x="{}" y="{}"/><a:ext cx="{}" cy="{}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr><p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" anchor="t"><a:normAutofit/></a:bodyPr><a:lstStyle/>{}</p:txBody></p:sp>"#,
        esc(name),
        rect[0],
        rect[1],
        rect[2],
        rect[3],
        paragraphs.concat()
    )
}

/// A filled square: the structure's colour beside its title.
fn swatch(id: u32, rect: [i64; 4], color: Rgba) -> String {
    format!(
        r#"<p:sp><p:nvSpPr><p:cNvPr id="{id}" name="Colour"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{}" y="{}"/><a:ext cx="{}" cy="{}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>"#,
        rect[0],
        rect[1],
        rect[2],
        rect[3],
        hex(color)
    )
}

fn picture(id: u32, rel: &str, rect: [i64; 4], descr: &str) -> String {
    format!(
        r#"<p:pic><p:nvPicPr><p:cNvPr id="{id}" name="Map" descr="{}"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rel}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="{}" y="{}"/><a:ext cx="{}" cy="{}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:ln w="6350"><a:solidFill><a:srgbClr val="999999"/></a:solidFill></a:ln></p:spPr></p:pic>"#,
        esc(descr),
        rect[0],
        rect[1],
        rect[2],
        rect[3]
    )
}

const NS: &str = r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main""#;
const XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const GROUP: &str = r#"<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>"#;

fn slide(shapes: &str) -> String {
    format!(r#"{XML}<p:sld {NS}><p:cSld><p:spTree>{GROUP}{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"#)
}

const INK: Rgba = [0x22, 0x22, 0x22, 0xff];
const MUTED: Rgba = [0x66, 0x66, 0x66, 0xff];
const RED: Rgba = [0x8b, 0x1a, 0x1a, 0xff];

/// The title slide's shapes: title, slogan, region and period, source; the whole layout's map.
fn title_slide(plan: &Plan, title: &str, subtitle: &str, source: &str) -> String {
    let left = [EMU_PER_INCH * 6 / 10, EMU_PER_INCH * 2, EMU_PER_INCH * 55 / 10, EMU_PER_INCH * 4];
    let mut paras = vec![paragraph(&[run(subtitle, 28.0, true, RED)], 18.0)];
    let period = plan.plan.period.clone().unwrap_or_default();
    paras.push(paragraph(&[run(&format!("{}  {period}", plan.plan.region), 16.0, false, INK)], 24.0));
    paras.push(paragraph(&[run(source, 12.0, false, MUTED)], 0.0));
    let title_rect = [EMU_PER_INCH * 6 / 10, EMU_PER_INCH * 7 / 10, SLIDE_W - EMU_PER_INCH * 12 / 10, EMU_PER_INCH * 12 / 10];
    let map = [EMU_PER_INCH * 64 / 10, EMU_PER_INCH * 2, EMU_PER_INCH * 64 / 10, EMU_PER_INCH * 48 / 10];
    text_box(2, "Title", title_rect, &[paragraph(&[run(title, 32.0, true, INK)], 0.0)], true)
        + &text_box(3, "Subtitle", left, &paras, false)
        + &picture(4, "rIdMap", map, title)
}

/// A step's shapes: its name as the title, "step k of n", the map, the positioning — or, for
/// a group, each member with a square of its colour, its short name and its positioning.
fn step_slide(plan: &Plan, step: &Step, counter: &str, source: &str) -> String {
    let title_rect = [EMU_PER_INCH * 4 / 10, EMU_PER_INCH * 3 / 10, EMU_PER_INCH * 85 / 10, EMU_PER_INCH * 8 / 10];
    let color = step.structures.first().map_or(INK, |&s| rgba(plan.structure_color(s)));
    let title_rect = [title_rect[0] + EMU_PER_INCH * 45 / 100, title_rect[1], title_rect[2], title_rect[3]];
    let title = text_box(2, "Title", title_rect, &[paragraph(&[run(&step.title, 28.0, true, INK)], 0.0)], true);
    let square = [EMU_PER_INCH * 4 / 10, EMU_PER_INCH * 45 / 100, EMU_PER_INCH * 3 / 10, EMU_PER_INCH * 3 / 10];
    let title = title + &swatch(7, square, color);
    let counter_rect = [SLIDE_W - EMU_PER_INCH * 44 / 10, EMU_PER_INCH * 5 / 10, EMU_PER_INCH * 40 / 10, EMU_PER_INCH * 4 / 10];
    let counter = text_box(3, "Step", counter_rect, &[format!(r#"<a:p><a:pPr algn="r"/>{}</a:p>"#, run(counter, 12.0, false, MUTED))], false);
    let text_rect = [MAP_BOX[0] + MAP_BOX[2] + EMU_PER_INCH * 3 / 10, MAP_BOX[1], SLIDE_W - MAP_BOX[0] - MAP_BOX[2] - EMU_PER_INCH * 7 / 10, MAP_BOX[3]];
    let paras: Vec<String> = match step.structures[..] {
        [s] => {
            let st = plan.structures.get(s);
            let mut p = Vec::new();
            if let Some(t) = st.and_then(|st| st.title.clone()).filter(|t| !t.is_empty()) {
                p.push(paragraph(&[run(&t, 18.0, true, INK)], 8.0));
            }
            p.push(paragraph(&[run(st.and_then(|st| st.positioning.as_deref()).unwrap_or_default(), 16.0, false, INK)], 0.0));
            p
        }
        _ => {
            let size = if step.structures.len() > 6 { 10.0 } else { 13.0 };
            step.structures
                .iter()
                .filter_map(|&s| plan.structures.get(s).map(|st| (s, st)))
                .map(|(s, st)| {
                    let name = st.name.rsplit(['：', ':']).next().unwrap_or(&st.name);
                    paragraph(
                        &[
                            run("■ ", size, false, rgba(plan.structure_color(s))),
                            run(name, size, true, INK),
                            run("  ", size, false, INK),
                            run(st.positioning.as_deref().unwrap_or_default(), size, false, INK),
                        ],
                        size * 0.4,
                    )
                })
                .collect()
        }
    };
    let text = text_box(4, "Positioning", text_rect, &paras, false);
    let source_rect = [MAP_BOX[0], SLIDE_H - EMU_PER_INCH * 5 / 10, SLIDE_W - 2 * MAP_BOX[0], EMU_PER_INCH * 3 / 10];
    let source = text_box(5, "Source", source_rect, &[paragraph(&[run(source, 10.0, false, MUTED)], 0.0)], false);
    title + &counter + &picture(6, "rIdMap", MAP_BOX, &step.title) + &text + &source
}

fn slide_rels(image: usize) -> String {
    format!(
        r#"{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout" Target="../slideLayouts/slideLayout1.xml"/><Relationship Id="rIdMap" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/map{image}.png"/></Relationships>"#
    )
}

fn content_types(slides: usize) -> String {
    let overrides: String = (1..=slides)
        .map(|i| format!(r#"<Override PartName="/ppt/slides/slide{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>"#))
        .collect();
    format!(
        r#"{XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/><Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"/><Override PartName="/ppt/slideLayouts/slideLayout1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"/><Override PartName="/ppt/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>{overrides}</Types>"#
    )
}

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="ppt/presentation.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

fn core_props(title: &str) -> String {
    format!(
        r#"{XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>planmap</dc:creator></cp:coreProperties>"#,
        esc(title)
    )
}

fn presentation(slides: usize) -> String {
    let ids: String = (1..=slides).map(|i| format!(r#"<p:sldId id="{}" r:id="rIdS{i}"/>"#, 255 + i)).collect();
    format!(
        r#"{XML}<p:presentation {NS} saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rIdM"/></p:sldMasterIdLst><p:sldIdLst>{ids}</p:sldIdLst><p:sldSz cx="{SLIDE_W}" cy="{SLIDE_H}"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>"#
    )
}

fn presentation_rels(slides: usize) -> String {
    let s: String = (1..=slides)
        .map(|i| format!(r#"<Relationship Id="rIdS{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide{i}.xml"/>"#))
        .collect();
    format!(
        r#"{XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdM" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster" Target="slideMasters/slideMaster1.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/>{s}</Relationships>"#
    )
}

/// The one master: white background, the colour map, the title's and body's default text.
fn master() -> String {
    let level = |sz: u32| {
        format!(
            r#"<a:lvl1pPr><a:defRPr sz="{sz}"><a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/><a:ea typeface="+mn-ea"/></a:defRPr></a:lvl1pPr>"#
        )
    };
    format!(
        r#"{XML}<p:sldMaster {NS}><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree>{GROUP}</p:spTree></p:cSld><p:clrMap bg1="lt1" tx1="dk1" bg2="lt2" tx2="dk2" accent1="accent1" accent2="accent2" accent3="accent3" accent4="accent4" accent5="accent5" accent6="accent6" hlink="hlink" folHlink="folHlink"/><p:sldLayoutIdLst><p:sldLayoutId id="2147483649" r:id="rId1"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle>{}</p:titleStyle><p:bodyStyle>{}</p:bodyStyle><p:otherStyle>{}</p:otherStyle></p:txStyles></p:sldMaster>"#,
        level(3200),
        level(1800),
        level(1800)
    )
}

const MASTER_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout" Target="../slideLayouts/slideLayout1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="../theme/theme1.xml"/></Relationships>"#;

fn layout() -> String {
    format!(
        r#"{XML}<p:sldLayout {NS} type="titleOnly" preserve="1"><p:cSld name="Title only"><p:spTree>{GROUP}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="365760" y="274320"/><a:ext cx="9144000" cy="731520"/></a:xfrm></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="zh-CN"/></a:p></p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"#
    )
}

const LAYOUT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster" Target="../slideMasters/slideMaster1.xml"/></Relationships>"#;

/// The theme every presentation part needs: plain colours and fonts (a CJK font for East Asian
/// text), and the three-of-each style lists the format requires.
fn theme() -> String {
    let solid = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let line = |w: u32| format!(r#"<a:ln w="{w}"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln>"#);
    let colors = [
        ("dk1", "222222"),
        ("lt1", "FFFFFF"),
        ("dk2", "44546A"),
        ("lt2", "E7E6E6"),
        ("accent1", "B2182B"),
        ("accent2", "1B9E77"),
        ("accent3", "7570B3"),
        ("accent4", "D95F02"),
        ("accent5", "66A61E"),
        ("accent6", "E6AB02"),
        ("hlink", "0563C1"),
        ("folHlink", "954F72"),
    ];
    let scheme: String = colors.iter().map(|(n, v)| format!(r#"<a:{n}><a:srgbClr val="{v}"/></a:{n}>"#)).collect();
    let fonts = format!(r#"<a:latin typeface="{FONT}"/><a:ea typeface="{FONT}"/><a:cs typeface=""/>"#);
    format!(
        r#"{XML}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="planmap"><a:themeElements><a:clrScheme name="planmap">{scheme}</a:clrScheme><a:fontScheme name="planmap"><a:majorFont>{fonts}</a:majorFont><a:minorFont>{fonts}</a:minorFont></a:fontScheme><a:fmtScheme name="planmap"><a:fillStyleLst>{solid}{solid}{solid}</a:fillStyleLst><a:lnStyleLst>{}{}{}</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst>{solid}{solid}{solid}</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#,
        line(6350),
        line(12700),
        line(19050)
    )
}

/// The map pictures' pixels: the box at 200 per inch.
fn map_png(doc: &Document, step: Option<usize>, rect: [i64; 4], lang: Lang) -> Result<Vec<u8>, ExportError> {
    let (w, h) = ((rect[2] * 200 / EMU_PER_INCH) as f32, (rect[3] * 200 / EMU_PER_INCH) as f32);
    super::png::encode(&super::compose_step_map(doc, step, w, h, lang), 1.0)
}

/// The deck's bytes, and how many slides it has.
pub fn build(doc: &Document, opts: &Options) -> Result<(Vec<u8>, usize), ExportError> {
    let Some(plan) = &doc.plan else { return Err(ExportError::AllStepsWithoutLayout) };
    let steps = model::steps(plan);
    if steps.is_empty() {
        return Err(ExportError::NoSteps);
    }
    let lang = opts.lang;
    let title = super::short_title(&opts.title.clone().unwrap_or_else(|| doc.title()));
    let subtitle = opts.subtitle.clone().or_else(|| plan.plan.slogan.clone()).unwrap_or_default();
    let source = opts.source.clone().unwrap_or_else(|| lang.source(plan));
    let n = steps.len() + 1;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).last_modified_time(zip::DateTime::default()).unix_permissions(0o644);
    let mut put = |name: &str, bytes: &[u8]| -> Result<(), ExportError> {
        zip.start_file(name, options).map_err(|e| ExportError::Slides(e.to_string()))?;
        zip.write_all(bytes).map_err(|e| ExportError::Slides(e.to_string()))
    };
    put("[Content_Types].xml", content_types(n).as_bytes())?;
    put("_rels/.rels", ROOT_RELS.as_bytes())?;
    put("docProps/core.xml", core_props(&title).as_bytes())?;
    put("ppt/presentation.xml", presentation(n).as_bytes())?;
    put("ppt/_rels/presentation.xml.rels", presentation_rels(n).as_bytes())?;
    put("ppt/slideMasters/slideMaster1.xml", master().as_bytes())?;
    put("ppt/slideMasters/_rels/slideMaster1.xml.rels", MASTER_RELS.as_bytes())?;
    put("ppt/slideLayouts/slideLayout1.xml", layout().as_bytes())?;
    put("ppt/slideLayouts/_rels/slideLayout1.xml.rels", LAYOUT_RELS.as_bytes())?;
    put("ppt/theme/theme1.xml", theme().as_bytes())?;
    let title_map = [EMU_PER_INCH * 64 / 10, EMU_PER_INCH * 2, EMU_PER_INCH * 64 / 10, EMU_PER_INCH * 48 / 10];
    put("ppt/media/map1.png", &map_png(doc, None, title_map, lang)?)?;
    put("ppt/slides/slide1.xml", slide(&title_slide(plan, &title, &subtitle, &source)).as_bytes())?;
    put("ppt/slides/_rels/slide1.xml.rels", slide_rels(1).as_bytes())?;
    for (i, step) in steps.iter().enumerate() {
        let k = i + 1;
        put(&format!("ppt/media/map{}.png", k + 1), &map_png(doc, Some(k), MAP_BOX, lang)?)?;
        put(&format!("ppt/slides/slide{}.xml", k + 1), slide(&step_slide(plan, step, &lang.step_of(k, steps.len()), &source)).as_bytes())?;
        put(&format!("ppt/slides/_rels/slide{}.xml.rels", k + 1), slide_rels(k + 1).as_bytes())?;
    }
    let bytes = zip.finish().map_err(|e| ExportError::Slides(e.to_string()))?.into_inner();
    Ok((bytes, n))
}

/// Write the deck to `out` (.pptx); returns the number of slides.
pub fn write(doc: &Document, opts: &Options, out: &Path) -> Result<usize, ExportError> {
    let format = super::check_output(out, &super::inputs(doc).iter().map(std::path::PathBuf::as_path).collect::<Vec<_>>())?;
    if format != super::Format::Pptx {
        return Err(ExportError::NotASlidesName { out: out.to_path_buf() });
    }
    let (bytes, n) = build(doc, opts)?;
    super::write_atomic(out, &bytes)?;
    Ok(n)
}
