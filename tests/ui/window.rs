//! The real app driven through egui_kittest (no display needed), with the bundled font.

use std::path::PathBuf;

use eframe::egui::{self, Pos2, accesskit::Role};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use geo::{Contains, ConvexHull, Point};
use planmap::model::Target;
use planmap::ui::App;
use planmap::ui::app::Saved;

fn layout(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("layouts/{name}.toml"))
}

use crate::harness::harness;

fn open(name: &str) -> Harness<'static, App> {
    harness(App::new(Some(layout(name)), Saved::default()))
}

fn click_at(h: &mut Harness<'static, App>, pos: Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton { pos, button: egui::PointerButton::Primary, pressed, modifiers: Default::default() });
        h.run_steps(1);
    }
    h.run_steps(2);
}

/// Screen position of a projected point (km).
fn screen_of(h: &Harness<'static, App>, km: [f64; 2]) -> Pos2 {
    let app = h.state();
    let doc = app.map().doc.as_ref().unwrap();
    let [lon, lat] = doc.scene.projection.inverse(km[0], km[1]);
    app.map().screen_pos(lon, lat).unwrap()
}

fn selected_name(h: &Harness<'static, App>) -> Option<String> {
    let app = h.state();
    match &app.map().selected {
        Some(Target::District(a)) => app.map().doc.as_ref()?.boundaries.get(a).map(|f| f.name.clone()),
        _ => None,
    }
}

#[test]
fn starts_on_baoji_and_a_click_in_meixian_shows_tangyu() {
    let mut h = open("baoji");
    assert!(h.query_all_by_label_contains("一核心").next().is_some(), "legend lists the core");
    let (label_at, idx) = {
        let doc = h.state().map().doc.as_ref().unwrap();
        let i = doc.boundaries.index_of("610326").unwrap();
        (doc.scene.shapes[i].label_at, i)
    };
    let pos = screen_of(&h, [f64::from(label_at[0]), f64::from(label_at[1])]);
    assert!(h.state().map().map_rect.contains(pos), "眉县 is in view at {pos:?}");
    click_at(&mut h, pos);
    assert_eq!(selected_name(&h).as_deref(), Some("眉县"), "feature {idx}");
    assert!(h.query_all_by_label_contains("汤峪温泉").next().is_some(), "the details panel shows 汤峪温泉");
    assert!(h.query_all_by_label_contains("眉县人民医院").next().is_some());
}

#[test]
fn a_click_in_a_concave_notch_selects_the_county_really_there() {
    let mut h = open("baoji");
    // Find a point inside some county's convex hull but outside the county itself, where
    // another county is: a fan-filled map would show the wrong county there.
    let (point, expected) = {
        let doc = h.state().map().doc.as_ref().unwrap();
        let view = h.state().map().view.unwrap();
        let shapes = &doc.scene.shapes;
        let polygons: Vec<_> = shapes.iter().map(|s| s.polygon()).collect();
        let mut found = None;
        'outer: for (a, shape) in shapes.iter().enumerate() {
            let hull = polygons[a].convex_hull();
            let [x0, y0, x1, y1] = shape.bbox;
            for gy in 1..40 {
                for gx in 1..40 {
                    let p = Point::new(x0 + (x1 - x0) * f64::from(gx) / 40.0, y0 + (y1 - y0) * f64::from(gy) / 40.0);
                    if hull.contains(&p) && !polygons[a].contains(&p) {
                        // Well inside the other county, so one pixel of rounding cannot matter.
                        let b = polygons.iter().position(|s| s.contains(&p));
                        let margin = 3.0 / view.scale;
                        let solid = b.is_some_and(|b| {
                            [[margin, 0.0], [-margin, 0.0], [0.0, margin], [0.0, -margin]].iter().all(|d| polygons[b].contains(&Point::new(p.x() + d[0], p.y() + d[1])))
                        });
                        if let (Some(b), true) = (b, solid) {
                            assert_ne!(a, b);
                            found = Some(([p.x(), p.y()], doc.boundaries.features[b].name.clone()));
                            break 'outer;
                        }
                    }
                }
            }
        }
        found.expect("Baoji has concave counties with a neighbour in a notch")
    };
    let pos = screen_of(&h, point);
    click_at(&mut h, pos);
    assert_eq!(selected_name(&h), Some(expected));
}

#[test]
fn searching_qujing_third_hospital_shows_it() {
    let mut h = open("qujing");
    h.get_by_role(Role::TextInput).focus();
    h.run_steps(1);
    h.get_by_role(Role::TextInput).type_text("曲靖市第三人民医院");
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert!(matches!(h.state().map().selected, Some(Target::Hospital { .. })), "{:?}", h.state().map().selected);
    assert!(h.query_all_by_label_contains("精神科").next().is_some(), "the hospital's focus is shown");
}

#[test]
fn a_legend_toggle_hides_a_structure() {
    let mut h = open("baoji");
    let core_color = {
        let doc = h.state().map().doc.as_ref().unwrap();
        planmap::scene::fills::rgba(doc.plan.as_ref().unwrap().structure_color(0))
    };
    let has_core = |h: &Harness<'static, App>| h.state().map().doc.as_ref().unwrap().fill.pieces.iter().any(|p| p.color == core_color);
    assert!(has_core(&h), "the core is drawn at first");
    h.get_all_by_role(Role::CheckBox).next().unwrap().click();
    h.run_steps(3);
    assert!(!h.state().map().doc.as_ref().unwrap().visible[0]);
    assert!(!has_core(&h), "the core's colour is gone from the map");
}

#[test]
fn clicking_a_structure_in_the_legend_shows_its_positioning() {
    let mut h = open("baoji");
    h.get_by_label_contains("中医药康养服务区").click();
    h.run_steps(3);
    assert_eq!(h.state().map().focus_structure, Some(2));
    assert!(h.query_all_by_label_contains("休闲康养产业集群").next().is_some());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().map().focus_structure, None, "Escape clears");
}

#[test]
fn a_broken_file_keeps_the_previous_layout() {
    let mut h = open("baoji");
    let dir = std::env::temp_dir().join(format!("planmap-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[plan]\ntitle = 3\n").unwrap();
    h.state_mut().open(&bad);
    h.run_steps(3);
    assert_eq!(h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().plan.region, "宝鸡市");
    assert!(h.query_all_by_label_contains("bad.toml:2:9").next().is_some(), "the located error is shown in the window");
}

#[test]
fn plain_geojson_opens_coloured_by_a_property() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/boundaries/chongqing.geojson");
    let h = harness(App::new(Some(path), Saved::default()));
    let doc = h.state().map().doc.as_ref().unwrap();
    assert!(doc.plan.is_none());
    assert_eq!(doc.boundaries.features.len(), 38);
    assert!(h.query_all_by_label_contains("38").next().is_some());
}

#[test]
fn presentation_steps_by_keyboard_and_the_caption_changes() {
    let mut h = open("baoji");
    h.key_press(egui::Key::F5);
    h.run_steps(3);
    assert_eq!(h.state().map().present.as_ref().map(|p| p.step), Some(0), "F5 starts on the title card");
    assert!(h.query_all_by_label_contains("一核心、三片区、十二品").next().is_some(), "the title card shows the slogan");
    let steps = h.state().map().present.as_ref().unwrap().steps.len();
    assert_eq!(steps, 5, "core, three zones, the twelve products together");

    h.key_press(egui::Key::ArrowRight);
    h.run_steps(3);
    assert_eq!(h.state().map().present.as_ref().unwrap().step, 1);
    assert!(h.query_all_by_label_contains(&format!("1 of {steps}")).next().is_some() || h.query_all_by_label_contains("第 1 步").next().is_some());
    assert!(h.query_all_by_label_contains("医疗康养集聚地").next().is_some(), "the core's positioning is the caption");

    h.key_press(egui::Key::PageDown);
    h.run_steps(3);
    assert_eq!(h.state().map().present.as_ref().unwrap().step, 2);
    assert!(h.query_all_by_label_contains("生态森林养生").next().is_some(), "the caption changed to the first zone");
    assert!(h.query_all_by_label_contains("医疗康养集聚地").next().is_none());

    for _ in 0..10 {
        h.key_press(egui::Key::ArrowRight);
        h.run_steps(1);
    }
    assert_eq!(h.state().map().present.as_ref().unwrap().step, steps, "stepping stops at the last step");
    h.key_press(egui::Key::PageUp);
    h.run_steps(2);
    assert_eq!(h.state().map().present.as_ref().unwrap().step, steps - 1);

    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().map().present.is_none(), "Esc leaves the presentation");
}

#[test]
fn edit_flow_pick_a_structure_click_a_county_undo_redo() {
    let path = {
        let dir = std::env::temp_dir().join(format!("planmap-ui-edit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let abs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/boundaries/baoji.geojson");
        let src = std::fs::read_to_string(layout("baoji")).unwrap().replacen("\"../assets/boundaries/baoji.geojson\"", &format!("{:?}", abs.to_str().unwrap()), 1);
        let p = dir.join("baoji.toml");
        std::fs::write(&p, src).unwrap();
        p
    };
    let mut app = App::new(Some(path), Saved::default());
    app.lang = planmap::ui::strings::Lang::En;
    let mut h = harness(app);
    h.get_by_label("Edit").click();
    h.run_steps(2);
    assert!(h.state().map().edit_mode);
    let tcm = h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().structures.iter().position(|s| s.name == "中医药康养服务区").unwrap();
    h.get_all_by_label("Pick").nth(tcm).unwrap().click();
    h.run_steps(2);
    assert_eq!(h.state().map().focus_structure, Some(tcm));

    let qianyang = {
        let doc = h.state().map().doc.as_ref().unwrap();
        doc.scene.shapes[doc.boundaries.index_of("610328").unwrap()].label_at
    };
    let pos = screen_of(&h, [f64::from(qianyang[0]), f64::from(qianyang[1])]);
    click_at(&mut h, pos);
    let member = |h: &Harness<'static, App>| h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().structures[tcm].member_for("610328").is_some();
    assert!(member(&h), "clicking 千阳县 added it to the zone");
    assert!(h.state().map().doc.as_ref().unwrap().is_dirty());

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert!(!member(&h), "Ctrl+Z undid it");
    h.key_press_modifiers(egui::Modifiers::COMMAND | egui::Modifiers::SHIFT, egui::Key::Z);
    h.run_steps(2);
    assert!(member(&h), "Ctrl+Shift+Z redid it");
    click_at(&mut h, pos);
    assert!(!member(&h), "a second click removes it again");
}

#[test]
fn the_last_file_and_view_come_back_and_hidpi_works() {
    let qujing = layout("qujing");
    let saved = Saved { last: Some(qujing.clone()), recent: vec![qujing.clone()], lang: Some(planmap::ui::strings::Lang::En), view: Some(([1.0, 2.0], 3.5)) };
    let app = App::new(None, saved);
    assert_eq!(app.map().doc.as_ref().unwrap().plan.as_ref().unwrap().plan.region, "曲靖市");
    assert_eq!(app.map().view.map(|v| (v.center, v.scale)), Some(([1.0, 2.0], 3.5)), "the view is restored");
    let again = app.saved();
    assert!(again.last.as_ref().is_some_and(|p| p.ends_with("qujing.toml")));

    let mut h = Harness::builder()
        .with_size(egui::vec2(900.0, 600.0))
        .with_pixels_per_point(2.0)
        .with_context_setup(planmap::ui::style::setup)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), App::new(Some(layout("baoji")), Saved::default()));
    h.run_steps(3);
    assert!(h.state().map().map_rect.width() > 100.0 && h.state().map().map_rect.height() > 100.0, "a small HiDPI window still has a map: {:?}", h.state().map().map_rect);
}

// ── Panes and commands ──────────────────────────────────────────────────────────────────────

use planmap::document::Document;
use planmap::model::edit::Command as Edit;
use planmap::ui::command::Command;

/// A private copy of the Baoji layout (boundaries path made absolute) in its own folder.
fn private_baoji(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("planmap-ui-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let abs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/boundaries/baoji.geojson");
    let src = std::fs::read_to_string(layout("baoji")).unwrap().replacen("\"../assets/boundaries/baoji.geojson\"", &format!("{:?}", abs.to_str().unwrap()), 1);
    let p = dir.join("baoji.toml");
    std::fs::write(&p, src).unwrap();
    p
}

/// The layout at `path` after `edit`, as text (made on a separate document, as another editor
/// would).
fn edited_text(path: &PathBuf, edit: Edit) -> String {
    let scratch = path.with_file_name("scratch.toml");
    std::fs::copy(path, &scratch).unwrap();
    let mut doc = Document::open(&scratch).unwrap().0;
    doc.edit(&edit).unwrap();
    doc.editor.as_ref().unwrap().text().to_string()
}

fn structure_count(h: &Harness<'static, App>) -> usize {
    h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().structures.len()
}

#[test]
fn a_reload_with_fewer_structures_during_a_presentation_does_not_panic() {
    let path = private_baoji("present-fewer");
    let mut h = harness(App::new(Some(path.clone()), Saved::default()));
    h.key_press(egui::Key::F5);
    h.run_steps(2);
    for _ in 0..10 {
        h.key_press(egui::Key::ArrowRight);
        h.run_steps(1);
    }
    let steps = h.state().map().present.as_ref().unwrap().steps.len();
    assert_eq!(h.state().map().present.as_ref().unwrap().step, steps, "on the last step");
    // Another editor deletes a zone while the last step is shown.
    let n = structure_count(&h);
    std::fs::write(&path, edited_text(&path, Edit::DeleteStructure { structure: 1 })).unwrap();
    h.state_mut().check_external();
    h.run_steps(3);
    assert_eq!(structure_count(&h), n - 1, "the file was reloaded");
    let p = h.state().map().present.as_ref().expect("still presenting");
    assert_eq!(p.steps.len(), steps - 1, "the steps were rebuilt from the new plan");
    assert!(p.step <= p.steps.len());
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(2);
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().map().present.is_none());
}

#[test]
fn a_reload_with_more_structures_during_a_presentation_then_esc_does_not_panic() {
    let path = private_baoji("present-more");
    let mut h = harness(App::new(Some(path.clone()), Saved::default()));
    h.key_press(egui::Key::F5);
    h.run_steps(2);
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(2);
    let n = structure_count(&h);
    let add =
        Edit::AddStructure { id: "zone-new".into(), kind: planmap::model::StructureKind::Zone, name: "新增片区".into(), color: "#123456".into(), source: "测试".into() };
    std::fs::write(&path, edited_text(&path, add)).unwrap();
    h.state_mut().check_external();
    h.run_steps(3);
    assert_eq!(structure_count(&h), n + 1);
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert!(h.state().map().present.is_none(), "Esc leaves the presentation");
    assert!(h.query_all_by_label_contains("新增片区").next().is_some(), "the legend lists the new structure");
    assert_eq!(h.state().map().doc.as_ref().unwrap().visible.len(), n + 1);
}

#[test]
#[cfg(unix)] // Unix permissions make the folder unwritable.
fn a_failed_save_then_open_stays_shows_the_error_and_opens_nothing() {
    let path = private_baoji("readonly");
    let dir = path.parent().unwrap().to_path_buf();
    let mut app = App::new(Some(path.clone()), Saved::default());
    app.lang = planmap::ui::strings::Lang::En;
    let mut h = harness(app);
    h.state_mut().edit(Edit::RenameStructure { structure: 0, name: "未保存的核心".into() });
    h.run_steps(2);
    // Make the folder read-only. Root ignores permissions: then put a file where the folder
    // was, which makes every write into it fail just the same.
    use planmap::ui::dialogs::{Answer, Confirm};
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let moved = dir.with_extension("moved");
    let writable = std::fs::write(dir.join("probe"), "x").is_ok();
    if writable {
        let _ = std::fs::remove_file(dir.join("probe"));
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::fs::rename(&dir, &moved).unwrap();
        std::fs::write(&dir, "not a folder").unwrap();
    }
    h.state_mut().apply(Command::Open(layout("qujing")));
    h.run_steps(2);
    assert!(matches!(h.state().confirm, Some(Confirm::Open(_))), "unsaved edits: asks first");
    h.state_mut().apply(Command::Answer(Answer::Save));
    h.run_steps(3);
    let app = h.state();
    let plan = app.map().doc.as_ref().unwrap().plan.as_ref().unwrap();
    assert_eq!(plan.plan.region, "宝鸡市", "the other file was not opened");
    assert_eq!(plan.structures[0].name, "未保存的核心", "the edits are still there");
    assert!(app.map().is_dirty());
    assert!(app.problems.iter().any(|d| d.is_error()), "the error is kept: {:?}", app.problems);
    assert!(h.query_all_by_label_contains("Save failed").next().is_some(), "and shown in the window");
    // Clean up.
    if writable {
        std::fs::remove_file(&dir).unwrap();
        std::fs::rename(&moved, &dir).unwrap();
    } else {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn ctrl_z_in_the_search_box_does_not_undo_a_layout_edit() {
    let path = private_baoji("search-undo");
    let mut h = harness(App::new(Some(path), Saved::default()));
    h.state_mut().edit(Edit::RenameStructure { structure: 0, name: "改过的核心".into() });
    h.run_steps(2);
    let name = |h: &Harness<'static, App>| h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().structures[0].name.clone();
    h.get_by_role(Role::TextInput).focus();
    h.run_steps(1);
    h.get_by_role(Role::TextInput).type_text("眉县");
    h.run_steps(2);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(name(&h), "改过的核心", "Ctrl+Z in the search box is the text field's own");
    // Outside the text field it undoes the edit.
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!h.state().map().doc.as_ref().unwrap().is_dirty() || name(&h) == "改过的核心");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run_steps(2);
    assert_eq!(name(&h), "一核心", "Ctrl+Z on the map undoes the edit");
}

#[test]
fn renaming_in_the_legend_commits_on_enter_as_one_undo_step() {
    let path = private_baoji("rename");
    let mut app = App::new(Some(path), Saved::default());
    app.lang = planmap::ui::strings::Lang::En;
    let mut h = harness(app);
    h.get_by_label("Edit").click();
    h.run_steps(2);
    let name = |h: &Harness<'static, App>| h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().structures[0].name.clone();
    let revision = |h: &Harness<'static, App>| h.state().map().doc.as_ref().unwrap().revision;
    let before = revision(&h);
    // The first structure's name field (the search box and the plan's fields come before it).
    h.get_all_by_role(Role::TextInput).find(|n| n.value().as_deref() == Some("一核心")).unwrap().focus();
    h.run_steps(1);
    h.get_all_by_role(Role::TextInput).find(|n| n.value().as_deref() == Some("一核心")).unwrap().type_text("之核");
    h.run_steps(2);
    assert_eq!(name(&h), "一核心", "nothing is applied while typing");
    assert_eq!(revision(&h), before, "no re-check or refill per keystroke");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(name(&h), "一核心之核", "Enter commits the name");
    assert_eq!(revision(&h), before + 1, "one change");
    h.state_mut().apply(Command::Undo);
    h.run_steps(1);
    assert_eq!(name(&h), "一核心", "one undo step takes it back");
    assert!(!h.state().undo_available(), "and it was the only one");
}

/// A structure's colour typed as #RRGGBB in the popup beside its name: anything else changes
/// nothing and says how to write it; a good one recolours the structure as one undo step.
#[test]
fn a_colour_typed_as_hex_is_checked_before_it_recolours() {
    use planmap::model::Rgb;
    use planmap::ui::forms::parse_hex;
    assert_eq!(parse_hex(" #8DD3C7 "), Some(Rgb([0x8d, 0xd3, 0xc7])), "spaces and case");
    assert_eq!(parse_hex("8dd3c7"), Some(Rgb([0x8d, 0xd3, 0xc7])), "the # is optional");
    for bad in ["", "#", "#12345", "#1234567", "#12zz45", "##123456", "red", "#１２３４５６"] {
        assert_eq!(parse_hex(bad), None, "{bad:?}");
    }

    let path = private_baoji("hex");
    let mut app = App::new(Some(path), Saved::default());
    app.lang = planmap::ui::strings::Lang::En;
    let mut h = harness(app);
    h.get_by_label("Edit").click();
    h.run_steps(2);
    let colour = |h: &Harness<'static, App>| h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().structure_color(0);
    let revision = |h: &Harness<'static, App>| h.state().map().doc.as_ref().unwrap().revision;
    let (before, rev) = (colour(&h), revision(&h));
    let shown = format!("#{:02x}{:02x}{:02x}", before.0[0], before.0[1], before.0[2]);
    h.get_by_label("Colour 一核心").click();
    h.run_steps(2);
    let type_over = |h: &mut Harness<'static, App>, from: &str, text: &str| {
        h.get_all_by_role(Role::TextInput).find(|n| n.value().as_deref() == Some(from)).unwrap_or_else(|| panic!("a field showing {from}")).focus();
        h.run_steps(1);
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.run_steps(1);
        h.get_all_by_role(Role::TextInput).find(|n| n.value().as_deref() == Some(from)).unwrap().type_text(text);
        h.run_steps(2);
        h.key_press(egui::Key::Enter);
        h.run_steps(3);
    };
    type_over(&mut h, &shown, "#12zz45");
    assert_eq!((colour(&h), revision(&h)), (before, rev), "a bad colour changes nothing");
    assert!(h.query_by_label_contains("Write it as #RRGGBB").is_some(), "and says how to write it");

    type_over(&mut h, "#12zz45", "#123456");
    assert_eq!(colour(&h), Rgb([0x12, 0x34, 0x56]), "a good one recolours");
    assert_eq!(revision(&h), rev + 1, "as one change");
    assert!(h.query_by_label_contains("Write it as #RRGGBB").is_none(), "the complaint goes");
    let text = h.state().map().doc.as_ref().unwrap().editor.as_ref().unwrap().text().to_string();
    assert!(text.contains("\"#123456\""), "written to the file");
}

/// The plan's title typed in edit mode's Plan fields: committed on Enter as one change,
/// written into `[plan]` with the file's comments kept.
#[test]
fn the_plan_title_is_edited_in_the_legend_keeping_comments() {
    let path = private_baoji("plan-title");
    let mut app = App::new(Some(path), Saved::default());
    app.lang = planmap::ui::strings::Lang::En;
    let mut h = harness(app);
    h.get_by_label("Edit").click();
    h.run_steps(2);
    let title = |h: &Harness<'static, App>| h.state().map().doc.as_ref().unwrap().plan.as_ref().unwrap().plan.title.clone();
    let old = title(&h);
    let field = |h: &Harness<'static, App>, v: &str| h.get_all_by_role(Role::TextInput).any(|n| n.value().as_deref() == Some(v));
    assert!(field(&h, &old), "the title is a text field");
    h.get_all_by_role(Role::TextInput).find(|n| n.value().as_deref() == Some(old.as_str())).unwrap().focus();
    h.run_steps(1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run_steps(1);
    h.get_all_by_role(Role::TextInput).find(|n| n.value().as_deref() == Some(old.as_str())).unwrap().type_text("宝鸡市卫生健康规划");
    h.run_steps(2);
    assert_eq!(title(&h), old, "nothing applied while typing");
    h.key_press(egui::Key::Enter);
    h.run_steps(3);
    assert_eq!(title(&h), "宝鸡市卫生健康规划");
    let text = h.state().map().doc.as_ref().unwrap().editor.as_ref().unwrap().text().to_string();
    assert!(text.contains("title = \"宝鸡市卫生健康规划\"") && text.contains("# Every fact below comes from the plan document"), "{}", &text[..text.len().min(600)]);
    h.state_mut().apply(Command::Undo);
    h.run_steps(1);
    assert_eq!(title(&h), old, "one undo step");
}

#[test]
fn idle_frames_change_nothing() {
    let mut h = open("baoji");
    let revision = h.state().map().doc.as_ref().unwrap().revision;
    h.run_steps(5);
    assert_eq!(h.state().map().doc.as_ref().unwrap().revision, revision, "no refill, no plan rebuilt, on frames where nothing happens");
}

#[test]
fn compare_two_copies_linked_pan_and_a_click_highlights_the_counterpart() {
    let copy = private_baoji("compare");
    let mut h = harness(App::compare(layout("baoji"), &copy, Saved::default()));
    h.run_steps(2);
    assert_eq!(h.state().maps.len(), 2, "two map panes");
    assert!(h.state().same_region(0, 1));
    let (left, right) = (h.state().maps[0].map_rect, h.state().maps[1].map_rect);
    assert!(left.max.x <= right.min.x + 1.0, "side by side: {left:?} {right:?}");
    assert!(h.query_all_by_label_contains("一核心").count() >= 2, "each pane has its own legend");
    // Click 眉县 in the left map: the right map marks it.
    let at = {
        let doc = h.state().maps[0].doc.as_ref().unwrap();
        let s = &doc.scene.shapes[doc.boundaries.index_of("610326").unwrap()];
        let [lon, lat] = doc.scene.projection.inverse(f64::from(s.label_at[0]), f64::from(s.label_at[1]));
        h.state().maps[0].screen_pos(lon, lat).unwrap()
    };
    click_at(&mut h, at);
    assert_eq!(h.state().maps[0].selected, Some(Target::District("610326".into())));
    assert_eq!(h.state().maps[1].counterpart.as_deref(), Some("610326"), "the other pane highlights the same adcode");
    // Drag the left map: the right one follows.
    let start = left.center();
    h.drag_at(start);
    h.run_steps(1);
    h.hover_at(start + egui::vec2(80.0, 30.0));
    h.run_steps(1);
    h.drop_at(start + egui::vec2(120.0, 40.0));
    h.run_steps(2);
    let (a, b) = (h.state().maps[0].view.unwrap(), h.state().maps[1].view.unwrap());
    assert_eq!(a, b, "linked views pan together");
}

#[test]
fn compare_two_regions_keeps_views_free_and_marks_nothing_absent() {
    let mut h = harness(App::compare(layout("baoji"), &layout("qujing"), Saved::default()));
    h.run_steps(2);
    assert!(!h.state().same_region(0, 1));
    let region = |i: usize| h.state().maps[i].doc.as_ref().unwrap().plan.as_ref().unwrap().plan.region.clone();
    assert_eq!((region(0), region(1)), ("宝鸡市".to_string(), "曲靖市".to_string()));
    assert_ne!(h.state().maps[0].view, h.state().maps[1].view, "each map fits its own layout");
    h.state_mut().apply_to(0, Command::Select(Some(Target::District("610326".into()))));
    h.run_steps(1);
    assert_eq!(h.state().maps[1].counterpart, None, "曲靖 has no 眉县");
    h.state_mut().apply(Command::CloseCompare);
    h.run_steps(1);
    assert_eq!(h.state().maps.len(), 1);
}

#[test]
fn window_and_export_draw_the_same_labels_and_markers() {
    // 沙坪坝 puts places without a boundary of their own in its streets: they get markers.
    let mut h = open("shapingba");
    // It opens framed on 沙坪坝区 and its neighbours: zoomed in, so detail labels show too.
    h.run_steps(2);
    let (rect, view) = (h.state().map().map_rect, h.state().map().view.unwrap());
    let mut window_texts = std::collections::BTreeSet::new();
    let mut window_markers = Vec::new();
    for clipped in &h.output().shapes {
        if clipped.clip_rect != rect {
            continue;
        }
        match &clipped.shape {
            egui::Shape::Text(t) => {
                window_texts.insert(t.galley.text().to_string());
            }
            egui::Shape::Circle(c) => window_markers.push([c.center.x, c.center.y]),
            _ => {}
        }
    }
    let doc = h.state().map().doc.as_ref().unwrap();
    let pic = planmap::export::compose_map(doc, view, [rect.min.x, rect.min.y, rect.max.x, rect.max.y], &Default::default());
    let mut export_texts = std::collections::BTreeSet::new();
    let mut export_markers = Vec::new();
    for item in &pic.items {
        match item {
            planmap::export::picture::Item::Text { text, .. } => {
                export_texts.insert(text.clone());
            }
            // Markers are 24-sided circles filled in their structure's colour.
            planmap::export::picture::Item::Fill { rings, .. } if rings.len() == 1 && rings[0].len() == 24 => {
                let n = rings[0].len() as f32;
                export_markers.push(rings[0].iter().fold([0.0, 0.0], |a, p| [a[0] + p[0] / n, a[1] + p[1] / n]));
            }
            _ => {}
        }
    }
    assert!(window_texts.len() > 5, "the window drew labels: {window_texts:?}");
    assert_eq!(window_texts, export_texts, "the same labels in the window and in the export");
    assert!(!window_markers.is_empty(), "markers for places without a boundary are drawn");
    assert_eq!(window_markers.len(), export_markers.len());
    for (w, e) in window_markers.iter().zip(&export_markers) {
        assert!((w[0] - e[0]).abs() < 0.5 && (w[1] - e[1]).abs() < 0.5, "marker at {w:?} vs {e:?}");
    }
    assert!(window_texts.iter().any(|t| doc.boundaries.features.iter().any(|f| &f.name == t)), "county names among them");
}

#[test]
fn a_docked_pane_opens_from_the_view_menu_and_its_commands_apply() {
    let mut app = App::new(Some(layout("baoji")), Saved::default());
    app.lang = planmap::ui::strings::Lang::En;
    let mut h = harness(app);
    h.state_mut().apply(Command::TogglePane("summary"));
    h.run_steps(2);
    assert!(h.query_all_by_label_contains("Plan summary").next().is_some());
    // The summary lists structures; clicking one selects it in the map pane.
    h.get_all_by_label("中医药康养服务区").last().unwrap().click();
    h.run_steps(2);
    assert_eq!(h.state().map().focus_structure, Some(2));
}

#[test]
fn keys_a_text_field_does_not_use_still_reach_the_app() {
    let mut h = open("baoji");
    h.get_by_role(Role::TextInput).focus();
    h.run_steps(1);
    h.get_by_role(Role::TextInput).type_text("眉");
    h.run_steps(1);
    h.key_press(egui::Key::ArrowLeft);
    h.run_steps(1);
    assert!(h.state().map().present.is_none(), "the arrow moved the text cursor, nothing else");
    h.key_press(egui::Key::F5);
    h.run_steps(2);
    assert!(h.state().map().present.is_some(), "F5 presents even from the search box");
}

#[test]
fn settings_from_another_version_keep_the_recent_files() {
    // Written by a version with fewer fields (and one this version does not know).
    let saved: Saved = serde_json::from_str(r#"{"recent":["/maps/baoji.toml"],"panes":{"charts":true}}"#).unwrap();
    assert_eq!(saved.recent, vec![PathBuf::from("/maps/baoji.toml")]);
    assert!(saved.last.is_none() && saved.view.is_none());
}

#[test]
fn compare_with_the_file_on_disk_shows_the_saved_version_beside_the_edits() {
    let path = private_baoji("compare-disk");
    let mut h = harness(App::new(Some(path), Saved::default()));
    h.state_mut().edit(Edit::RenameStructure { structure: 0, name: "未保存的核心".into() });
    h.state_mut().apply(Command::CompareWithDisk);
    h.run_steps(3);
    let name = |i: usize| h.state().maps[i].doc.as_ref().unwrap().plan.as_ref().unwrap().structures[0].name.clone();
    assert_eq!((name(0), name(1)), ("未保存的核心".to_string(), "一核心".to_string()), "mine on the left, the file on the right");
    assert!(h.state().same_region(0, 1), "the same boundaries: the views are linked");
    assert_eq!(h.state().maps[0].view, h.state().maps[1].view);
}

/// A structure name carrying a terminal escape and a bell (a hostile or broken file) is shown
/// written out in the legend and the details, never as raw control characters.
#[test]
fn control_characters_in_a_layout_are_written_out_in_the_window() {
    let dir = std::env::temp_dir().join(format!("planmap-ui-controls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = std::fs::read_to_string(layout("baoji")).unwrap().replace("../assets/boundaries/", &format!("{}/assets/boundaries/", env!("CARGO_MANIFEST_DIR")));
    assert!(src.contains("name = \"一核心\""));
    let path = dir.join("baoji.toml");
    std::fs::write(&path, src.replacen("name = \"一核心\"", "name = \"一核心\\u001b]0;pwned\\u0007\"", 1)).unwrap();
    let mut h = harness(App::new(Some(path), Saved::default()));
    assert!(h.state().map().doc.is_some(), "the layout opens");
    let escaped = h.query_all_by_label_contains("\\u{1b}]0;pwned\\u{7}").count();
    assert!(escaped > 0, "the legend writes the escape out");
    assert!(h.query_all_by_label_contains("\u{1b}").next().is_none(), "no raw escape reaches a widget");
    h.query_all_by_label_contains("\\u{1b}]0;pwned").next().unwrap().click();
    h.run_steps(3);
    assert!(h.query_all_by_label_contains("\u{7}").next().is_none(), "nor in the details");
    let _ = std::fs::remove_dir_all(&dir);
}
