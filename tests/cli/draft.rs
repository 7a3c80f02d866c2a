//! `planmap draft`: every string a draft holds is the plan's own (the verbatim test, on all
//! five seeds), the Baoji draft has the layout the issue names, and bad input is refused
//! without leaving a file behind.

use std::path::{Path, PathBuf};
use std::process::Command;

use planmap::draft::china::ChinaGazetteer;
use planmap::draft::{self, Gazetteer, gazetteer, text::normalise};

fn seeds() -> Vec<PathBuf> {
    let dir = crate::support::shared("seeds");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    v.sort();
    v
}

fn draft_of(path: &Path) -> (String, draft::Region, draft::Draft) {
    let text = planmap::io::plan_text::read(path).map(|t| t.text).unwrap_or_default();
    let Ok(index) = ChinaGazetteer::new() else { panic!("the built-in bundle loads") };
    let paras = draft::text::paragraphs(&text);
    let title = gazetteer::title_of(&text, &paras).map(|(_, t)| t.to_string());
    let region = gazetteer::detect(&index, title.as_deref(), &text).unwrap_or_default();
    let d = draft::draft(&text, &region);
    (text, region, d)
}

#[test]
fn every_drafted_string_is_verbatim_in_the_plan() {
    let seeds = seeds();
    assert_eq!(seeds.len(), 5, "the five seeds are beside the project in ../shared/seeds");
    for seed in seeds {
        let (text, region, d) = draft_of(&seed);
        let hay = normalise(&text);
        let mut checked = 0;
        for q in d.quotes() {
            // Each piece is searched for in the text (not trusted from its span) …
            for s in &q.spans {
                let piece = normalise(text.get(s.clone()).unwrap_or("\u{0}"));
                assert!(!piece.is_empty() && hay.contains(&piece), "{}: {piece:?} not in the plan", seed.display());
            }
            // … and the string is exactly its pieces.
            let joined: String = q.spans.iter().map(|s| normalise(&text[s.clone()])).collect();
            assert_eq!(normalise(&q.text), joined, "{}", seed.display());
            if q.spans.len() == 1 {
                assert!(hay.contains(&normalise(&q.text)), "{}: {:?} not in the plan", seed.display(), q.text);
            }
            checked += 1;
        }
        // The layout written from it: every free-text field is a quote of the plan.
        let plan = draft::to_layout::to_plan(&d, &region, "x.txt", "b.geojson");
        let mut fields: Vec<&str> = Vec::new();
        for s in &plan.structures {
            fields.extend(s.title.as_deref().into_iter().chain(s.positioning.as_deref()).chain(s.core_area.as_deref()));
            fields.extend(s.focus.iter().map(String::as_str));
            for m in &s.members {
                fields.extend(m.partial.as_deref());
                if m.adcode.is_none() {
                    fields.push(m.name());
                }
            }
        }
        for dd in plan.all_districts() {
            fields.extend(dd.specialities.iter().map(|x| x.text.as_str()));
            fields.extend(dd.projects.iter().map(|x| x.name.as_str()));
            fields.extend(dd.projects.iter().filter_map(|x| x.detail.as_deref()));
            fields.extend(dd.hospitals.iter().flat_map(|x| x.focus.iter().map(String::as_str)));
        }
        for f in &fields {
            assert!(hay.contains(&normalise(f)), "{}: layout string {f:?} is not in the plan", seed.display());
        }
        assert!(checked > 20, "{}: only {checked} quotes drafted", seed.display());
    }
}

#[test]
fn baoji_draft_has_the_core_the_zones_and_the_twelve_products() {
    let seed = seeds().into_iter().find(|p| p.to_string_lossy().contains("000_")).unwrap_or_default();
    let (_, region, d) = draft_of(&seed);
    assert_eq!(region.name, "宝鸡市");
    assert_eq!(d.slogan.as_ref().map(|s| s.text.as_str()), Some("一核心、三片区、十二品"));
    let plan = draft::to_layout::to_plan(&d, &region, "000.txt", "b.geojson");
    let core = plan.structures.iter().find(|s| s.name == "一核心").map(|s| s.members.iter().map(|m| m.name().to_string()).collect::<Vec<_>>());
    assert_eq!(core, Some(vec!["渭滨区".into(), "金台区".into(), "陈仓区".into(), "高新技术产业开发区".into()]));
    let gx = plan.structures[0].members.iter().find(|m| m.name() == "高新技术产业开发区");
    assert!(gx.is_some_and(|m| m.adcode.is_none() && m.within.is_none()), "the plan does not say where the 高新区 is");
    let zones: Vec<_> = plan.structures.iter().filter(|s| s.kind == planmap::model::StructureKind::Zone).collect();
    assert_eq!(zones.len(), 3);
    let eco = zones[0].members.iter().map(|m| (m.name().to_string(), m.partial.clone())).collect::<Vec<_>>();
    let q = Some("秦岭重点保护区和一般保护区范围".to_string());
    assert_eq!(eco, [("眉县".into(), None), ("太白县".into(), None), ("凤县".into(), None), ("渭滨区".into(), q.clone()), ("陈仓区".into(), q)]);
    let fufeng = zones[1].members.iter().find(|m| m.name() == "扶风县").and_then(|m| m.partial.clone());
    assert_eq!(fufeng.as_deref(), Some("渭河沿岸区域"));
    assert_eq!(zones[2].members.len(), 6);
    let products: Vec<_> = plan.structures.iter().filter(|s| s.kind == planmap::model::StructureKind::Product).collect();
    assert_eq!(products.len(), 12);
    assert!(products.iter().all(|p| p.members.len() == 1 && p.source == "第三章 第三节 专栏1"), "{products:#?}");
    assert!(plan.structures.iter().all(|s| s.draft && s.members.iter().all(|m| m.draft)));
}

fn planmap() -> Command {
    Command::new(env!("CARGO_BIN_EXE_planmap"))
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-draft-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

#[test]
fn the_cli_writes_a_layout_that_passes_check_and_never_overwrites() {
    let dir = tmp("cli");
    let out = dir.join("baoji.toml");
    let seed = seeds().into_iter().find(|p| p.to_string_lossy().contains("000_")).unwrap_or_default();
    let run = planmap().arg("draft").arg(&seed).arg("--out").arg(&out).output().ok();
    assert!(run.as_ref().is_some_and(|r| r.status.success()), "{run:?}");
    let check = planmap().arg("check").arg(&out).output().ok();
    let stdout = check.as_ref().map(|c| String::from_utf8_lossy(&c.stdout).into_owned()).unwrap_or_default();
    assert!(check.as_ref().is_some_and(|c| c.status.success()), "{stdout}");
    assert!(stdout.contains("0 error(s)") && stdout.contains("drafted entries not yet reviewed"), "{stdout}");
    // A second run refuses and leaves the file as it was.
    let before = std::fs::read(&out).unwrap_or_default();
    let again = planmap().arg("draft").arg(&seed).arg("--out").arg(&out).output().ok();
    assert!(again.as_ref().is_some_and(|r| !r.status.success()));
    assert!(again.as_ref().is_some_and(|r| String::from_utf8_lossy(&r.stderr).contains("never overwrites")));
    assert_eq!(std::fs::read(&out).unwrap_or_default(), before);
}

#[test]
fn bad_input_is_refused_and_leaves_no_file() {
    let dir = tmp("bad");
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.txt", b"", "empty"),
        ("junk.bin", b"\x00\x01\x02\x03\xff\xfe\x00\x00binary", "not text"),
        ("fake.docx", "第三章 功能布局".as_bytes(), "not a zip"),
        ("broken.docx", b"PK\x03\x04not really a zip archive", "not a .docx"),
    ];
    for (name, bytes, says) in cases {
        let input = dir.join(name);
        let _ = std::fs::write(&input, bytes);
        let out = dir.join(format!("{name}.toml"));
        let r = planmap().arg("draft").arg(&input).arg("--out").arg(&out).output().ok();
        let err = r.as_ref().map(|r| String::from_utf8_lossy(&r.stderr).into_owned()).unwrap_or_default();
        assert!(r.as_ref().is_some_and(|r| !r.status.success()), "{name}: {err}");
        assert!(err.contains(says) && err.contains(name), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
        assert!(!out.exists() && !out.with_extension("geojson").exists(), "{name}: a file was left behind");
    }
    // A region the index does not know.
    let input = dir.join("plan.txt");
    let _ = std::fs::write(&input, "某某市卫生健康规划\n第一章 总则\n正文。\n");
    let out = dir.join("plan.toml");
    let r = planmap().arg("draft").arg(&input).arg("--region").arg("无此地").arg("--out").arg(&out).output().ok();
    let err = r.as_ref().map(|r| String::from_utf8_lossy(&r.stderr).into_owned()).unwrap_or_default();
    assert!(r.as_ref().is_some_and(|r| !r.status.success()) && err.contains("无此地"), "{err}");
    assert!(!out.exists() && !dir.join("plan.geojson").exists());
}

#[test]
fn a_plan_without_slogan_still_gets_skeleton_and_facts() {
    let Ok(index) = ChinaGazetteer::new() else { panic!("the built-in bundle loads") };
    let region = index.find("宝鸡市").unwrap_or_default();
    let text = "宝鸡市医疗规划\n第四章 重点工作\n第二节 医疗\n推动陇县医院和眉县医院等县级医院创建三级医院。\n";
    let d = draft::draft(text, &region);
    assert!(d.slogan.is_none() && !d.notes.is_empty());
    let h: Vec<(&str, &str, Option<&str>)> = d
        .facts
        .iter()
        .filter(|f| f.kind == draft::FactKind::Hospital)
        .map(|f| (f.name.text.as_str(), f.source.as_str(), f.detail.as_ref().map(|q| q.text.as_str())))
        .collect();
    assert_eq!(h, [("陇县医院", "第四章 第二节", Some("创建三级医院")), ("眉县医院", "第四章 第二节", Some("创建三级医院"))]);
}

#[test]
fn hospitals_named_in_one_phrase_are_expanded() {
    let Ok(index) = ChinaGazetteer::new() else { panic!("the built-in bundle loads") };
    let region = index.find("曲靖市").unwrap_or_default();
    let text = "第四章 任务\n对沾益区、马龙区、陆良县人民医院感染性疾病科进行规范和提升。\n";
    let d = draft::draft(text, &region);
    let names: Vec<&str> = d.facts.iter().filter(|f| f.kind == draft::FactKind::Hospital).map(|f| f.name.text.as_str()).collect();
    assert!(names.contains(&"沾益区人民医院") && names.contains(&"马龙区人民医院") && names.contains(&"陆良县人民医院"), "{names:?}");
    let phrase = d.facts.iter().find(|f| f.name.text == "沾益区人民医院").and_then(|f| f.phrase.as_ref()).map(|q| q.text.as_str());
    assert_eq!(phrase, Some("沾益区、马龙区、陆良县人民医院"));
}

/// A minimal Word document: the parts a .docx needs for its text.
fn write_docx(path: &Path, body_xml: &str) {
    use std::io::Write;
    let Ok(file) = std::fs::File::create(path) else { return };
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body_xml}</w:body></w:document>"#
    );
    let _ = zip.start_file("[Content_Types].xml", opts);
    let _ = zip.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#);
    let _ = zip.start_file("word/document.xml", opts);
    let _ = zip.write_all(doc.as_bytes());
    let _ = zip.finish();
}

fn para(t: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{t}</w:t></w:r></w:p>")
}

#[test]
fn a_docx_plan_drafts_like_its_text() {
    let dir = tmp("docx");
    let docx = dir.join("plan.docx");
    let body = [
        para("宝鸡市医疗康养规划"),
        para("第三章 功能布局"),
        para("打造“一核心、两片区”医疗康养发展格局。"),
        para("第一节 “一核心”"),
        para("“一核心”即区域医疗服务中心，以渭滨区、金台区及高新技术产业开发区为主，形成医疗高地。"),
        para("第二节 “两片区”"),
        para("——生态康养服务区。包括眉县、太白县以及陈仓区秦岭保护区范围。"),
        para("——文化康养服务区。包括凤翔区、岐山县等区域。"),
        "<w:tbl><w:tr><w:tc>".to_string() + &para("领域") + "</w:tc><w:tc>" + &para("指标") + "</w:tc></w:tr></w:tbl>",
    ]
    .concat();
    write_docx(&docx, &body);
    let text = planmap::io::plan_text::read(&docx).map(|t| t.text).unwrap_or_default();
    assert!(text.contains("第三章 功能布局\n") && text.contains("领域\t指标\n"), "{text}");
    let out = dir.join("plan.toml");
    let r = planmap().arg("draft").arg(&docx).arg("--out").arg(&out).output().ok();
    let stdout = r.as_ref().map(|r| String::from_utf8_lossy(&r.stdout).into_owned()).unwrap_or_default();
    assert!(r.as_ref().is_some_and(|r| r.status.success()), "{r:?}");
    assert!(stdout.contains("region: 宝鸡市") && stdout.contains("slogan: 一核心、两片区"), "{stdout}");
    let layout = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(layout.contains("name = \"两片区：生态康养服务区\"") && layout.contains("partial = \"秦岭保护区范围\""), "{layout}");
    assert!(out.with_extension("geojson").exists());
}

#[test]
fn drafting_any_piece_of_a_plan_does_not_panic() {
    let Ok(index) = ChinaGazetteer::new() else { panic!("the built-in bundle loads") };
    let region = index.find("宝鸡市").unwrap_or_default();
    for seed in seeds() {
        let text = std::fs::read_to_string(&seed).unwrap_or_default();
        // Cut anywhere (mid-sentence, mid-heading, mid-slogan) and with lines reversed.
        let mut at = 0;
        while at < text.len() {
            let cut = (0..4).map(|k| at + k).find(|&i| text.is_char_boundary(i)).unwrap_or(text.len());
            let (a, b) = text.split_at(cut.min(text.len()));
            let d = draft::draft(b, &region);
            assert!(d.quotes().iter().all(|q| q.spans.iter().all(|s| b.get(s.clone()).is_some())));
            let _ = draft::draft(a, &region);
            at += 7919;
        }
        let reversed: String = text.lines().rev().collect::<Vec<_>>().join("\n");
        let _ = draft::draft(&reversed, &region);
    }
}
