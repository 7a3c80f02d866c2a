//! The real app driven through egui_kittest (no display needed), with the bundled font.

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use eframe::egui::{self, Pos2, accesskit::Role};
use geo::{ConvexHull, Contains, Point};
use planmap::model::Target;
use planmap::ui::App;
use planmap::ui::app::Saved;

fn layout(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("layouts/{name}.toml"))
}

fn harness(app: App) -> Harness<'static, App> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(planmap::ui::style::setup)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), app);
    h.run_steps(3);
    h
}

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
    let doc = app.doc.as_ref().unwrap();
    let [lon, lat] = doc.scene.projection.inverse(km[0], km[1]);
    app.screen_pos(lon, lat).unwrap()
}

fn selected_name(h: &Harness<'static, App>) -> Option<String> {
    let app = h.state();
    match &app.selected {
        Some(Target::District(a)) => app.doc.as_ref()?.boundaries.get(a).map(|f| f.name.clone()),
        _ => None,
    }
}

#[test]
fn starts_on_baoji_and_a_click_in_meixian_shows_tangyu() {
    let mut h = open("baoji");
    assert!(h.query_all_by_label_contains("一核心").next().is_some(), "legend lists the core");
    let (label_at, idx) = {
        let doc = h.state().doc.as_ref().unwrap();
        let i = doc.boundaries.index_of("610326").unwrap();
        (doc.scene.shapes[i].label_at, i)
    };
    let pos = screen_of(&h, [f64::from(label_at[0]), f64::from(label_at[1])]);
    assert!(h.state().map_rect.contains(pos), "眉县 is in view at {pos:?}");
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
        let doc = h.state().doc.as_ref().unwrap();
        let view = h.state().view.unwrap();
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
                            [[margin, 0.0], [-margin, 0.0], [0.0, margin], [0.0, -margin]]
                                .iter()
                                .all(|d| polygons[b].contains(&Point::new(p.x() + d[0], p.y() + d[1])))
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
    assert!(matches!(h.state().selected, Some(Target::Hospital { .. })), "{:?}", h.state().selected);
    assert!(h.query_all_by_label_contains("精神科").next().is_some(), "the hospital's focus is shown");
}

#[test]
fn a_legend_toggle_hides_a_structure() {
    let mut h = open("baoji");
    let core_color = {
        let doc = h.state().doc.as_ref().unwrap();
        planmap::scene::fills::rgba(doc.plan.as_ref().unwrap().structure_color(0))
    };
    let has_core = |h: &Harness<'static, App>| h.state().doc.as_ref().unwrap().fill.pieces.iter().any(|p| p.color == core_color);
    assert!(has_core(&h), "the core is drawn at first");
    h.get_all_by_role(Role::CheckBox).next().unwrap().click();
    h.run_steps(3);
    assert!(!h.state().doc.as_ref().unwrap().visible[0]);
    assert!(!has_core(&h), "the core's colour is gone from the map");
}

#[test]
fn clicking_a_structure_in_the_legend_shows_its_positioning() {
    let mut h = open("baoji");
    h.get_by_label_contains("中医药康养服务区").click();
    h.run_steps(3);
    assert_eq!(h.state().focus_structure, Some(2));
    assert!(h.query_all_by_label_contains("休闲康养产业集群").next().is_some());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert_eq!(h.state().focus_structure, None, "Escape clears");
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
    assert_eq!(h.state().doc.as_ref().unwrap().plan.as_ref().unwrap().plan.region, "宝鸡市");
    assert!(h.query_all_by_label_contains("bad.toml:2:9").next().is_some(), "the located error is shown in the window");
}

#[test]
fn plain_geojson_opens_coloured_by_a_property() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/boundaries/chongqing.geojson");
    let h = harness(App::new(Some(path), Saved::default()));
    let doc = h.state().doc.as_ref().unwrap();
    assert!(doc.plan.is_none());
    assert_eq!(doc.boundaries.features.len(), 38);
    assert!(h.query_all_by_label_contains("38").next().is_some());
}

#[test]
fn presentation_steps_by_keyboard_and_the_caption_changes() {
    let mut h = open("baoji");
    h.key_press(egui::Key::F5);
    h.run_steps(3);
    assert_eq!(h.state().present.as_ref().map(|p| p.step), Some(0), "F5 starts on the title card");
    assert!(h.query_all_by_label_contains("一核心、三片区、十二品").next().is_some(), "the title card shows the slogan");
    let steps = h.state().present.as_ref().unwrap().steps.len();
    assert_eq!(steps, 5, "core, three zones, the twelve products together");

    h.key_press(egui::Key::ArrowRight);
    h.run_steps(3);
    assert_eq!(h.state().present.as_ref().unwrap().step, 1);
    assert!(h.query_all_by_label_contains(&format!("1 of {steps}")).next().is_some() || h.query_all_by_label_contains("第 1 步").next().is_some());
    assert!(h.query_all_by_label_contains("医疗康养集聚地").next().is_some(), "the core's positioning is the caption");

    h.key_press(egui::Key::PageDown);
    h.run_steps(3);
    assert_eq!(h.state().present.as_ref().unwrap().step, 2);
    assert!(h.query_all_by_label_contains("生态森林养生").next().is_some(), "the caption changed to the first zone");
    assert!(h.query_all_by_label_contains("医疗康养集聚地").next().is_none());

    for _ in 0..10 {
        h.key_press(egui::Key::ArrowRight);
        h.run_steps(1);
    }
    assert_eq!(h.state().present.as_ref().unwrap().step, steps, "stepping stops at the last step");
    h.key_press(egui::Key::PageUp);
    h.run_steps(2);
    assert_eq!(h.state().present.as_ref().unwrap().step, steps - 1);

    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().present.is_none(), "Esc leaves the presentation");
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
    assert!(h.state().edit_mode);
    let tcm = h.state().doc.as_ref().unwrap().plan.as_ref().unwrap().structures.iter().position(|s| s.name == "中医药康养服务区").unwrap();
    h.get_all_by_label("Pick").nth(tcm).unwrap().click();
    h.run_steps(2);
    assert_eq!(h.state().focus_structure, Some(tcm));

    let qianyang = {
        let doc = h.state().doc.as_ref().unwrap();
        doc.scene.shapes[doc.boundaries.index_of("610328").unwrap()].label_at
    };
    let pos = screen_of(&h, [f64::from(qianyang[0]), f64::from(qianyang[1])]);
    click_at(&mut h, pos);
    let member = |h: &Harness<'static, App>| h.state().doc.as_ref().unwrap().plan.as_ref().unwrap().structures[tcm].member_for("610328").is_some();
    assert!(member(&h), "clicking 千阳县 added it to the zone");
    assert!(h.state().doc.as_ref().unwrap().is_dirty());

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
    assert_eq!(app.doc.as_ref().unwrap().plan.as_ref().unwrap().plan.region, "曲靖市");
    assert_eq!(app.view.map(|v| (v.center, v.scale)), Some(([1.0, 2.0], 3.5)), "the view is restored");
    let again = app.saved();
    assert!(again.last.as_ref().is_some_and(|p| p.ends_with("qujing.toml")));

    let mut h = Harness::builder()
        .with_size(egui::vec2(900.0, 600.0))
        .with_pixels_per_point(2.0)
        .with_context_setup(planmap::ui::style::setup)
        .build_ui_state(|ui, app: &mut App| app.ui(ui), App::new(Some(layout("baoji")), Saved::default()));
    h.run_steps(3);
    assert!(h.state().map_rect.width() > 100.0 && h.state().map_rect.height() > 100.0, "a small HiDPI window still has a map: {:?}", h.state().map_rect);
}
