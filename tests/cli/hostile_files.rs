//! Hostile files (issue 13, defects 1, 2, 3 and 8): special files, endless and huge files,
//! files with a hundred thousand mistakes, and the leftovers of a killed save. Each must give a
//! clear message quickly, within 2 GB of memory, and lose nothing.

use crate::binary::*;
use crate::support::*;
use std::path::Path;

/// 2 GB, as `ulimit -v 2000000` in the issue.
const TWO_GB_KIB: u64 = 2_000_000;

/// Defect 1: `check` on a FIFO never returned.
#[test]
#[cfg(unix)] // Windows has no FIFOs.
fn check_refuses_a_fifo_at_once() {
    let dir = scratch("fifo");
    let fifo = dir.join("pipe.geojson");
    mkfifo(&fifo);
    let run = planmap(&["check", fifo.to_str().unwrap()], None, 20);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stdout.contains("named pipe (FIFO), not a regular file"), "{}", run.stdout);
}

/// Defect 1: a layout whose `boundaries` names a FIFO hung check, show and export.
#[test]
#[cfg(unix)] // Windows has no FIFOs.
fn a_layout_naming_a_fifo_is_refused_by_check_show_and_export() {
    let dir = scratch("fifo-layout");
    let fifo = dir.join("pipe.geojson");
    mkfifo(&fifo);
    let layout = baoji_in(&dir, &fifo, |s| s);
    let l = layout.to_str().unwrap();
    let out = dir.join("map.png");
    for args in [vec!["check", l], vec!["show", l, "眉县"], vec!["export", l, "--out", out.to_str().unwrap()]] {
        let run = planmap(&args, None, 20);
        assert_eq!(run.code, Some(1), "{args:?}");
        let text = run.stdout + &run.stderr;
        assert!(text.contains("not a regular file"), "{args:?}: {text}");
    }
    assert!(!out.exists());
}

/// Defect 2: `boundaries = "/dev/zero"` or `/dev/urandom` grew until allocation failed.
#[test]
#[cfg(unix)] // Windows has no /dev.
fn endless_devices_as_boundaries_are_refused_within_two_gigabytes() {
    let dir = scratch("devices");
    for device in ["/dev/zero", "/dev/urandom"] {
        let layout = baoji_in(&dir, Path::new(device), |s| s);
        let run = planmap(&["check", layout.to_str().unwrap()], Some(TWO_GB_KIB), 20);
        assert_eq!(run.code, Some(1), "{device}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains("is a device, not a regular file"), "{device}: {}", run.stdout);
    }
}

/// Defect 2: a 2 GB sparse .geojson peaked at 4.2 GB. Now refused by its size, unread.
#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let dir = scratch("sparse");
    let big = dir.join("big.geojson");
    std::fs::File::create(&big).unwrap().set_len(2 << 30).unwrap();
    let run = planmap(&["check", big.to_str().unwrap()], Some(TWO_GB_KIB), 20);
    assert_eq!(run.code, Some(1));
    assert!(run.stdout.contains("2048.0 MiB, larger than the 512.0 MiB planmap reads"), "{}", run.stdout);
}

/// The limit is configurable (PLANMAP_MAX_FILE_MB) and a folder is named as one.
#[test]
fn the_size_limit_is_configurable_and_a_folder_is_not_a_file() {
    let dir = scratch("limit");
    let f = dir.join("two-mib.geojson");
    std::fs::write(&f, format!("{{\"type\": \"FeatureCollection\", \"features\": []{}}}", " ".repeat(2 << 20))).unwrap();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_planmap")).env("PLANMAP_MAX_FILE_MB", "1").arg("check").arg(&f).output().unwrap();
    let text = String::from_utf8_lossy(&run.stdout);
    assert!(text.contains("larger than the 1.0 MiB planmap reads"), "{text}");
    let folder = dir.join("folder.geojson");
    std::fs::create_dir_all(&folder).unwrap();
    let run = planmap(&["check", folder.to_str().unwrap()], None, 20);
    assert!(run.stdout.contains("is a folder, not a regular file"), "{}", run.stdout);
}

/// Defect 3: 20,000 duplicate districts gave 20,000 messages (and took 14 s: each message
/// recounted the lines). Now: the first 100 in file order, then one line counting the rest.
#[test]
fn a_layout_with_twenty_thousand_mistakes_gives_a_hundred_messages_and_a_count() {
    let dir = scratch("many");
    let layout = baoji_in(&dir, &baoji_boundaries(), |mut s| {
        for _ in 0..20_000 {
            s.push_str("\n[[districts]]\nadcode = \"610302\"\nname = \"渭滨区\"\n");
        }
        s
    });
    let diags = match planmap::io::load_layout(&layout) {
        Ok(l) => l.warnings,
        Err(d) => d,
    };
    assert_eq!(diags.len(), planmap::model::MAX_MESSAGES + 1);
    assert!(diags.windows(2).take(99).all(|w| w[0].line <= w[1].line), "file order");
    let last = diags.last().unwrap();
    assert!(last.is_error() && last.message.starts_with("and 19900 more problem(s) not shown (19900 error(s)"), "{last}");
}

/// Defect 3, GeoJSON side: past the cap the errors are still counted, so a file whose errors
/// come after 100 warnings is not accepted.
#[test]
fn errors_past_the_message_cap_still_reject_a_geojson_file() {
    let mut features: Vec<String> = (0..150).map(|i| format!("{{\"type\": \"Feature\", \"properties\": {{\"adcode\": \"{i}\"}}, \"geometry\": null}}")).collect();
    features.push("{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[0, 0], [1, 0], [0, 0]]]}}".into());
    let src = format!("{{\"type\": \"FeatureCollection\", \"features\": [{}]}}", features.join(",\n"));
    let (b, diags) = planmap::io::parse_boundaries(&src, Path::new("late.geojson"));
    assert!(b.is_none(), "a late error rejects the file");
    assert_eq!(diags.len(), 101);
    assert!(diags[100].is_error() && diags[100].message.contains("1 error(s), 50 warning(s)"), "{}", diags[100]);
}

/// Defect 8: each kill during a save left a `.NAME.toml.tmp-PID` file. Opening the folder again
/// removes planmap's own stale temp files, and nothing else.
#[test]
fn stale_save_temp_files_are_cleaned_when_the_folder_is_opened() {
    let dir = scratch("temps");
    let layout = baoji_in(&dir, &baoji_boundaries(), |s| s);
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(600);
    let make = |name: &str, age: Option<std::time::SystemTime>| {
        let p = dir.join(name);
        let f = std::fs::File::create(&p).unwrap();
        if let Some(t) = age {
            f.set_modified(t).unwrap();
        }
        p
    };
    let stale = make(".layout.toml.tmp-4242", Some(old));
    let fresh = make(".layout.toml.tmp-4243", None);
    let other = make(".layout.toml.tmp-notapid", Some(old));
    let users = make("notes.tmp-1", Some(old));
    let (_doc, _) = planmap::document::Document::open(&layout).unwrap_or_else(|d| panic!("{d:?}"));
    assert!(!stale.exists(), "a stale temp file of planmap's is removed");
    assert!(fresh.exists(), "a save in progress elsewhere is left alone");
    assert!(other.exists() && users.exists(), "other files are never touched");
}

// ───────────── Issue 20: the Shapefile, FlatGeobuf and plan-text readers ─────────────

fn gis_fixture(name: &str) -> std::path::PathBuf {
    root().join("tests/fixtures/gis").join(name)
}

/// The FlatGeobuf fixture's bytes with where its header's feature count is, and where its
/// first feature's size prefix is.
fn fgb_parts() -> (Vec<u8>, usize, usize) {
    let bytes = std::fs::read(gis_fixture("baoji3.fgb")).unwrap();
    let mut cursor = std::io::Cursor::new(&bytes[..]);
    let reader = flatgeobuf::FgbReader::open(&mut cursor).unwrap();
    let header = reader.header();
    let (count, node_size) = (header.features_count(), header.index_node_size());
    let header_end = 12 + u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
    let pattern = count.to_le_bytes();
    let hits: Vec<usize> = (8..header_end - 8).filter(|&i| bytes[i..i + 8] == pattern).collect();
    assert_eq!(hits.len(), 1, "the feature count {count} appears once in the header");
    let index = if node_size > 0 { flatgeobuf::packed_r_tree::PackedRTree::index_size(count as usize, node_size) } else { 0 };
    (bytes, hits[0], header_end + index)
}

/// Defect 1: a header claiming 2^32 features aborted the process (`Vec::with_capacity`); a
/// feature size prefix of 0xFFFFFFF0 aborted inside the flatgeobuf crate; a count of
/// u64::MAX panicked with "capacity overflow" before its error.
#[test]
fn flatgeobuf_sizes_from_the_file_are_never_trusted() {
    let dir = scratch("fgb-sizes");
    let (bytes, count_at, first_feature) = fgb_parts();
    let cases: [(&str, usize, Vec<u8>, &str); 3] = [
        ("count-2-32.fgb", count_at, (1u64 << 32).to_le_bytes().to_vec(), "4294967296 features"),
        ("count-max.fgb", count_at, u64::MAX.to_le_bytes().to_vec(), "18446744073709551615 features"),
        ("prefix.fgb", first_feature, 0xFFFF_FFF0u32.to_le_bytes().to_vec(), "feature #1 says it is 4294967280 bytes long"),
    ];
    for (name, at, patch, needle) in cases {
        let mut b = bytes.clone();
        b[at..at + patch.len()].copy_from_slice(&patch);
        let f = dir.join(name);
        std::fs::write(&f, &b).unwrap();
        let run = planmap(&["check", f.to_str().unwrap()], Some(TWO_GB_KIB), 20);
        assert_eq!(run.code, Some(1), "{name}: {}{}", run.stdout, run.stderr);
        assert!(run.stdout.contains(needle), "{name}: {}", run.stdout);
        assert!(!run.stderr.contains("panicked") && !run.stderr.contains("memory allocation"), "{name}: {}", run.stderr);
    }
}

/// Defect 6: a header that says Point (the features being polygons) and an indexed file
/// claiming more features than it holds passed with warnings only.
#[test]
fn flatgeobuf_header_must_match_its_features() {
    use flatgeobuf::{FgbWriter, GeometryType};
    let dir = scratch("fgb-header");
    let square = geo::Geometry::Polygon(geo::Polygon::new(geo::LineString::from(vec![(107.0, 34.0), (107.1, 34.0), (107.1, 34.1), (107.0, 34.0)]), vec![]));
    let write = |geometry_type: GeometryType, n: usize| {
        let mut w = FgbWriter::create("t", geometry_type).unwrap();
        for _ in 0..n {
            w.add_feature_geom(square.clone(), |_| {}).unwrap();
        }
        let mut out = Vec::new();
        w.write(&mut out).unwrap();
        out
    };
    let f = dir.join("point.fgb");
    let mut points = FgbWriter::create("t", GeometryType::Point).unwrap();
    points.add_feature_geom(geo::Geometry::Point(geo::Point::new(107.0, 34.0)), |_| {}).unwrap();
    let mut bytes = Vec::new();
    points.write(&mut bytes).unwrap();
    std::fs::write(&f, bytes).unwrap();
    let (b, diags) = planmap::io::load_boundaries(&f);
    assert!(b.is_none(), "{diags:?}");
    assert!(diags.iter().any(|d| d.is_error() && d.message.contains("the header says its features are Point")), "{diags:?}");

    // An indexed file of 3 features whose header says 10,000,000.
    let mut bytes = write(GeometryType::Polygon, 3);
    let header_end = 12 + u32::from_le_bytes(bytes[8..12].try_into().unwrap()) as usize;
    let hits: Vec<usize> = (8..header_end - 8).filter(|&i| bytes[i..i + 8] == 3u64.to_le_bytes()).collect();
    assert_eq!(hits.len(), 1);
    bytes[hits[0]..hits[0] + 8].copy_from_slice(&10_000_000u64.to_le_bytes());
    let f = dir.join("claims.fgb");
    std::fs::write(&f, &bytes).unwrap();
    let (b, diags) = planmap::io::load_boundaries(&f);
    assert!(b.is_none(), "{diags:?}");
    assert!(diags.iter().any(|d| d.is_error() && d.message.contains("10000000 features")), "{diags:?}");
}

/// A copy of the Shapefile fixture in `dir` (.shp, .shx, .dbf, .prj).
fn shapefile_in(dir: &Path) -> std::path::PathBuf {
    for ext in ["shp", "shx", "dbf", "prj"] {
        std::fs::copy(gis_fixture(&format!("baoji3_gk36.{ext}")), dir.join(format!("set.{ext}"))).unwrap();
    }
    dir.join("set.shp")
}

fn check_text(file: &Path) -> (Option<i32>, String) {
    let run = planmap(&["check", file.to_str().unwrap()], Some(TWO_GB_KIB), 20);
    (run.code, run.stdout + &run.stderr)
}

/// Defect 3: a .prj of 100,000 nested `GEOGCS[` (1.4 MB) overflowed the stack.
#[test]
fn a_deeply_nested_prj_is_refused() {
    let dir = scratch("prj-deep");
    let shp = shapefile_in(&dir);
    // 1.4 MB, as in the issue: over the .prj limit, refused unread.
    std::fs::write(shp.with_extension("prj"), "GEOGCS[\"x\",".repeat(100_000)).unwrap();
    let (code, text) = check_text(&shp);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("set.prj") && text.contains("larger than the 64.0 KiB"), "{text}");
    // Within the limit, nested 5,000 deep: refused before the parser recurses.
    std::fs::write(shp.with_extension("prj"), "GEOGCS[".repeat(5_000)).unwrap();
    let (code, text) = check_text(&shp);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("set.prj") && text.contains("nests more than 32 levels"), "{text}");
}

/// Defect 4: the new readers called `std::fs::read`: a FIFO hung them, a symlink to /dev/zero
/// read until allocation failed, sparse 1.5 GB .dbf and .shx files were read whole, a 1.2 GB
/// .prj aborted. Every file and sibling now goes through `read_limited`.
#[cfg(unix)]
#[test]
fn every_reader_and_sibling_refuses_fifos_devices_and_huge_files() {
    let dir = scratch("siblings");
    // A FIFO as the main file of each reader.
    for name in ["pipe.shp", "pipe.fgb", "pipe.txt", "pipe.docx"] {
        let fifo = dir.join(name);
        mkfifo(&fifo);
        let run = if name.ends_with("shp") || name.ends_with("fgb") {
            planmap(&["check", fifo.to_str().unwrap()], Some(TWO_GB_KIB), 20)
        } else {
            planmap(&["draft", fifo.to_str().unwrap(), "--region", "宝鸡市", "--out", dir.join("d.toml").to_str().unwrap()], Some(TWO_GB_KIB), 20)
        };
        assert_eq!(run.code, Some(1), "{name}");
        assert!((run.stdout.clone() + &run.stderr).contains("named pipe (FIFO), not a regular file"), "{name}: {}{}", run.stdout, run.stderr);
    }
    // Each sibling of a Shapefile as a FIFO, as /dev/zero, and as a sparse 1.5 GB file.
    for ext in ["shx", "dbf", "prj", "cpg"] {
        for what in ["fifo", "zero", "sparse"] {
            let case = dir.join(format!("{ext}-{what}"));
            std::fs::create_dir_all(&case).unwrap();
            let shp = shapefile_in(&case);
            let sibling = shp.with_extension(ext);
            let _ = std::fs::remove_file(&sibling);
            match what {
                "fifo" => mkfifo(&sibling),
                "zero" => std::os::unix::fs::symlink("/dev/zero", &sibling).unwrap(),
                _ => std::fs::File::create(&sibling).unwrap().set_len(1536 << 20).unwrap(),
            }
            let (code, text) = check_text(&shp);
            assert_eq!(code, Some(1), "{ext} {what}: {text}");
            let expected = match what {
                "fifo" => "named pipe (FIFO), not a regular file",
                "zero" => "is a device, not a regular file",
                _ => "1536.0 MiB, larger than the",
            };
            assert!(text.contains(&format!("set.{ext}")) && text.contains(expected), "{ext} {what}: {text}");
        }
    }
}

/// Defect 6: a .shx whose offsets all point at record 1 gave three counties one polygon, "ok".
#[test]
fn an_index_whose_records_overlap_is_refused() {
    let dir = scratch("shx-overlap");
    let shp = shapefile_in(&dir);
    let shx = shp.with_extension("shx");
    let mut bytes = std::fs::read(&shx).unwrap();
    let first: [u8; 8] = bytes[100..108].try_into().unwrap();
    for entry in bytes[100..].chunks_exact_mut(8) {
        entry.copy_from_slice(&first);
    }
    std::fs::write(&shx, &bytes).unwrap();
    let (code, text) = check_text(&shp);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("set.shx") && text.contains("record #2 starts at byte 100, inside the header or the record before it"), "{text}");
}

/// A .dbf with two text fields (adcode, name) holding `records`, already encoded.
fn dbf(records: &[(&[u8], &[u8])]) -> Vec<u8> {
    let fields: [(&str, u8); 2] = [("XZQDM", 12), ("XZQMC", 40)];
    let record_len = 1 + fields.iter().map(|f| u16::from(f.1)).sum::<u16>();
    let header_len = 32 + 32 * fields.len() as u16 + 1;
    let mut out = vec![0x03, 126, 1, 1];
    out.extend((records.len() as u32).to_le_bytes());
    out.extend(header_len.to_le_bytes());
    out.extend(record_len.to_le_bytes());
    out.resize(32, 0);
    for (name, len) in fields {
        let mut d = [0u8; 32];
        d[..name.len()].copy_from_slice(name.as_bytes());
        d[11] = b'C';
        d[16] = len;
        out.extend(d);
    }
    out.push(0x0D);
    for (code, name) in records {
        out.push(b' ');
        for (value, (_, len)) in [code, name].into_iter().zip(fields) {
            let mut v = value.to_vec();
            v.resize(len as usize, b' ');
            out.extend(v);
        }
    }
    out.push(0x1A);
    out
}

/// Defect 6: a Big5 .dbf without .cpg was "detected" as GBK and shown as mojibake.
#[test]
fn big5_text_is_not_taken_for_gbk() {
    let dir = scratch("big5");
    let shp = shapefile_in(&dir);
    let big5 = |s: &str| encoding_rs::BIG5.encode(s).0.into_owned();
    let names = [big5("寶雞市渭濱區衛生健康"), big5("寶雞市金臺區醫療機構"), big5("寶雞市陳倉區鄉鎮衛生院")];
    let records: Vec<(&[u8], &[u8])> = names.iter().zip([b"610302", b"610303", b"610304"]).map(|(n, c)| (&c[..], &n[..])).collect();
    std::fs::write(shp.with_extension("dbf"), dbf(&records)).unwrap();
    let (code, text) = check_text(&shp);
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("set.dbf") && text.contains("read as GBK/GB18030") && text.contains("BIG5"), "{text}");
    // The same names in GBK (simplified) are read, and the note says how the encoding was chosen.
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    let names = [gbk("宝鸡市渭滨区卫生健康"), gbk("宝鸡市金台区医疗机构"), gbk("宝鸡市陈仓区乡镇卫生院")];
    let records: Vec<(&[u8], &[u8])> = names.iter().zip([b"610302", b"610303", b"610304"]).map(|(n, c)| (&c[..], &n[..])).collect();
    std::fs::write(shp.with_extension("dbf"), dbf(&records)).unwrap();
    let (code, text) = check_text(&shp);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("GBK/GB18030 (detected: not UTF-8"), "{text}");
}

/// Defect 2: a 684-byte .docx whose list starts at 4294967295 in lowerLetter made the number
/// formatter repeat one letter 165 million times per paragraph (12.6 s, 1.3 GB, SIGABRT).
#[test]
fn a_docx_list_number_bomb_reads_small() {
    use std::io::Write;
    let w = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;
    let para = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>构建一核两翼。</w:t></w:r></w:p>"#;
    let document = format!("<w:document {w}><w:body>{}</w:body></w:document>", para.repeat(20));
    let numbering = format!(
        r#"<w:numbering {w}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="4294967295"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, xml) in [("word/document.xml", document), ("word/numbering.xml", numbering)] {
        zip.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let dir = scratch("numbering-bomb");
    let plan = dir.join("bomb.docx");
    std::fs::write(&plan, &bytes).unwrap();
    let text = planmap::io::plan_text::read(&plan).unwrap().text;
    assert!(text.len() < 20 * 300, "{} bytes of text", text.len());
    assert!(text.lines().next().unwrap().ends_with("构建一核两翼。"), "{text}");
    let out = dir.join("bomb.toml");
    let run = planmap(&["draft", plan.to_str().unwrap(), "--region", "宝鸡市", "--out", out.to_str().unwrap()], Some(TWO_GB_KIB), 60);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
}

/// Defect 10: `draft` wrote the .geojson, then the .toml: a kill between them left half a
/// draft and the same command then refused to run ("exists"). The layout is now written last
/// and a boundary file that holds exactly the draft's is taken as the killed run's.
#[test]
#[cfg(unix)] // A dead run's temporary is told by /proc (and `true` is a Unix program).
fn a_draft_killed_between_its_files_runs_again() {
    let dir = scratch("draft-resume");
    let plan = dir.join("plan.txt");
    std::fs::write(&plan, "《宝鸡市卫生健康规划》\n第三章 空间布局\n构建“一核两翼”格局。一核，即渭滨区。\n").unwrap();
    let out = dir.join("d.toml");
    let args = ["draft", plan.to_str().unwrap(), "--region", "宝鸡市", "--out", out.to_str().unwrap()];
    let run = planmap(&args, None, 60);
    assert_eq!(run.code, Some(0), "{}{}", run.stdout, run.stderr);
    let boundaries = dir.join("d.geojson");
    let json = std::fs::read(&boundaries).unwrap();
    // As a kill after the boundaries and before the layout leaves it, with a dead run's temporary.
    std::fs::remove_file(&out).unwrap();
    let dead = std::process::Command::new("true").spawn().unwrap();
    let pid = dead.id();
    let _ = { dead }.wait();
    let stale = dir.join(format!(".d.toml.tmp-{pid}"));
    std::fs::write(&stale, "half").unwrap();
    let run = planmap(&args, None, 60);
    assert_eq!(run.code, Some(0), "the same command works again: {}{}", run.stdout, run.stderr);
    assert!(out.is_file() && std::fs::read(&boundaries).unwrap() == json);
    assert!(!stale.exists(), "the killed run's temporary is removed");
    // A different file in the boundaries' place is still never overwritten.
    std::fs::remove_file(&out).unwrap();
    std::fs::write(&boundaries, "{}").unwrap();
    let run = planmap(&args, None, 60);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("d.geojson exists"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&boundaries).unwrap(), "{}");
}

/// Defect 10: each kill -9 during a command-line save left a `.NAME.toml.tmp-PID` (25 after 50
/// kills) until the window opened the folder. A save now removes the temporaries of its own
/// file whose process is gone.
#[test]
#[cfg(unix)] // Whether a process is gone is told by /proc (and `true`, `sleep` are Unix programs).
fn a_save_removes_the_temporaries_of_killed_saves() {
    let dir = scratch("save-temps");
    let file = dir.join("layout.toml");
    let dead = std::process::Command::new("true").spawn().unwrap();
    let pid = dead.id();
    let _ = { dead }.wait();
    let stale = dir.join(format!(".layout.toml.tmp-{pid}"));
    let mut running = std::process::Command::new("sleep").arg("30").spawn().unwrap();
    let live = dir.join(format!(".layout.toml.tmp-{}", running.id()));
    let other = dir.join(format!(".other.toml.tmp-{pid}"));
    for p in [&stale, &live, &other] {
        std::fs::write(p, "half").unwrap();
    }
    planmap::io::save::atomic_write(&file, b"x = 1\n").unwrap();
    let _ = running.kill();
    let _ = running.wait();
    assert!(!stale.exists(), "a dead save's temporary of this file is removed");
    assert!(live.exists(), "a save in progress in a running process is left alone");
    assert!(other.exists(), "another file's temporaries are left alone");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x = 1\n");
}
